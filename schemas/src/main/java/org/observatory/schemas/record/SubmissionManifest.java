package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What ingest records about an accepted submission ({@code staging/<submission-id>/submission.json}) and what the
 * pipeline needs to read it. {@code country} is the submitting country (null for a multi-country CTS release);
 * {@code cycle} the CTS survey cycle it answers (null when not a CTS reply); {@code countries} the member states
 * with accepted rows, each of which approves its own part.
 */
public record SubmissionManifest(
        String submissionId,
        String sha256,
        String sourceKind,
        String country,
        Integer cycle,
        String fileName,
        String receivedAt,
        String submitter,
        long rowsRead,
        long rowsAccepted,
        Map<String, Long> rowsSkipped,
        List<String> countries,
        String stagedFile) {
    public SubmissionManifest {
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(submitter, "submitter is null");
        rowsSkipped = Map.copyOf(requireNonNull(rowsSkipped, "rowsSkipped is null"));
        countries = List.copyOf(requireNonNull(countries, "countries is null"));
        requireNonNull(stagedFile, "stagedFile is null");
    }
}
