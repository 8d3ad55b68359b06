package org.observatory.api.registry;

import java.util.Locale;

/** Where a pipeline run started through the API is: queued, running, or finished one way or the other. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
