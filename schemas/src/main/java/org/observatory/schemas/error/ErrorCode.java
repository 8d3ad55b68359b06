package org.observatory.schemas.error;

import static java.util.Objects.requireNonNull;

/**
 * The one list of error codes of the platform. Every code has a type, and the API maps the type (and a few
 * codes) to an HTTP status in one place. Codes are stable: reports and clients match on them.
 */
public enum ErrorCode {
    // codelists and configuration
    CODELIST_INVALID(ErrorType.INTERNAL),
    CONFIGURATION_INVALID(ErrorType.USER_ERROR),

    // files and structure
    FILE_UNREADABLE(ErrorType.USER_ERROR),
    ENCODING_UNSUPPORTED(ErrorType.USER_ERROR),
    HEADER_NOT_FOUND(ErrorType.USER_ERROR),
    REQUIRED_COLUMN_MISSING(ErrorType.USER_ERROR),
    MALFORMED_CSV(ErrorType.USER_ERROR),

    // rows
    UNKNOWN_COUNTRY(ErrorType.USER_ERROR),
    COUNTRY_NOT_SUBMITTER(ErrorType.USER_ERROR),
    OUT_OF_SCOPE_COUNTRY(ErrorType.USER_ERROR),
    YEAR_OUT_OF_RANGE(ErrorType.USER_ERROR),
    VALUE_NOT_A_NUMBER(ErrorType.USER_ERROR),
    VALUE_NEGATIVE(ErrorType.USER_ERROR),
    VALUE_MISSING(ErrorType.USER_ERROR),
    UNKNOWN_NATIONAL_CODE(ErrorType.USER_ERROR),
    UNKNOWN_ICCS_CODE(ErrorType.USER_ERROR),
    UNKNOWN_CODE(ErrorType.USER_ERROR),
    DUPLICATE_KEY(ErrorType.USER_ERROR),
    VALUE_CORRECTED(ErrorType.USER_ERROR),
    DISAGGREGATION_ABOVE_TOTAL(ErrorType.USER_ERROR),
    RATE_INCONSISTENT_WITH_POPULATION(ErrorType.USER_ERROR),
    JUSTICE_STAGE_ABOVE_EARLIER_STAGE(ErrorType.USER_ERROR),
    YEAR_ON_YEAR_CHANGE(ErrorType.USER_ERROR),
    MIXED_DECIMAL_SEPARATORS(ErrorType.USER_ERROR),
    NO_DATA_ROWS(ErrorType.USER_ERROR),

    // requests
    NOT_FOUND(ErrorType.USER_ERROR),
    INVALID_PARAMETER(ErrorType.USER_ERROR),
    UNKNOWN_PARAMETER(ErrorType.USER_ERROR),
    /** No bearer token, or one that matches no account. */
    UNAUTHENTICATED(ErrorType.USER_ERROR),
    /** The caller's account may not do this (e.g. an analyst acting for another country). */
    FORBIDDEN(ErrorType.USER_ERROR),
    /** The request contradicts the state of what it names (e.g. approving a rejected submission). */
    CONFLICT(ErrorType.USER_ERROR),
    /** An upload above the server's size limit. */
    UPLOAD_TOO_LARGE(ErrorType.USER_ERROR),
    /** An upload that validation rejected; the answer carries the validation report. */
    SUBMISSION_REJECTED(ErrorType.USER_ERROR),
    /** Another process (the running server, or a command) holds the registry, which has one writer at a time. */
    REGISTRY_IN_USE(ErrorType.EXTERNAL),
    /** The server was started without what this route needs (the ingest service or a pipeline command). */
    NOT_CONFIGURED(ErrorType.EXTERNAL),

    // pipeline and storage
    NO_SNAPSHOT(ErrorType.USER_ERROR),
    CONSERVATION_VIOLATED(ErrorType.INTERNAL),
    /** Another pipeline run holds the warehouse; runs of one warehouse are serialised. */
    RUN_IN_PROGRESS(ErrorType.EXTERNAL),
    STORAGE_FAILURE(ErrorType.EXTERNAL),
    INTERNAL_ERROR(ErrorType.INTERNAL),
    /** The process that started a pipeline run has ended, so the run stopped before publishing. */
    RUN_ORPHANED(ErrorType.EXTERNAL),

    // requests the HTTP server refuses before a route runs
    /** Too many failed authentications from one client address: wait as long as Retry-After says. */
    TOO_MANY_FAILED_AUTHENTICATIONS(ErrorType.USER_ERROR),
    /** A request the HTTP server cannot read (e.g. a bad percent-encoding in the path). */
    MALFORMED_REQUEST(ErrorType.USER_ERROR),
    /** A request line longer than the server reads (414). */
    URI_TOO_LONG(ErrorType.USER_ERROR),
    /** Request headers larger than the server reads (431). */
    REQUEST_HEADERS_TOO_LARGE(ErrorType.USER_ERROR),

    // vintages
    /** A snapshot published before the pipeline recorded its changes against the previous one (no changes table). */
    CHANGES_NOT_RECORDED(ErrorType.USER_ERROR);

    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = requireNonNull(type, "type is null");
    }

    public ErrorType type() {
        return type;
    }
}
