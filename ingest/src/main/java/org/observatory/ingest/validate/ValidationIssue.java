package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.error.ErrorCode;

/**
 * One problem found in an uploaded file: how serious, which code, where (line and column; line 0 for the file as
 * a whole), the offending value, a message that says what is wrong and how to fix it, and the country (ISO alpha-3)
 * of the row it is about, so that a multi-country file's report can be shown to each country's analysts without
 * the other countries' values (null for the file as a whole, or a row whose country is not a known code).
 */
public record ValidationIssue(
        Severity severity, ErrorCode code, long line, String column, String value, String message, String country) {
    public ValidationIssue {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** An issue of no country yet (the report attributes it to the row being checked, if any). */
    public ValidationIssue(Severity severity, ErrorCode code, long line, String column, String value, String message) {
        this(severity, code, line, column, value, message, null);
    }

    public static ValidationIssue fileError(ErrorCode code, String message) {
        return new ValidationIssue(Severity.ERROR, code, 0, null, null, message);
    }

    /** The same issue, about a row of that country. */
    public ValidationIssue withCountry(String iso3) {
        return new ValidationIssue(severity, code, line, column, value, message, iso3);
    }
}
