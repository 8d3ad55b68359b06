package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * A local warehouse: {@code snapshots/<id>/<table>/country=XXX/*.parquet}, {@code snapshots/<id>/_snapshot.json},
 * {@code CURRENT}, the id of the published snapshot, and {@code PUBLISHED}, every published snapshot in order
 * ({@link PublishedSnapshots}). A snapshot is written whole under a new id, then published by replacing {@code
 * CURRENT} atomically and appending it to {@code PUBLISHED}; until then readers keep the previous one (invariant
 * 4). A snapshot directory that neither names is not published: it belongs to a run that died, and {@link
 * #recover} removes it under the {@link WarehouseLock}.
 *
 * <p>Partitions an incremental run does not recompute are carried over by hard links to the previous snapshot's
 * files (a copy where links are not possible): the layout readers see is the same, and removing an old snapshot
 * never breaks a newer one.
 */
public final class Warehouse {
    private static final String SNAPSHOTS = "snapshots";
    private static final String SUCCESS = "_SUCCESS";
    private static final int CLAIM_ATTEMPTS = 16;
    private final Path root;

    public Warehouse(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path currentPointer() {
        return root.resolve(DataDirectory.CURRENT);
    }

    public Path publishedLog() {
        return root.resolve(PublishedSnapshots.PUBLISHED);
    }

    public Path snapshot(String snapshotId) {
        return root.resolve(SNAPSHOTS).resolve(snapshotId);
    }

    public Path table(String snapshotId, TableSchema table) {
        return snapshot(snapshotId).resolve(table.name());
    }

    /** The directory of one country partition of a table. */
    public Path partition(String snapshotId, TableSchema table, String partition) {
        return table(snapshotId, table)
                .resolve(SnapshotTables.COUNTRY + "=" + partition);
    }

    /** Takes the warehouse's lock for a run ({@link WarehouseLock}). */
    public WarehouseLock lock(String runId) {
        return WarehouseLock.acquire(root, runId);
    }

    /** The published snapshot's id, or empty when nothing has been published. */
    public Optional<String> currentSnapshotId() {
        return DataDirectory.readSnapshotPointer(currentPointer());
    }

    /**
     * The manifest of a snapshot.
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when the snapshot or its manifest is missing
     */
    public SnapshotManifest manifest(String snapshotId) {
        Path file = snapshot(snapshotId).resolve(DataDirectory.SNAPSHOT_MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("Snapshot %s has no %s at %s; restore the snapshot from a backup, or point CURRENT at a"
                                    + " complete snapshot")
                            .formatted(snapshotId, DataDirectory.SNAPSHOT_MANIFEST, file));
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
        List<PublishedSnapshots.Entry> log = new ArrayList<>(PublishedSnapshots.log(root));
        Optional<String> current = currentSnapshotId();
        boolean changed = false;
        if (!Files.exists(publishedLog()) && current.isPresent()) {
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
        Set<String> published = new HashSet<>(PublishedSnapshots.ids(root));
        List<String> removed = new ArrayList<>();
        for (String snapshotId : snapshotDirectories()) {
            if (!published.contains(snapshotId)) {
                delete(snapshot(snapshotId), "the unpublished snapshot " + snapshotId);
                removed.add(snapshotId);
            }
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw storageFailure("Cannot list %s: %s; check the warehouse's permissions".formatted(root, e), e);
        }
        return removed.stream().sorted().toList();
    }

    /**
     * Creates the directory of a new snapshot under the first id of {@code ids} that no snapshot has yet, and
     * answers with that id. Only a claimed snapshot is ever {@link #discard discarded}.
     */
    public String claim(Supplier<String> ids) {
        requireNonNull(ids, "ids is null");
        try {
            Files.createDirectories(root.resolve(SNAPSHOTS));
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                String snapshotId = ids.get();
                try {
                    Files.createDirectory(snapshot(snapshotId));
                    return snapshotId;
                } catch (FileAlreadyExistsException taken) {
                    // another snapshot has this id; draw another
                }
            }
        } catch (IOException e) {
            throw storageFailure(
                    "Cannot create a snapshot directory in %s: %s; check that the warehouse is writable"
                            .formatted(root.resolve(SNAPSHOTS), e),
                    e);
        }
        throw new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                "Found no free snapshot id in %s after %d attempts; check the snapshot ids there"
                        .formatted(root.resolve(SNAPSHOTS), CLAIM_ATTEMPTS));
    }

    /**
     * Marks a table of a new snapshot as written with a {@code _SUCCESS} file, creating its directory for a table
     * this run writes nothing into (then it holds only the marker).
     */
    public void markWritten(String snapshotId, TableSchema table) {
        Path directory = table(snapshotId, table);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(directory.resolve(SUCCESS))) {
                Files.write(directory.resolve(SUCCESS), new byte[0]);
            }
        } catch (IOException e) {
            throw storageFailure(
                    "Cannot create %s: %s; check that the warehouse is writable".formatted(directory, e), e);
        }
    }

    /**
     * Carries country partitions of a table over from a published snapshot into a new one: each file is hard-linked
     * (copied where the file system cannot link), so the new snapshot does not depend on the old one.
     *
     * @return the partitions carried over that had files in the old snapshot
     */
    public List<String> carryOver(
            String fromSnapshotId, String toSnapshotId, TableSchema table, Collection<String> partitions) {
        List<String> carried = new ArrayList<>();
        for (String partition : partitions) {
            Path from = partition(fromSnapshotId, table, partition);
            if (!Files.isDirectory(from)) {
                continue;
            }
            Path to = partition(toSnapshotId, table, partition);
            try (Stream<Path> files = Files.list(from)) {
                Files.createDirectories(to);
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    link(file, to.resolve(file.getFileName()));
                }
            } catch (IOException e) {
                throw storageFailure(
                        "Cannot carry %s over to %s: %s; check that the warehouse is writable".formatted(from, to, e),
                        e);
            }
            carried.add(partition);
        }
        return carried;
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
        AtomicFiles.replace(currentPointer(), (snapshotId + "\n").getBytes(StandardCharsets.UTF_8));
        List<PublishedSnapshots.Entry> log = new ArrayList<>(PublishedSnapshots.log(root));
        log.removeIf(entry -> entry.snapshotId().equals(snapshotId));
        log.add(new PublishedSnapshots.Entry(snapshotId, publishedAt.toString()));
        writeLog(log);
    }

    /** Removes what a failed run wrote of a snapshot that was never published. */
    public void discard(String snapshotId) {
        if (PublishedSnapshots.isPublished(root, snapshotId)) {
            throw new IllegalStateException("snapshot " + snapshotId + " is published and cannot be discarded");
        }
        delete(snapshot(snapshotId), "the unpublished snapshot " + snapshotId);
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
        List<PublishedSnapshots.Entry> log = new ArrayList<>(PublishedSnapshots.log(root));
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
            delete(snapshot(snapshotId), "snapshot " + snapshotId);
            removed.add(snapshotId);
        }
        return removed;
    }

    private boolean leased(String snapshotId, Instant freshAfter) {
        Path leases = root.resolve(PublishedSnapshots.LEASES).resolve(snapshotId);
        if (!Files.isDirectory(leases)) {
            return false;
        }
        try (Stream<Path> files = Files.list(leases)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isAfter(freshAfter)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            // a lease that cannot be read is treated as held: retention waits
            return true;
        }
    }

    /** The published chain of {@code CURRENT}, oldest first, for a warehouse written before {@code PUBLISHED}. */
    private List<PublishedSnapshots.Entry> chainOf(String currentId) {
        List<PublishedSnapshots.Entry> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String snapshotId = currentId;
        while (snapshotId != null && seen.add(snapshotId)) {
            Path file = snapshot(snapshotId).resolve(DataDirectory.SNAPSHOT_MANIFEST);
            if (!Files.isRegularFile(file)) {
                break;
            }
            SnapshotManifest manifest = JsonFiles.read(file, SnapshotManifest.class);
            chain.add(0, new PublishedSnapshots.Entry(snapshotId, manifest.createdAt()));
            snapshotId = manifest.previousSnapshotId();
        }
        return chain;
    }

    private List<String> snapshotDirectories() {
        Path snapshots = root.resolve(SNAPSHOTS);
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(snapshots)) {
            return paths.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> PublishedSnapshots.SNAPSHOT_ID.matcher(name).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw storageFailure("Cannot list %s: %s; check the warehouse's permissions".formatted(snapshots, e), e);
        }
    }

    private void writeLog(List<PublishedSnapshots.Entry> log) {
        AtomicFiles.replace(publishedLog(), PublishedSnapshots.format(log).getBytes(StandardCharsets.UTF_8));
    }

    private static void link(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (UnsupportedOperationException | FileSystemException cannotLink) {
            Files.copy(file, target);
        }
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().toString();
        } catch (IOException e) {
            return FileTime.fromMillis(0).toInstant().toString();
        }
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static void delete(Path directory, String what) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw storageFailure(
                    "Cannot remove %s at %s: %s; delete the directory by hand".formatted(what, directory, e), e);
        }
    }

    private static ObservatoryException storageFailure(String message, Exception cause) {
        return new ObservatoryException(ErrorCode.STORAGE_FAILURE, message, cause);
    }
}
