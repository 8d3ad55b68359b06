package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

/**
 * A pipeline run started through the API: who asked, when it started and finished, its status, the process's
 * exit code, the snapshot it published and, when it failed, why (one line).
 */
public record PipelineRunRecord(
        String runId,
        RunStatus status,
        String requestedBy,
        String requestedAt,
        String startedAt,
        String finishedAt,
        Integer exitCode,
        String snapshotId,
        String message) {
    public PipelineRunRecord {
        requireNonNull(runId, "runId is null");
        requireNonNull(status, "status is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(requestedAt, "requestedAt is null");
    }

    public PipelineRunRecord running(String at) {
        return new PipelineRunRecord(runId, RunStatus.RUNNING, requestedBy, requestedAt, at, null, null, null, null);
    }

    public PipelineRunRecord finished(RunStatus outcome, String at, Integer exit, String snapshot, String why) {
        return new PipelineRunRecord(runId, outcome, requestedBy, requestedAt, startedAt, at, exit, snapshot, why);
    }
}
