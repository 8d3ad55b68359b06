package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.error.ErrorCode;

/**
 * One problem found in an uploaded file: how serious, which code, where (line and column; line 0 for the file as
 * a whole), the offending value, and a message that says what is wrong and how to fix it.
 */
public record ValidationIssue(
        Severity severity, ErrorCode code, long line, String column, String value, String message) {
    public ValidationIssue {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    public static ValidationIssue fileError(ErrorCode code, String message) {
        return new ValidationIssue(Severity.ERROR, code, 0, null, null, message);
    }
}
