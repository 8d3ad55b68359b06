package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What a pipeline run answers with (a JSON file next to its manifest, and printed by {@code observatory pipeline
 * run}). Conservation holds: {@code rowsIn == rowsOut + sum(rowsExcluded)}; a run where it does not fails.
 */
public record RunReport(
        String runId,
        String snapshotId,
        String previousSnapshotId,
        long rowsIn,
        long rowsOut,
        Map<String, Long> rowsExcluded,
        long changedValues,
        long addedValues,
        long withdrawnValues,
        List<String> countriesRecomputed,
        Map<String, List<String>> unmappedNationalCodes,
        double seconds) {
    public RunReport {
        requireNonNull(runId, "runId is null");
        requireNonNull(snapshotId, "snapshotId is null");
        rowsExcluded = Map.copyOf(requireNonNull(rowsExcluded, "rowsExcluded is null"));
        countriesRecomputed = List.copyOf(requireNonNull(countriesRecomputed, "countriesRecomputed is null"));
        unmappedNationalCodes = Map.copyOf(requireNonNull(unmappedNationalCodes, "unmappedNationalCodes is null"));
    }

    public long rowsExcludedTotal() {
        return rowsExcluded.values().stream().mapToLong(Long::longValue).sum();
    }
}
