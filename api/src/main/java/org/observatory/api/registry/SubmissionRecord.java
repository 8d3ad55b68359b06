package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A submission as the registry knows it: what was uploaded, by whom, declared how, the ingest outcome
 * ({@code accepted} or {@code rejected}), the member states with accepted rows (each approves its own part) and
 * the validation report as the ingest service wrote it (JSON).
 */
public record SubmissionRecord(
        String submissionId,
        String status,
        String sourceKind,
        String country,
        Integer cycle,
        String fileName,
        String sha256,
        List<String> countries,
        String submittedBy,
        String submittedAt,
        String reportJson) {
    public static final String ACCEPTED = "accepted";

    public SubmissionRecord {
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(status, "status is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(sha256, "sha256 is null");
        countries = List.copyOf(requireNonNull(countries, "countries is null"));
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(reportJson, "reportJson is null");
    }

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }

    /**
     * Whether the submission belongs to this country alone: declared for it, or holding rows of no other country.
     * Only such submissions' raw files are served to the country's analysts (a multi-country file holds other
     * countries' rows).
     */
    public boolean belongsOnlyTo(String iso3) {
        if (country != null) {
            return country.equals(iso3);
        }
        return !countries.isEmpty() && countries.stream().allMatch(iso3::equals);
    }

    /** Whether the country has a say in the submission: declared for it, or with accepted rows of it. */
    public boolean concerns(String iso3) {
        return iso3.equals(country) || countries.contains(iso3);
    }
}
