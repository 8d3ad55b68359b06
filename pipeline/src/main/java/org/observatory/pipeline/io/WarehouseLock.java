package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The lock a pipeline run holds on its warehouse from start to end ({@code warehouse/.pipeline.lock}): an
 * operating-system file lock, which the kernel releases when the process ends in any way, kill -9 included. While a
 * run holds it, no other run writes to the warehouse, so a snapshot directory that is not published belongs to no
 * live run and can be removed. The file holds the holder's process id, run id and start time, for the message
 * another run gets.
 */
public final class WarehouseLock implements AutoCloseable {
    public static final String FILE_NAME = ".pipeline.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the warehouse's lock without waiting.
     *
     * @throws ObservatoryException {@link ErrorCode#RUN_IN_PROGRESS} when another run holds it, {@link
     *     ErrorCode#STORAGE_FAILURE} when the lock file cannot be opened
     */
    public static WarehouseLock acquire(Path warehouse, String runId) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(runId, "runId is null");
        Path file = warehouse.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(warehouse);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new ObservatoryException(
                        ErrorCode.RUN_IN_PROGRESS,
                        ("Another pipeline run holds the warehouse %s (%s); runs of one warehouse are serialised:"
                                        + " wait for it to finish, then run again")
                                .formatted(warehouse, holder.isEmpty() ? "holder unknown" : holder));
            }
            String holder =
                    "pid %d, run %s, since %s".formatted(ProcessHandle.current().pid(), runId, Instant.now());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new WarehouseLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot lock the warehouse through %s: %s; check that the warehouse is writable".formatted(file, e),
                    e);
        }
    }

    /** Releases the lock; the file stays (its content describes the last holder). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock too
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
