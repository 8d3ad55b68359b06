package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.text.Message;

/**
 * Collects every problem of a file at once. The listing is capped per error code (the first {@code perCodeLimit}
 * issues are kept, all are counted) so that a million-row file still gives a readable report, and may be capped in
 * all too ({@code totalLimit}: the first issues found, whatever their code), so that a report that lists every issue
 * of a file (for its fix list) still holds a bounded number of them.
 *
 * <p>A file read in parts gets one report per part; {@link #append} then adds each part's report, in file order,
 * to the file's report, which ends up exactly as if one report had seen every row in order.
 */
public final class ValidationReport {
    public static final int DEFAULT_PER_CODE_LIMIT = 50;

    private final int perCodeLimit;
    private final int totalLimit;
    /**
     * The issues kept, in the order they were found: per code the first {@code perCodeLimit} of those reported
     * normally, and every issue reported once per file (few: one per country at most), so that reports of parts
     * can be appended exactly. {@link #issues} lists the first {@code perCodeLimit} of each code among them.
     */
    private final List<Kept> kept = new ArrayList<>();

    private final Set<String> onceKeys = new HashSet<>();
    private final Map<ErrorCode, Long> countsByCode = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, Long> keptByCode = new EnumMap<>(ErrorCode.class);
    /** The issues kept that are not reported once per file: at most {@code totalLimit}. */
    private long keptInAll;

    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final Map<String, Long> rowsOfOtherCountries = new TreeMap<>();
    private long errorCount;
    private long warningCount;
    /** The country of the row being checked (looked up when an issue needs it), or null when no row is. */
    private Supplier<String> rowCountry;

    /** A report that lists the first {@code perCodeLimit} issues of each code. */
    public ValidationReport(int perCodeLimit) {
        this(perCodeLimit, Integer.MAX_VALUE);
    }

    /**
     * A report that lists the first {@code perCodeLimit} issues of each code, and of those the first {@code
     * totalLimit} found (besides the few reported once per file).
     */
    public ValidationReport(int perCodeLimit, int totalLimit) {
        if (perCodeLimit < 1) {
            throw new IllegalArgumentException("perCodeLimit must be at least 1: " + perCodeLimit);
        }
        if (totalLimit < 1) {
            throw new IllegalArgumentException("totalLimit must be at least 1: " + totalLimit);
        }
        this.perCodeLimit = perCodeLimit;
        this.totalLimit = totalLimit;
    }

    public void add(ValidationIssue issue) {
        requireNonNull(issue, "issue is null");
        ValidationIssue attributed = attributed(issue);
        count(attributed, 1);
        keep(attributed, null);
    }

    /**
     * Attributes the issues reported from now on (those that name no country themselves) to the country of the row
     * being checked, until it is called again; null for none. Each issue then says whose row it is about, so that
     * a country's analysts can be shown their own issues of a multi-country file, and not the others' values.
     */
    public void attributeTo(String country) {
        rowCountry = country == null ? null : () -> country;
    }

    /**
     * As {@link #attributeTo(String)}, the country looked up only if an issue is reported (most rows have none); the
     * supplier may answer null for a row of no known country.
     */
    public void attributeTo(Supplier<String> country) {
        rowCountry = country;
    }

    private ValidationIssue attributed(ValidationIssue issue) {
        if (issue.country() != null || rowCountry == null) {
            return issue;
        }
        String country = rowCountry.get();
        return country == null ? issue : issue.withCountry(country);
    }

    public void error(ErrorCode code, long line, String column, String value, Message message) {
        add(new ValidationIssue(Severity.ERROR, code, line, column, value, message));
    }

    public void warning(ErrorCode code, long line, String column, String value, Message message) {
        add(new ValidationIssue(Severity.WARNING, code, line, column, value, message));
    }

    /**
     * Reports a warning only the first time {@code key} is reported in the file (e.g. once per country); whether
     * it was reported.
     */
    public boolean warningOncePerFile(
            String key, ErrorCode code, long line, String column, String value, Message message) {
        requireNonNull(key, "key is null");
        if (!onceKeys.add(key)) {
            return false;
        }
        ValidationIssue issue = attributed(new ValidationIssue(Severity.WARNING, code, line, column, value, message));
        count(issue, 1);
        keep(issue, key);
        return true;
    }

    private void count(ValidationIssue issue, long issues) {
        countsByCode.merge(issue.code(), issues, (before, change) -> before + change == 0 ? null : before + change);
        if (issue.severity() == Severity.ERROR) {
            errorCount += issues;
        } else {
            warningCount += issues;
        }
    }

    private void keep(ValidationIssue issue, String onceKey) {
        if (onceKey != null) {
            kept.add(new Kept(issue, onceKey));
        } else if (keptByCode.getOrDefault(issue.code(), 0L) < perCodeLimit && keptInAll < totalLimit) {
            kept.add(new Kept(issue, null));
            keptByCode.merge(issue.code(), 1L, Long::sum);
            keptInAll++;
        }
    }

    /**
     * Adds the report of the rows that follow the rows this report has seen (the next part of the same file), as if
     * this report had seen them itself: issues in order and capped per code, an issue reported once per file only
     * the first time, counts and skipped rows added.
     */
    public void append(ValidationReport next) {
        requireNonNull(next, "next is null");
        next.countsByCode.forEach((code, count) -> countsByCode.merge(code, count, Long::sum));
        errorCount += next.errorCount;
        warningCount += next.warningCount;
        for (Kept issue : next.kept) {
            if (issue.onceKey() != null && !onceKeys.add(issue.onceKey())) {
                count(issue.issue(), -1); // an earlier part of the file reported it already
                continue;
            }
            keep(issue.issue(), issue.onceKey());
        }
        next.skippedByReason.forEach(this::skipped);
        next.rowsOfOtherCountries.forEach((country, rows) -> rowsOfOtherCountries.merge(country, rows, Long::sum));
    }

    public void skipped(String reason) {
        skipped(reason, 1);
    }

    public void skipped(String reason, long rows) {
        skippedByReason.merge(reason, rows, Long::sum);
    }

    /**
     * Counts a row refused because it is another country's than the one the upload declares (reported as an error of
     * its line too). The count is kept whole, while the listing of those errors is capped like any other.
     */
    public void refusedRowOf(String country) {
        requireNonNull(country, "country is null");
        rowsOfOtherCountries.merge(country, 1L, Long::sum);
    }

    /** The rows refused as another country's than the declared one, by country (all of them, never capped). */
    public Map<String, Long> rowsOfOtherCountries() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(rowsOfOtherCountries));
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

    /** The listed issues, in the order they were found (capped per code, and in all). */
    public List<ValidationIssue> issues() {
        Map<ErrorCode, Long> listed = new EnumMap<>(ErrorCode.class);
        List<ValidationIssue> issues = new ArrayList<>();
        for (Kept issue : kept) {
            if (listed.merge(issue.issue().code(), 1L, Long::sum) <= perCodeLimit) {
                issues.add(issue.issue());
            }
        }
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

    /** An issue kept for the listing, with its once-per-file key when it has one. */
    private record Kept(ValidationIssue issue, String onceKey) {}
}
