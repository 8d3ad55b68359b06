package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A server answering over a data directory that has a published snapshot, and a way to publish the next one while
 * it answers: {@link GeneratedPublishing} or {@link PipelinePublishing}.
 */
interface PublishingServer extends AutoCloseable {
    /** The server's base address, e.g. {@code http://127.0.0.1:7070/}. */
    URI base();

    /** The warehouse's {@code CURRENT}, which the publication replaces. */
    Path currentPointer();

    /** The series routes the load rotates over, in a fixed shuffled order. */
    List<String> seriesPaths();

    /** What publishes, for the report. */
    String description();

    /**
     * Publishes a new snapshot the way this publisher does and answers when it has: the new {@code CURRENT} is in
     * place.
     *
     * @throws IllegalStateException when the publication failed, saying why
     */
    Publication publish();

    /** Stops the server. */
    @Override
    void close();

    /** A finished publication: the new snapshot and what the publisher says about it (one line, may be empty). */
    record Publication(String snapshotId, String details) {
        public Publication {
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(details, "details is null");
        }
    }
}
