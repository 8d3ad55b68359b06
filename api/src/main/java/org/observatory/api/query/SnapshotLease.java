package org.observatory.api.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;

/**
 * A reader lease on one snapshot: a file in {@code warehouse/leases/<id>/} that the pipeline's retention respects,
 * so it does not remove the snapshot while a long read (a download) goes on. The reader touches it at least every
 * {@link #TOUCH_INTERVAL} ({@link #touchIfDue()}) and closes it when done, which removes the file (and the folder
 * when no other reader holds a lease on the same snapshot). Taken with {@link SnapshotCatalogue#lease}.
 */
public final class SnapshotLease implements AutoCloseable {
    /** How often a running reader touches its lease; well below the pipeline's retention grace period. */
    static final Duration TOUCH_INTERVAL = Duration.ofSeconds(10);

    private final Path file;
    private final Clock clock;
    private Instant touched;

    private SnapshotLease(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.touched = clock.instant();
    }

    static SnapshotLease take(DataDirectory data, String snapshotId, Clock clock) {
        Path directory = data.warehouse().resolve(PublishedSnapshots.LEASES).resolve(snapshotId);
        Path file = directory.resolve("api-download-" + UUID.randomUUID() + ".lease");
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    file, "read by the API for a download since " + clock.instant() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot write the reader lease %s: %s; the API needs write access to the warehouse's %s folder"
                            .formatted(file, e.getMessage(), PublishedSnapshots.LEASES),
                    e);
        }
        return new SnapshotLease(file, clock);
    }

    /** Touches the lease file when the last touch is {@link #TOUCH_INTERVAL} ago or more. */
    public void touchIfDue() {
        Instant now = clock.instant();
        if (Duration.between(touched, now).compareTo(TOUCH_INTERVAL) < 0) {
            return;
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(now));
            touched = now;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot touch the reader lease " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // another reader holds a lease on the same snapshot
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the reader lease " + file, e);
        }
    }
}
