package org.observatory.ingest.landing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands blocks of bytes, in order, to observers that each run on a thread of their own, so that they look at one
 * block at the same time as each other and as the thread that reads the next one. A block goes back to the reader
 * once every observer has seen it; {@link #BLOCKS} blocks take turns. The first failure of an observer is thrown by
 * {@link #finish} (or by the next hand-over); after it, the observers see no more blocks.
 */
final class BlockHandOff implements AutoCloseable {
    /** Blocks in turn: one being filled, the others waiting for or being seen by the observers. */
    static final int BLOCKS = 4;

    /** One look at every block, in order; may fail with an IOException (e.g. the disk the copy goes to is full). */
    @FunctionalInterface
    interface Observer {
        void accept(byte[] block, int length) throws IOException;
    }

    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BLOCKS);
    private final List<Watcher> watchers = new ArrayList<>();
    private volatile Throwable failure;

    BlockHandOff(List<Observer> observers, int blockBytes) {
        requireNonNull(observers, "observers is null");
        if (observers.isEmpty()) {
            throw new IllegalArgumentException("no observer");
        }
        for (int block = 0; block < BLOCKS; block++) {
            empty.add(new byte[blockBytes]);
        }
        for (Observer observer : observers) {
            watchers.add(new Watcher(requireNonNull(observer, "observer is null")));
        }
        watchers.forEach(watcher -> watcher.thread.start());
    }

    /** A block to fill, waiting while all are being observed. */
    byte[] emptyBlock() throws IOException {
        checkObservers();
        try {
            return empty.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload", e);
        }
    }

    /** Hands the first {@code length} bytes of {@code block} to every observer; the block is no longer the caller's. */
    void handOver(byte[] block, int length) throws IOException {
        checkObservers();
        Filled filled = new Filled(block, length, new AtomicInteger(watchers.size()));
        try {
            for (Watcher watcher : watchers) {
                watcher.filled.put(filled);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload", e);
        }
    }

    /** Waits until every observer has seen every block handed over; throws the first failure of one. */
    void finish() throws IOException {
        close();
        checkObservers();
    }

    private void checkObservers() throws IOException {
        Throwable cause = failure;
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
    }

    /** Lets the observers see what was handed over, then ends their threads. */
    @Override
    public void close() throws IOException {
        boolean interrupted = false;
        for (Watcher watcher : watchers) {
            if (!watcher.thread.isAlive()) {
                continue;
            }
            try {
                watcher.filled.put(new Filled(null, -1, null));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Watcher watcher : watchers) {
            while (watcher.thread.isAlive()) {
                try {
                    watcher.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while landing the upload");
        }
    }

    /** One observer on its thread, with the blocks it has still to see. */
    private final class Watcher {
        private final Observer observer;
        // every block can wait here, and the end mark too: putting never waits for long
        private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
        private final Thread thread;

        Watcher(Observer observer) {
            this.observer = observer;
            this.thread = new Thread(this::observe, "ingest-landing-observer");
            this.thread.setDaemon(true);
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
                        } catch (IOException | RuntimeException | Error e) {
                            fail(e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e);
                        }
                    }
                    if (next.observers().decrementAndGet() == 0) {
                        empty.put(next.block()); // seen by every observer: the reader may fill it again
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause; // blocks go on being handed back, unseen, until the reader learns of it
        }
    }

    private record Filled(byte[] block, int length, AtomicInteger observers) {}
}
