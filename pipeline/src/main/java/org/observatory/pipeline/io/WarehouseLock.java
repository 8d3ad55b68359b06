package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

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
                    Message.of(PipelineMessage.LOCK_FAILED, "file", file, "problem", e.toString()),
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
        boolean stale = !storage.releasesLocksOfDeadHolders();
        PipelineMessage code;
        if (holder.isEmpty()) {
            code = stale
                    ? PipelineMessage.RUN_IN_PROGRESS_STALE_HOLDER_UNKNOWN
                    : PipelineMessage.RUN_IN_PROGRESS_HOLDER_UNKNOWN;
        } else {
            code = stale ? PipelineMessage.RUN_IN_PROGRESS_STALE : PipelineMessage.RUN_IN_PROGRESS;
        }
        return new ObservatoryException(
                ErrorCode.RUN_IN_PROGRESS,
                Message.of(code, "warehouse", warehouse.toString(), "holder", holder, "file", file));
    }

    /** Releases the lock; a local lock file stays (its content describes the last holder). */
    @Override
    public void close() {
        lock.close();
    }
}
