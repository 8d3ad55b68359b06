package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;
import org.observatory.schemas.text.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which snapshots exist for readers: the one {@code warehouse/CURRENT} names (re-read at most once per check
 * interval, so a newly published snapshot is served without a restart), the published vintages ({@code
 * warehouse/PUBLISHED}), a vintage named by id, date or time, and reader leases that keep the pipeline's retention
 * from removing a snapshot during a long read. It reads files only; the queries over a snapshot's tables are
 * {@link SnapshotQueries}. A caller resolves its {@link Snapshot} once per request and passes it to every query, so
 * a request finishes on the snapshot it began with. Safe for concurrent use.
 */
public final class SnapshotCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCatalogue.class);
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final DataDirectory dataDirectory;
    private final long checkIntervalNanos;
    private final Object checkLock = new Object();
    private final ConcurrentMap<String, Snapshot> snapshotsById = new ConcurrentHashMap<>();
    private volatile CurrentCheck lastCheck;

    /** A catalogue of the data directory's warehouse that re-reads {@code CURRENT} after the check interval. */
    public SnapshotCatalogue(DataDirectory dataDirectory, Duration checkInterval) {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.checkIntervalNanos =
                requireNonNull(checkInterval, "checkInterval is null").toNanos();
    }

    /**
     * The snapshot {@code warehouse/CURRENT} names, or empty when nothing has been published yet. {@code CURRENT}
     * is re-read when the last read is older than the check interval.
     *
     * @throws ObservatoryException {@code STORAGE_FAILURE} when {@code CURRENT} cannot be read or names a snapshot
     *     that does not exist or has no manifest
     */
    public Optional<Snapshot> current() {
        return currentSnapshotId().map(id -> published(id)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        "%s names snapshot '%s', but %s does not exist; publish it or correct CURRENT"
                                .formatted(dataDirectory.currentPointer(), id, dataDirectory.snapshot(id)))));
    }

    /** The current snapshot; fails with {@code NO_SNAPSHOT} when nothing has been published yet. */
    public Snapshot requireCurrent() {
        return current()
                .orElseThrow(() -> new ObservatoryException(ErrorCode.NO_SNAPSHOT, Message.of(ApiMessage.NO_SNAPSHOT)));
    }

    /**
     * A published snapshot (a vintage) by id, or empty when no snapshot has that id. Any string is safe to pass:
     * ids that are not snapshot-id shaped are simply not found.
     */
    public Optional<Snapshot> published(String snapshotId) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            return Optional.empty();
        }
        Snapshot cached = snapshotsById.get(snapshotId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path directory = dataDirectory.snapshot(snapshotId);
        if (!Files.isDirectory(directory) || !isPublished(snapshotId)) {
            return Optional.empty();
        }
        // A published snapshot never changes, so its manifest is read once.
        Snapshot snapshot = new Snapshot(snapshotId, directory, SnapshotManifests.read(directory));
        Snapshot previous = snapshotsById.putIfAbsent(snapshotId, snapshot);
        return Optional.of(previous == null ? snapshot : previous);
    }

    private boolean isPublished(String snapshotId) {
        try {
            return PublishedSnapshots.isPublished(dataDirectory.warehouse(), snapshotId);
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
    }

    /**
     * The published snapshots (vintages) in the order of publication, the current one last: those {@code
     * warehouse/PUBLISHED} lists and the one {@code CURRENT} names, with the time each was published ({@code
     * PUBLISHED}; for a current snapshot a killed run left out of the log, its manifest's {@code createdAt}).
     * Snapshots whose directory is gone (removed by retention) are left out.
     */
    public List<PublishedSnapshot> publishedSnapshots() {
        Optional<String> current = currentSnapshotId();
        List<PublishedSnapshots.Entry> log;
        try {
            log = PublishedSnapshots.log(dataDirectory.warehouse());
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
        Map<String, String> publishedAt = new LinkedHashMap<>();
        for (PublishedSnapshots.Entry entry : log) {
            publishedAt.remove(entry.snapshotId());
            publishedAt.put(entry.snapshotId(), entry.publishedAt());
        }
        current.ifPresent(id -> {
            String time = publishedAt.remove(id);
            publishedAt.put(id, time);
        });
        List<PublishedSnapshot> snapshots = new ArrayList<>();
        publishedAt.forEach((id, time) -> {
            Path directory = dataDirectory.snapshot(id);
            if (!Files.isRegularFile(directory.resolve(DataDirectory.SNAPSHOT_MANIFEST))) {
                return;
            }
            Snapshot snapshot = snapshotsById.computeIfAbsent(
                    id, key -> new Snapshot(key, directory, SnapshotManifests.read(directory)));
            String when = time != null ? time : snapshot.manifest().createdAt();
            snapshots.add(new PublishedSnapshot(
                    snapshot, when, current.filter(id::equals).isPresent()));
        });
        return List.copyOf(snapshots);
    }

    /**
     * The snapshot a {@code vintage} names: a published snapshot id, or a date ({@code 2026-11-01}, the snapshot
     * current at the end of that UTC day) or an ISO-8601 time ({@code 2026-11-01T12:00:00Z}, the snapshot current at
     * that moment). Empty when no published snapshot has that id, or none had been published by that time.
     */
    public Optional<Snapshot> vintage(String idOrTime) {
        requireNonNull(idOrTime, "idOrTime is null");
        Optional<Snapshot> byId = published(idOrTime);
        if (byId.isPresent()) {
            return byId;
        }
        Optional<Instant> until = vintageTime(idOrTime);
        if (until.isEmpty()) {
            return Optional.empty();
        }
        Snapshot chosen = null;
        for (PublishedSnapshot published : publishedSnapshots()) {
            Optional<Instant> at = parseInstant(published.publishedAt());
            if (at.isPresent() && !at.get().isAfter(until.get())) {
                chosen = published.snapshot();
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** Whether the text is a date or a time {@link #vintage} reads as one (rather than as a snapshot id). */
    public static boolean isVintageTime(String text) {
        return vintageTime(text).isPresent();
    }

    /**
     * The last instant a date or time vintage covers (the end of its UTC day, or the time itself); empty for text
     * that is neither (a snapshot id). A vintage whose last instant is past names the same snapshot from then on.
     */
    public static Optional<Instant> vintageEnd(String text) {
        return vintageTime(text);
    }

    /** The last instant a date or time vintage covers: the end of a UTC day, or the time itself. */
    private static Optional<Instant> vintageTime(String text) {
        try {
            LocalDate day = LocalDate.parse(text);
            return Optional.of(
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1));
        } catch (DateTimeParseException e) {
            // not a date; maybe a time
        }
        return parseInstant(text);
    }

    private static Optional<Instant> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The data directory this catalogue reads. */
    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    private Optional<String> currentSnapshotId() {
        CurrentCheck check = lastCheck;
        if (check == null || System.nanoTime() - check.checkedAtNanos() >= checkIntervalNanos) {
            synchronized (checkLock) {
                check = lastCheck;
                if (check == null || System.nanoTime() - check.checkedAtNanos() >= checkIntervalNanos) {
                    Optional<String> id = readCurrentPointer();
                    if (check == null || !check.snapshotId().equals(id)) {
                        LOG.info("Serving snapshot {}", id.orElse("(none published yet)"));
                    }
                    check = new CurrentCheck(id, System.nanoTime());
                    lastCheck = check;
                }
            }
        }
        return check.snapshotId();
    }

    private Optional<String> readCurrentPointer() {
        Optional<String> id;
        try {
            id = dataDirectory.currentSnapshotId();
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
        if (id.isPresent() && !SNAPSHOT_ID.matcher(id.get()).matches()) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "%s holds '%s', which is not a snapshot id (letters, digits, '.', '_' and '-'); correct CURRENT"
                            .formatted(dataDirectory.currentPointer(), id.get()));
        }
        return id;
    }

    /**
     * Takes a reader lease on the snapshot ({@code warehouse/leases/<id>/}); close it when the read is done.
     *
     * @throws ObservatoryException {@code STORAGE_FAILURE} when the lease file cannot be written
     */
    public SnapshotLease lease(Snapshot snapshot, Clock clock) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(clock, "clock is null");
        return SnapshotLease.take(dataDirectory, snapshot.id(), clock);
    }

    private record CurrentCheck(Optional<String> snapshotId, long checkedAtNanos) {
        CurrentCheck {
            requireNonNull(snapshotId, "snapshotId is null");
        }
    }
}
