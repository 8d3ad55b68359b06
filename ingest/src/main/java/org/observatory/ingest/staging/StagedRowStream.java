package org.observatory.ingest.staging;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The staged rows on their way from the thread that validates them to DuckDB, which pulls them (as a table
 * function) while it writes the Parquet file: batches in the order they are put, at most {@code capacity} waiting,
 * so that a writer slower than the readers holds the readers back rather than filling the heap. When DuckDB fails,
 * the stream fails too, and whoever puts or takes learns why.
 */
final class StagedRowStream {
    private final int capacity;
    private final ArrayDeque<StagedRowBatch> batches = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private RuntimeException failure;

    StagedRowStream(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Puts the batches in order, waiting while the stream is full. */
    void put(List<StagedRowBatch> next) {
        requireNonNull(next, "next is null");
        lock.lock();
        try {
            for (StagedRowBatch batch : next) {
                while (batches.size() >= capacity && failure == null) {
                    changed.awaitUninterruptibly();
                }
                if (failure != null) {
                    throw new ObservatoryException(
                            ErrorCode.STORAGE_FAILURE, "Cannot stage the rows: " + failure.getMessage(), failure);
                }
                if (closed) {
                    throw new IllegalStateException("the stream of staged rows is closed");
                }
                batches.add(batch);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next batch, waiting for one; null once the stream is closed and empty. */
    StagedRowBatch take() {
        lock.lock();
        try {
            while (batches.isEmpty() && !closed && failure == null) {
                changed.awaitUninterruptibly();
            }
            if (failure != null) {
                throw failure;
            }
            StagedRowBatch batch = batches.poll();
            changed.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** No more batches: DuckDB reads the rest, then ends the file. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the stream: what is waiting is dropped, and whoever puts or takes now fails with {@code cause}. */
    void fail(RuntimeException cause) {
        requireNonNull(cause, "cause is null");
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            batches.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
