package org.observatory.pipeline;

import org.observatory.schemas.text.MessageCode;

/**
 * The codes of the pipeline's errors that a person reads and can act on: unusable locations, a warehouse that
 * cannot be read or written, a missing snapshot or table, a run in progress, a bad run manifest, missing staged rows
 * (family {@code pipeline}, bundles {@code org/observatory/messages/pipeline_<language>.properties}). Failures that
 * only a pipeline bug causes keep an English text: their reader reports them with the run manifest.
 */
public enum PipelineMessage implements MessageCode {
    LOCATION_EMPTY,
    LOCATION_MALFORMED,
    LOCATION_LOCAL_ONLY,
    LOCATION_NOT_ABSOLUTE,
    LOCATION_FILE_SYSTEM,
    WAREHOUSE_UNREADABLE,
    WAREHOUSE_UNLISTABLE,
    SNAPSHOT_DIRECTORY_FAILED,
    SNAPSHOT_NO_FREE_ID,
    TABLE_DIRECTORY_FAILED,
    CARRY_OVER_FAILED,
    SNAPSHOT_MANIFEST_MISSING,
    SNAPSHOT_TABLE_MISSING,
    REMOVE_SNAPSHOT_FAILED,
    REMOVE_TEMPORARY_FAILED,
    REMOVE_OLD_SNAPSHOT_FAILED,
    LOCK_FAILED,
    RUN_IN_PROGRESS,
    RUN_IN_PROGRESS_HOLDER_UNKNOWN,
    RUN_IN_PROGRESS_STALE,
    RUN_IN_PROGRESS_STALE_HOLDER_UNKNOWN,
    RUN_MANIFEST_UNREADABLE,
    FILE_UNREADABLE,
    STAGED_ROWS_MISSING,
    STAGED_ROWS_UNREADABLE,
    STAGED_ROWS_DAMAGED,
    SUBMISSION_ID_INVALID,
    SUBMISSION_LISTED_TWICE,
    SEQUENCE_REPEATED,
    ENGINE_START_FAILED,
    ENGINE_LOCAL_ONLY,
    RUN_ORPHANED,
    FILE_REPLACE_FAILED,
    FILE_REPLACE_UNREACHABLE;

    @Override
    public String family() {
        return "pipeline";
    }

    @Override
    public String key() {
        return MessageCode.keyOf(this);
    }
}
