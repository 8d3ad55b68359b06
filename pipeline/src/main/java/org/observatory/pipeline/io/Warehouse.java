package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;
import org.observatory.schemas.text.Message;

/**
 * A warehouse: {@code snapshots/<id>/<table>/country=XXX/*.parquet}, {@code snapshots/<id>/_snapshot.json}, {@code
 * CURRENT}, the id of the published snapshot, and {@code PUBLISHED}, every published snapshot in order ({@link
 * PublishedSnapshots}), on local storage or a Hadoop file system ({@link Storage}). A snapshot is written whole
 * under a new id, then published by replacing {@code CURRENT} atomically and appending it to {@code PUBLISHED};
 * until then readers keep the previous one (invariant 4). A snapshot directory that neither names is not
 * published: it belongs to a run that died, and {@link #recover} removes it under the {@link WarehouseLock}.
 *
 * <p>Partitions an incremental run does not recompute are carried over by hard links to the previous snapshot's
 * files (a copy where links are not possible, and always on Hadoop): the layout readers see is the same, and
 * removing an old snapshot never breaks a newer one.
 */
public final class Warehouse {
    private static final String SNAPSHOTS = "snapshots";
    private static final String SUCCESS = "_SUCCESS";
    private static final int CLAIM_ATTEMPTS = 16;

    private final Location root;
    private final Storage storage;

    public Warehouse(Location root) {
        this.root = requireNonNull(root, "root is null");
        this.storage = root.storage();
    }

    public Location root() {
        return root;
    }

    public Location currentPointer() {
        return root.resolve(DataDirectory.CURRENT);
    }

    public Location publishedLog() {
        return root.resolve(PublishedSnapshots.PUBLISHED);
    }

    public Location snapshot(String snapshotId) {
        return root.resolve(SNAPSHOTS).resolve(snapshotId);
    }

    public Location table(String snapshotId, TableSchema table) {
        return snapshot(snapshotId).resolve(table.name());
    }

    /** The directory of one country partition of a table ({@code country=MEX}: ISO codes need no escaping). */
    public Location partition(String snapshotId, TableSchema table, String partition) {
        return table(snapshotId, table).resolve(SnapshotTables.COUNTRY + "=" + partition);
    }

    /** Takes the warehouse's lock for a run ({@link WarehouseLock}). */
    public WarehouseLock lock(String runId) {
        return WarehouseLock.acquire(root, runId);
    }

    /** The published snapshot's id, or empty when nothing has been published. */
    public Optional<String> currentSnapshotId() {
        Location pointer = currentPointer();
        try {
            String id = new String(storage.read(pointer.path()), StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNREADABLE, pointer, e);
        }
    }

    /** The published snapshots' ids in the order of publication, the current one last ({@link PublishedSnapshots}). */
    public List<String> publishedSnapshotIds() {
        List<String> ids = new ArrayList<>(
                log().stream().map(PublishedSnapshots.Entry::snapshotId).toList());
        currentSnapshotId().ifPresent(id -> {
            ids.remove(id);
            ids.add(id);
        });
        return List.copyOf(ids);
    }

    /**
     * The manifest of a snapshot.
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when the snapshot or its manifest is missing
     */
    public SnapshotManifest manifest(String snapshotId) {
        Location file = snapshot(snapshotId).resolve(DataDirectory.SNAPSHOT_MANIFEST);
        if (!isFile(file)) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.SNAPSHOT_MANIFEST_MISSING,
                            "snapshot",
                            snapshotId,
                            "file",
                            DataDirectory.SNAPSHOT_MANIFEST,
                            "location",
                            file.toString()));
        }
        return JsonFiles.read(file, SnapshotManifest.class);
    }

    /**
     * Makes {@code PUBLISHED} and the snapshot directories agree with {@code CURRENT} after a run that died: adds
     * {@code CURRENT} to {@code PUBLISHED} when a run died between the two (and writes {@code PUBLISHED} for a
     * warehouse that has none yet, from the chain of previous snapshots of {@code CURRENT}), then removes every
     * snapshot directory that is not published and the temporary files of interrupted replacements. Only call it
     * while holding the {@link WarehouseLock}: then no live run is writing an unpublished snapshot.
     *
     * @return the ids of the unpublished snapshot directories removed, sorted
     */
    public List<String> recover() {
        List<PublishedSnapshots.Entry> log = new ArrayList<>(log());
        Optional<String> current = currentSnapshotId();
        boolean changed = false;
        if (!exists(publishedLog()) && current.isPresent()) {
            log.addAll(chainOf(current.get()));
            changed = true;
        }
        if (current.isPresent()
                && log.stream().noneMatch(entry -> entry.snapshotId().equals(current.get()))) {
            log.add(new PublishedSnapshots.Entry(current.get(), modified(currentPointer())));
            changed = true;
        }
        if (changed) {
            writeLog(log);
        }
        Set<String> published = new HashSet<>(publishedSnapshotIds());
        List<String> removed = new ArrayList<>();
        for (String snapshotId : snapshotDirectories()) {
            if (!published.contains(snapshotId)) {
                delete(snapshot(snapshotId), PipelineMessage.REMOVE_SNAPSHOT_FAILED, "snapshot", snapshotId);
                removed.add(snapshotId);
            }
        }
        for (Storage.Entry entry : list(root)) {
            String name = entry.name();
            if (name.startsWith(".") && name.endsWith(".tmp") && !entry.directory()) {
                delete(root.resolve(name), PipelineMessage.REMOVE_TEMPORARY_FAILED, "file", name);
            }
        }
        return removed.stream().sorted().toList();
    }

    /**
     * Creates the directory of a new snapshot under the first id of {@code ids} that no snapshot has yet, and
     * answers with that id. Only a claimed snapshot is ever {@link #discard discarded}.
     */
    public String claim(Supplier<String> ids) {
        requireNonNull(ids, "ids is null");
        Location snapshots = root.resolve(SNAPSHOTS);
        try {
            storage.createDirectories(snapshots.path());
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                String snapshotId = ids.get();
                if (storage.claimDirectory(snapshot(snapshotId).path())) {
                    return snapshotId;
                }
                // another snapshot has this id; draw another
            }
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.SNAPSHOT_DIRECTORY_FAILED, snapshots, e);
        }
        throw new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                Message.of(
                        PipelineMessage.SNAPSHOT_NO_FREE_ID,
                        "location",
                        snapshots.toString(),
                        "attempts",
                        CLAIM_ATTEMPTS));
    }

    /**
     * Marks a table of a new snapshot as written with a {@code _SUCCESS} file, creating its directory for a table
     * this run writes nothing into (then it holds only the marker). An engine may have written the marker already.
     */
    public void markWritten(String snapshotId, TableSchema table) {
        Location directory = table(snapshotId, table);
        try {
            storage.createDirectories(directory.path());
            if (!storage.exists(directory.resolve(SUCCESS).path())) {
                storage.write(directory.resolve(SUCCESS).path(), new byte[0]);
            }
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.TABLE_DIRECTORY_FAILED, directory, e);
        }
    }

    /**
     * Carries country partitions of a table over from a published snapshot into a new one: each file is hard-linked
     * (copied where the file system cannot link, and on Hadoop), so the new snapshot does not depend on the old one.
     *
     * @return the partitions carried over that had files in the old snapshot
     */
    public List<String> carryOver(
            String fromSnapshotId, String toSnapshotId, TableSchema table, Collection<String> partitions) {
        List<String> carried = new ArrayList<>();
        for (String partition : partitions) {
            Location from = partition(fromSnapshotId, table, partition);
            if (!isDirectory(from)) {
                continue;
            }
            Location to = partition(toSnapshotId, table, partition);
            try {
                storage.createDirectories(to.path());
                for (Storage.Entry file : storage.list(from.path())) {
                    if (!file.directory()) {
                        storage.copyFile(
                                from.resolve(file.name()).path(),
                                to.resolve(file.name()).path());
                    }
                }
            } catch (IOException e) {
                throw new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        Message.of(
                                PipelineMessage.CARRY_OVER_FAILED,
                                "from",
                                from.toString(),
                                "to",
                                to.toString(),
                                "problem",
                                e.toString()),
                        e);
            }
            carried.add(partition);
        }
        return carried;
    }

    /**
     * The location of a table of a written snapshot, for an engine to read ({@link Location#uri()}).
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when the snapshot has no such table
     */
    public Location readableTable(String snapshotId, TableSchema table) {
        Location location = table(snapshotId, table);
        if (!isDirectory(location)) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.SNAPSHOT_TABLE_MISSING,
                            "snapshot",
                            snapshotId,
                            "table",
                            table.name(),
                            "location",
                            location.toString()));
        }
        return location;
    }

    /** Writes the snapshot's {@code _snapshot.json}. */
    public void describe(SnapshotManifest manifest) {
        JsonFiles.write(snapshot(manifest.snapshotId()).resolve(DataDirectory.SNAPSHOT_MANIFEST), manifest);
    }

    /**
     * Makes the snapshot the published one: replaces {@code CURRENT} atomically (the moment of publication), then
     * appends the snapshot to {@code PUBLISHED}.
     */
    public void publish(String snapshotId, Instant publishedAt) {
        storage.replace(currentPointer().path(), (snapshotId + "\n").getBytes(StandardCharsets.UTF_8));
        List<PublishedSnapshots.Entry> log = new ArrayList<>(log());
        log.removeIf(entry -> entry.snapshotId().equals(snapshotId));
        log.add(new PublishedSnapshots.Entry(snapshotId, publishedAt.toString()));
        writeLog(log);
    }

    /** Removes what a failed run wrote of a snapshot that was never published. */
    public void discard(String snapshotId) {
        if (publishedSnapshotIds().contains(snapshotId)) {
            throw new IllegalStateException("snapshot " + snapshotId + " is published and cannot be discarded");
        }
        delete(snapshot(snapshotId), PipelineMessage.REMOVE_SNAPSHOT_FAILED, "snapshot", snapshotId);
    }

    /**
     * Retention: removes the oldest published snapshots beyond the {@code keep} most recent. Never the current one,
     * nor one that stopped being current less than {@code grace} ago, nor one with a reader lease ({@code
     * leases/<id>/*}) younger than {@code grace}; those are left for a later run. A snapshot leaves {@code
     * PUBLISHED} before its directory goes, so a run that dies in between leaves an unpublished directory that the
     * next run's {@link #recover} removes.
     *
     * @param keep how many published snapshots to keep, the current one included; 0 keeps all
     * @return the ids of the snapshots removed, oldest first
     */
    public List<String> retain(int keep, Duration grace, Instant now) {
        requireNonNull(grace, "grace is null");
        requireNonNull(now, "now is null");
        if (keep <= 0) {
            return List.of();
        }
        List<PublishedSnapshots.Entry> log = new ArrayList<>(log());
        Optional<String> current = currentSnapshotId();
        Map<String, Instant> supersededAt = new LinkedHashMap<>();
        for (int index = 0; index + 1 < log.size(); index++) {
            supersededAt.put(
                    log.get(index).snapshotId(), parseTime(log.get(index + 1).publishedAt()));
        }
        List<String> removed = new ArrayList<>();
        int beyond = log.size() - keep;
        for (PublishedSnapshots.Entry entry : List.copyOf(log.subList(0, Math.max(0, beyond)))) {
            String snapshotId = entry.snapshotId();
            Instant superseded = supersededAt.get(snapshotId);
            if (current.filter(snapshotId::equals).isPresent()
                    || superseded == null
                    || superseded.plus(grace).isAfter(now)
                    || leased(snapshotId, now.minus(grace))) {
                continue;
            }
            log.remove(entry);
            writeLog(log);
            delete(snapshot(snapshotId), PipelineMessage.REMOVE_OLD_SNAPSHOT_FAILED, "snapshot", snapshotId);
            removed.add(snapshotId);
        }
        return removed;
    }

    private boolean leased(String snapshotId, Instant freshAfter) {
        Location leases = root.resolve(PublishedSnapshots.LEASES).resolve(snapshotId);
        try {
            return storage.list(leases.path()).stream()
                    .anyMatch(lease -> lease.modified().isAfter(freshAfter));
        } catch (IOException e) {
            // a lease that cannot be read is treated as held: retention waits
            return true;
        }
    }

    /** The lines of {@code PUBLISHED}; none when it does not exist yet. */
    private List<PublishedSnapshots.Entry> log() {
        Location file = publishedLog();
        String text;
        try {
            text = new String(storage.read(file.path()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return List.of();
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNREADABLE, file, e);
        }
        return PublishedSnapshots.parse(text.lines().toList(), file.toString());
    }

    /** The published chain of {@code CURRENT}, oldest first, for a warehouse written before {@code PUBLISHED}. */
    private List<PublishedSnapshots.Entry> chainOf(String currentId) {
        List<PublishedSnapshots.Entry> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String snapshotId = currentId;
        while (snapshotId != null && seen.add(snapshotId)) {
            Location file = snapshot(snapshotId).resolve(DataDirectory.SNAPSHOT_MANIFEST);
            if (!isFile(file)) {
                break;
            }
            SnapshotManifest manifest = JsonFiles.read(file, SnapshotManifest.class);
            chain.add(0, new PublishedSnapshots.Entry(snapshotId, manifest.createdAt()));
            snapshotId = manifest.previousSnapshotId();
        }
        return chain;
    }

    private List<String> snapshotDirectories() {
        return list(root.resolve(SNAPSHOTS)).stream()
                .filter(Storage.Entry::directory)
                .map(Storage.Entry::name)
                .filter(name -> PublishedSnapshots.SNAPSHOT_ID.matcher(name).matches())
                .sorted()
                .toList();
    }

    private List<Storage.Entry> list(Location directory) {
        try {
            return storage.list(directory.path());
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNLISTABLE, directory, e);
        }
    }

    private void writeLog(List<PublishedSnapshots.Entry> log) {
        storage.replace(publishedLog().path(), PublishedSnapshots.format(log).getBytes(StandardCharsets.UTF_8));
    }

    private boolean exists(Location location) {
        try {
            return storage.exists(location.path());
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNREADABLE, location, e);
        }
    }

    private boolean isFile(Location location) {
        try {
            return storage.isFile(location.path());
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNREADABLE, location, e);
        }
    }

    private boolean isDirectory(Location location) {
        try {
            return storage.isDirectory(location.path());
        } catch (IOException e) {
            throw storageFailure(PipelineMessage.WAREHOUSE_UNREADABLE, location, e);
        }
    }

    private String modified(Location file) {
        try {
            return storage.modified(file.path()).toString();
        } catch (IOException e) {
            return Instant.EPOCH.toString();
        }
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** Deletes a location; its failure says {@code code} with the argument {@code name} set to {@code value}. */
    private void delete(Location location, PipelineMessage code, String name, String value) {
        try {
            storage.deleteRecursively(location.path());
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(code, name, value, "location", location.toString(), "problem", e.toString()),
                    e);
        }
    }

    /** A storage failure at a location: {@code code} with the location and the cause as {@code problem}. */
    private static ObservatoryException storageFailure(PipelineMessage code, Location location, Exception cause) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                Message.of(code, "location", location.toString(), "problem", cause.toString()),
                cause);
    }
}
