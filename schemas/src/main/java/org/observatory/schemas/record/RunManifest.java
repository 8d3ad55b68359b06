package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the starter of a pipeline run hands to the pipeline (a JSON file): the approved parts of submissions, in
 * the order they were accepted, with the staging and warehouse locations (any Hadoop-compatible URI) and the run's
 * {@link RunSettings} (defaults when left out). The pipeline never opens the registry; this file is all it knows.
 *
 * @param approvalPolicy the approval policy ({@code automatic} or {@code required}) the parts were chosen under,
 *     kept so that the next run can tell a change of policy; null in manifests written before it was recorded, and
 *     in manifests written by hand
 */
public record RunManifest(
        String runId,
        String createdAt,
        String stagingUri,
        String warehouseUri,
        List<ApprovedSubmission> submissions,
        RunSettings settings,
        String approvalPolicy) {
    public RunManifest {
        requireNonNull(runId, "runId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(stagingUri, "stagingUri is null");
        requireNonNull(warehouseUri, "warehouseUri is null");
        submissions = List.copyOf(requireNonNull(submissions, "submissions is null"));
        settings = settings == null ? RunSettings.DEFAULTS : settings;
    }

    /** A manifest that does not record its approval policy. */
    public RunManifest(
            String runId,
            String createdAt,
            String stagingUri,
            String warehouseUri,
            List<ApprovedSubmission> submissions,
            RunSettings settings) {
        this(runId, createdAt, stagingUri, warehouseUri, submissions, settings, null);
    }

    /** A manifest with the default settings. */
    public RunManifest(
            String runId,
            String createdAt,
            String stagingUri,
            String warehouseUri,
            List<ApprovedSubmission> submissions) {
        this(runId, createdAt, stagingUri, warehouseUri, submissions, RunSettings.DEFAULTS, null);
    }

    /** This manifest with other settings. */
    public RunManifest withSettings(RunSettings newSettings) {
        return new RunManifest(runId, createdAt, stagingUri, warehouseUri, submissions, newSettings, approvalPolicy);
    }

    /**
     * One submission of the run: the countries whose part is approved, and its order of acceptance (a later
     * submission revises an earlier one for every (source kind, country, year) it covers).
     */
    public record ApprovedSubmission(
            String submissionId,
            String sourceKind,
            Integer cycle,
            long sequence,
            String acceptedAt,
            List<String> approvedCountries) {
        public ApprovedSubmission {
            requireNonNull(submissionId, "submissionId is null");
            requireNonNull(sourceKind, "sourceKind is null");
            requireNonNull(acceptedAt, "acceptedAt is null");
            approvedCountries = List.copyOf(requireNonNull(approvedCountries, "approvedCountries is null"));
        }
    }
}
