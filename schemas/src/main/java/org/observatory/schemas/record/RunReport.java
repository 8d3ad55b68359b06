package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pipeline run answers with (a JSON file next to its manifest, and printed by {@code observatory pipeline
 * run}). The row numbers and unmapped codes describe the whole published snapshot, carried-over partitions
 * included, so an incremental run reports the same numbers as a full run over the same inputs. Conservation
 * holds: {@code rowsIn == rowsOut + sum(rowsExcluded)}; a run where it does not fails.
 *
 * @param changedValues indicator values whose count, rate or reported rate differs from the previous snapshot's
 * @param addedValues indicator values the previous snapshot did not have
 * @param withdrawnValues indicator values of the previous snapshot this one no longer has
 * @param countriesRecomputed the country partitions this run computed (sorted; {@code _UNKNOWN} holds the
 *     exclusions of rows without a country)
 * @param countriesCarriedOver the partitions taken over unchanged from the previous snapshot (sorted)
 * @param rowsInRecomputed the input rows of the recomputed partitions: the rows this run read and normalised
 * @param smallCellThreshold counts of incident-level data below this were suppressed
 * @param suppressedValues indicator values of the snapshot suppressed by the small-cell rule
 * @param snapshotsRemoved snapshots removed by retention ({@link RunSettings#keepSnapshots})
 * @param orphansRemoved unpublished snapshot directories of runs that died, removed before this run wrote
 * @param warnings problems that did not stop the run, e.g. a retention that failed after publication
 * @param engine the engine that ran the pipeline ({@code duckdb} or {@code spark}; null in reports written before
 *     the pipeline had two)
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
        double seconds,
        List<String> countriesCarriedOver,
        long rowsInRecomputed,
        int smallCellThreshold,
        long suppressedValues,
        List<String> snapshotsRemoved,
        List<String> orphansRemoved,
        List<String> warnings,
        String engine) {
    public RunReport {
        requireNonNull(runId, "runId is null");
        requireNonNull(snapshotId, "snapshotId is null");
        rowsExcluded = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(rowsExcluded, "rowsExcluded is null")));
        countriesRecomputed = List.copyOf(requireNonNull(countriesRecomputed, "countriesRecomputed is null"));
        unmappedNationalCodes = Collections.unmodifiableMap(
                new TreeMap<>(requireNonNull(unmappedNationalCodes, "unmappedNationalCodes is null")));
        countriesCarriedOver = List.copyOf(countriesCarriedOver == null ? List.of() : countriesCarriedOver);
        snapshotsRemoved = List.copyOf(snapshotsRemoved == null ? List.of() : snapshotsRemoved);
        orphansRemoved = List.copyOf(orphansRemoved == null ? List.of() : orphansRemoved);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    public long rowsExcludedTotal() {
        return rowsExcluded.values().stream().mapToLong(Long::longValue).sum();
    }
}
