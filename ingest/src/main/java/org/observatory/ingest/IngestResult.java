package org.observatory.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.observatory.ingest.validate.ValidationIssue;

/**
 * The validation report of one upload, as the CLI prints it and the API returns it: the submission id, whether
 * the file was accepted (whole) or rejected (whole), what detection found, row counts, and every issue.
 * {@code rowsRead == rowsAccepted + sum(rowsSkipped) + rowsInvalid}; an accepted file has no invalid rows.
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
        List<ValidationIssue> issues) {
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
                issues);
    }
}
