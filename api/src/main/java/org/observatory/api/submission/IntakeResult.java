package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the ingest service answered about an upload: the submission id, whether it was accepted, whether the same
 * bytes were submitted before, the member states with accepted rows, the file's SHA-256, and the validation
 * report exactly as {@code observatory ingest --format json} prints it.
 */
public record IntakeResult(
        String submissionId,
        boolean accepted,
        boolean alreadySubmitted,
        List<String> countries,
        String sha256,
        JsonNode report) {
    public IntakeResult {
        requireNonNull(submissionId, "submissionId is null");
        countries = List.copyOf(requireNonNull(countries, "countries is null"));
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(report, "report is null");
    }
}
