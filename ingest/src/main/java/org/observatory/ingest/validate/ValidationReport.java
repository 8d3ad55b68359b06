package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.observatory.schemas.error.ErrorCode;

/**
 * Collects every problem of a file at once. The listing is capped per error code (the first {@code perCodeLimit}
 * issues are kept, all are counted) so that a million-row file still gives a readable report.
 */
public final class ValidationReport {
    public static final int DEFAULT_PER_CODE_LIMIT = 50;

    private final int perCodeLimit;
    private final List<ValidationIssue> issues = new ArrayList<>();
    private final Map<ErrorCode, Long> countsByCode = new EnumMap<>(ErrorCode.class);
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private long errorCount;
    private long warningCount;

    public ValidationReport(int perCodeLimit) {
        if (perCodeLimit < 1) {
            throw new IllegalArgumentException("perCodeLimit must be at least 1: " + perCodeLimit);
        }
        this.perCodeLimit = perCodeLimit;
    }

    public void add(ValidationIssue issue) {
        requireNonNull(issue, "issue is null");
        long count = countsByCode.merge(issue.code(), 1L, Long::sum);
        if (issue.severity() == Severity.ERROR) {
            errorCount++;
        } else {
            warningCount++;
        }
        if (count <= perCodeLimit) {
            issues.add(issue);
        }
    }

    public void error(ErrorCode code, long line, String column, String value, String message) {
        add(new ValidationIssue(Severity.ERROR, code, line, column, value, message));
    }

    public void warning(ErrorCode code, long line, String column, String value, String message) {
        add(new ValidationIssue(Severity.WARNING, code, line, column, value, message));
    }

    public void skipped(String reason) {
        skipped(reason, 1);
    }

    public void skipped(String reason, long rows) {
        skippedByReason.merge(reason, rows, Long::sum);
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }

    public long errorCount() {
        return errorCount;
    }

    public long warningCount() {
        return warningCount;
    }

    /** The listed issues, in the order they were found (capped per code). */
    public List<ValidationIssue> issues() {
        return List.copyOf(issues);
    }

    /** How many issues of each code were found, including those not listed. */
    public Map<ErrorCode, Long> countsByCode() {
        return Map.copyOf(countsByCode);
    }

    public Map<String, Long> skippedByReason() {
        return Map.copyOf(new TreeMap<>(skippedByReason));
    }

    public long skippedTotal() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
