package org.observatory.ingest.landing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.ObjIntConsumer;

/**
 * Hands blocks of bytes, in order, to an observer running on a thread of its own, so that it looks at one block
 * while the thread that reads them goes on with the next. Three blocks take turns: one being filled, one waiting,
 * one being observed. A failure of the observer is thrown by {@link #finish} (or by the next hand-over).
 */
final class BlockHandOff implements AutoCloseable {
    private static final int BLOCKS = 3;

    private final ObjIntConsumer<byte[]> observer;
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread thread;
    private volatile Throwable failure;

    BlockHandOff(ObjIntConsumer<byte[]> observer, int blockBytes) {
        this.observer = requireNonNull(observer, "observer is null");
        for (int block = 0; block < BLOCKS; block++) {
            empty.add(new byte[blockBytes]);
        }
        this.thread = new Thread(this::observe, "ingest-landing-observer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A block to fill, waiting while all are being observed. */
    byte[] emptyBlock() throws IOException {
        checkObserver();
        try {
            return empty.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload", e);
        }
    }

    /** Hands the first {@code length} bytes of {@code block} to the observer; the block is no longer the caller's. */
    void handOver(byte[] block, int length) throws IOException {
        checkObserver();
        try {
            filled.put(new Filled(block, length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload", e);
        }
    }

    /** Waits until the observer has seen every block handed over. */
    void finish() throws IOException {
        close();
        checkObserver();
    }

    private void observe() {
        try {
            while (true) {
                Filled next = filled.take();
                if (next.length() < 0) {
                    return;
                }
                if (failure == null) {
                    try {
                        observer.accept(next.block(), next.length());
                    } catch (RuntimeException | Error e) {
                        failure = e; // blocks go on being handed back, unseen, until the reader learns of it
                    }
                }
                empty.put(next.block());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkObserver() {
        Throwable cause = failure;
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
    }

    /** Lets the observer see what was handed over, then ends its thread. */
    @Override
    public void close() throws IOException {
        if (!thread.isAlive()) {
            return;
        }
        try {
            filled.put(new Filled(null, -1));
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload", e);
        }
    }

    private record Filled(byte[] block, int length) {}
}
