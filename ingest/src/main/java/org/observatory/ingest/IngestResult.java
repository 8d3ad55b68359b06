package org.observatory.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.observatory.ingest.validate.ValidationIssue;

/**
 * The validation report of one upload, as the CLI prints it and the API returns it: the submission id, whether
 * the file was accepted (whole) or rejected (whole), what detection found, row counts, and every issue.
 * {@code rowsRead == rowsAccepted + sum(rowsSkipped) + rowsInvalid}; an accepted file has no invalid rows.
 *
 * <p>{@code countries} are the member states with rows that passed their checks (for an accepted file, those with
 * accepted rows: each approves its own part). {@code rowsOfOtherCountries} counts, by country, every row refused
 * because it is not the declared country's ({@code COUNTRY_NOT_SUBMITTER}), all of them, while {@code issues} lists
 * the first ones only (capped per code, as {@code issueCounts} tells).
 */
public record IngestResult(
        String submissionId,
        String status,
        boolean alreadySubmitted,
        String sourceKind,
        String country,
        Integer cycle,
        String fileName,
        String sha256,
        String encoding,
        String delimiter,
        String decimalSeparator,
        int preambleLines,
        String layout,
        long rowsRead,
        long rowsAccepted,
        Map<String, Long> rowsSkipped,
        long rowsInvalid,
        long errors,
        long warnings,
        Map<String, Long> issueCounts,
        List<ValidationIssue> issues,
        List<String> countries,
        Map<String, Long> rowsOfOtherCountries) {
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public IngestResult {
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(status, "status is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(fileName, "fileName is null");
        rowsSkipped = Map.copyOf(requireNonNull(rowsSkipped, "rowsSkipped is null"));
        issueCounts = Map.copyOf(requireNonNull(issueCounts, "issueCounts is null"));
        issues = List.copyOf(requireNonNull(issues, "issues is null"));
        // reports written before these fields existed are read back without them
        countries = countries == null ? List.of() : List.copyOf(new TreeSet<>(countries));
        rowsOfOtherCountries = Collections.unmodifiableMap(
                rowsOfOtherCountries == null ? new TreeMap<>() : new TreeMap<>(rowsOfOtherCountries));
    }

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }

    public IngestResult asRepeat() {
        return new IngestResult(
                submissionId,
                status,
                true,
                sourceKind,
                country,
                cycle,
                fileName,
                sha256,
                encoding,
                delimiter,
                decimalSeparator,
                preambleLines,
                layout,
                rowsRead,
                rowsAccepted,
                rowsSkipped,
                rowsInvalid,
                errors,
                warnings,
                issueCounts,
                issues,
                countries,
                rowsOfOtherCountries);
    }
}
