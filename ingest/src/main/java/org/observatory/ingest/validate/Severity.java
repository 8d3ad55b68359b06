package org.observatory.ingest.validate;

/** An error rejects the whole file; a warning is recorded and does not block. */
public enum Severity {
    ERROR,
    WARNING;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
