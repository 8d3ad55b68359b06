package org.observatory.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.observatory.pipeline.job.PublicationGate;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Watches the process that started a pipeline run (the server, which names itself with {@code --parent-pid}) so
 * that a run whose starter died never publishes what nobody will record: when the starter ends, the watch calls its
 * action (the command line exits the JVM with {@link PipelineMain#ORPHANED}), and as the run's {@link
 * PublicationGate} it refuses publication from then on. The refusal is decided together with the replacement of
 * {@code CURRENT}, under one lock, and asks the operating system once more at that moment, so the starter's death
 * found out late (the JVM polls processes that are not its children) still stops the run.
 */
final class ParentWatch implements PublicationGate {
    private final ProcessHandle parent;
    private final Runnable whenEnded;
    private boolean ended;

    private ParentWatch(ProcessHandle parent, Runnable whenEnded) {
        this.parent = parent;
        this.whenEnded = whenEnded;
    }

    /**
     * Starts watching the process {@code pid}; empty when it has ended already (or never existed).
     *
     * @param whenEnded what to do once the process has ended, on a thread of the JVM's process watcher
     */
    static Optional<ParentWatch> start(long pid, Runnable whenEnded) {
        requireNonNull(whenEnded, "whenEnded is null");
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        ParentWatch watch = new ParentWatch(parent.get(), whenEnded);
        parent.get().onExit().thenRun(watch::parentEnded);
        return Optional.of(watch);
    }

    /** What a run whose starter {@code pid} ended says. */
    static Message endedMessage(long pid) {
        return Message.of(PipelineMessage.RUN_ORPHANED, "pid", String.valueOf(pid));
    }

    private void parentEnded() {
        synchronized (this) {
            ended = true;
        }
        whenEnded.run();
    }

    /** Whether the starter has ended, as far as this watch knows. */
    synchronized boolean ended() {
        return ended;
    }

    @Override
    public synchronized void publish(Runnable publication) {
        requireNonNull(publication, "publication is null");
        if (ended || !parent.isAlive()) {
            ended = true;
            throw new ObservatoryException(ErrorCode.RUN_ORPHANED, endedMessage(parent.pid()));
        }
        publication.run();
    }
}
