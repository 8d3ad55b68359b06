package org.observatory.app;

import org.observatory.schemas.text.MessageCode;

/**
 * Every text the {@code observatory} command prints for people: results, progress lines, summaries and errors
 * (family {@code cli}, bundles {@code org/observatory/messages/cli_<language>.properties}). {@code --format json}
 * output never goes through here: it keeps codes and numbers, language-free.
 */
public enum CliMessage implements MessageCode {
    ERROR,
    ERROR_UNEXPECTED,
    LANGUAGE_UNSUPPORTED,
    FILE_NOT_FOUND,
    INGEST_SUBMISSION,
    INGEST_SUBMISSION_REPEATED,
    INGEST_FILE,
    INGEST_DETECTED,
    INGEST_ROWS,
    INGEST_ISSUES,
    INGEST_MORE_ISSUES,
    PEAK_MEMORY,
    REPORT_CYCLE_INVALID,
    DEMO_LOADING,
    DEMO_RUNNING,
    DEMO_NOTHING_NEW,
    DEMO_ROWS_ACCEPTED,
    DEMO_ALREADY_LOADED,
    DEMO_MANIFEST_MISSING,
    DEMO_SAMPLE_REJECTED,
    SERVE_READY,
    SERVE_PAGES,
    SERVE_HEALTH,
    SERVE_EXAMPLE,
    SERVE_SUBMISSIONS,
    SERVE_STOP,
    SERVER_TLS_HALF,
    SERVER_PLAIN_TEXT,
    PIPELINE_NEGATIVE_OPTIONS,
    ENGINE_INVALID,
    RUN_PUBLISHED,
    RUN_ROWS,
    RUN_VALUES,
    RUN_COUNTRIES,
    RUN_SMALL_CELLS,
    RUN_UNMAPPED,
    RUN_ORPHANS,
    RUN_RETENTION,
    RUN_WARNING,
    NONE;

    @Override
    public String family() {
        return "cli";
    }

    @Override
    public String key() {
        return MessageCode.keyOf(this);
    }
}
