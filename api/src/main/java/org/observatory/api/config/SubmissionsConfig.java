package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.api.submission.SubmissionIntake;

/**
 * What the write side of the API is built from: the approval policy, the upload size limit, the ingest service
 * (the app hands one in; without it {@code POST /submissions} answers 503) and the pipeline command (without it
 * {@code POST /pipeline-runs} answers 503).
 */
public record SubmissionsConfig(
        ApprovalPolicy approvalPolicy,
        long uploadLimitBytes,
        Optional<SubmissionIntake> intake,
        Optional<PipelineLauncher> pipeline) {
    /** 2 GiB: the ingest service validates uploads of that size in bounded memory. */
    public static final long DEFAULT_UPLOAD_LIMIT_BYTES = 2L << 30;

    /** The automatic policy, the default limit, no ingest service and no pipeline command (read routes only). */
    public static final SubmissionsConfig NONE = new SubmissionsConfig(
            ApprovalPolicy.AUTOMATIC, DEFAULT_UPLOAD_LIMIT_BYTES, Optional.empty(), Optional.empty());

    public SubmissionsConfig {
        requireNonNull(approvalPolicy, "approvalPolicy is null");
        requireNonNull(intake, "intake is null");
        requireNonNull(pipeline, "pipeline is null");
        if (uploadLimitBytes <= 0) {
            throw new IllegalArgumentException("uploadLimitBytes must be positive, not " + uploadLimitBytes);
        }
    }

    public SubmissionsConfig withIntake(SubmissionIntake newIntake) {
        return new SubmissionsConfig(approvalPolicy, uploadLimitBytes, Optional.of(newIntake), pipeline);
    }

    public SubmissionsConfig withPipeline(PipelineLauncher launcher) {
        return new SubmissionsConfig(approvalPolicy, uploadLimitBytes, intake, Optional.of(launcher));
    }

    public SubmissionsConfig withApprovalPolicy(ApprovalPolicy policy) {
        return new SubmissionsConfig(policy, uploadLimitBytes, intake, pipeline);
    }

    public SubmissionsConfig withUploadLimitBytes(long limit) {
        return new SubmissionsConfig(approvalPolicy, limit, intake, pipeline);
    }
}
