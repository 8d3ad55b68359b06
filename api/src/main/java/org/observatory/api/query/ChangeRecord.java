package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.observatory.schemas.table.SnapshotTables;

/**
 * One row of a snapshot's {@code changes} table: an indicator value (country, year, indicator and disaggregation)
 * that this snapshot revised, added or withdrew against the previous one, with the old and the new count, rate per
 * 100,000 and reported rate and the submissions they came from. The side without a value (old for an added value,
 * new for a withdrawn one) is null, as is a column the snapshot's Parquet files lack.
 */
public record ChangeRecord(
        String country,
        int year,
        String indicator,
        String sex,
        String age,
        String breakdownType,
        String breakdown,
        String change,
        Double oldCount,
        Double newCount,
        Double oldRatePer100k,
        Double newRatePer100k,
        Double oldReportedRate,
        Double newReportedRate,
        String oldSubmissionId,
        String newSubmissionId) {
    /** The kinds of change, in the order the counts are given. */
    public static final List<String> KINDS =
            List.of(SnapshotTables.CHANGE_REVISED, SnapshotTables.CHANGE_ADDED, SnapshotTables.CHANGE_WITHDRAWN);

    public ChangeRecord {
        requireNonNull(country, "country is null");
        requireNonNull(indicator, "indicator is null");
        requireNonNull(change, "change is null");
        if (!KINDS.contains(change)) {
            throw new IllegalArgumentException("change must be one of %s, not '%s' (%s, %d, %s)"
                    .formatted(String.join(", ", KINDS), change, country, year, indicator));
        }
    }
}
