package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The lock a pipeline run holds on its warehouse from start to end ({@code warehouse/.pipeline.lock}). While a run
 * holds it, no other run writes to the warehouse, so a snapshot directory that is not published belongs to no live
 * run and can be removed. The file holds the holder's process id, run id and start time, for the message another
 * run gets. On a local warehouse it is an operating-system file lock, which the kernel releases when the process
 * ends in any way, kill -9 included; on a Hadoop file system the file itself is the lock, created exclusively and
 * deleted on release, so the lock of a run that died stays until it is deleted by hand ({@link Storage#tryLock}).
 */
public final class WarehouseLock implements AutoCloseable {
    public static final String FILE_NAME = ".pipeline.lock";

    private final Storage.Lock lock;

    private WarehouseLock(Storage.Lock lock) {
        this.lock = lock;
    }

    /**
     * Takes the warehouse's lock without waiting.
     *
     * @throws ObservatoryException {@link ErrorCode#RUN_IN_PROGRESS} when another run holds it, {@link
     *     ErrorCode#STORAGE_FAILURE} when the lock file cannot be opened
     */
    public static WarehouseLock acquire(Location warehouse, String runId) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(runId, "runId is null");
        Storage storage = warehouse.storage();
        String file = storage.resolve(warehouse.path(), FILE_NAME);
        String holder =
                "pid %d, run %s, since %s".formatted(ProcessHandle.current().pid(), runId, Instant.now());
        try {
            storage.createDirectories(warehouse.path());
            return storage.tryLock(file, holder)
                    .map(WarehouseLock::new)
                    .orElseThrow(() -> held(warehouse, storage, file));
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot lock the warehouse through %s: %s; check that the warehouse is writable".formatted(file, e),
                    e);
        }
    }

    private static ObservatoryException held(Location warehouse, Storage storage, String file) {
        String holder;
        try {
            holder = new String(storage.read(file), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException released) {
            holder = "";
        } catch (IOException e) {
            holder = "";
        }
        String stale = storage.releasesLocksOfDeadHolders()
                ? ""
                : "; if that run died (no driver of it is running), delete %s and run again".formatted(file);
        return new ObservatoryException(
                ErrorCode.RUN_IN_PROGRESS,
                ("Another pipeline run holds the warehouse %s (%s); runs of one warehouse are serialised: wait for it"
                                + " to finish, then run again%s")
                        .formatted(warehouse, holder.isEmpty() ? "holder unknown" : holder, stale));
    }

    /** Releases the lock; a local lock file stays (its content describes the last holder). */
    @Override
    public void close() {
        lock.close();
    }
}
