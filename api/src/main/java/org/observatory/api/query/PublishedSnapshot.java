package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

/** A published snapshot, when it was published (ISO-8601) and whether it is the current one. */
public record PublishedSnapshot(Snapshot snapshot, String publishedAt, boolean current) {
    public PublishedSnapshot {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(publishedAt, "publishedAt is null");
    }
}
