package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a snapshot's manifest says about one country partition (the {@code country=XXX} directories of its
 * tables; {@code _UNKNOWN} holds the exclusions of rows that name no country). An incremental run recomputes a
 * partition only when its {@code fingerprint} differs from the previous snapshot's, and otherwise carries the
 * partition's files over unchanged, with these numbers.
 *
 * @param fingerprint a digest of everything the partition is computed from: the pipeline's logic version, the run
 *     settings, the codelists, the country's default correspondence table and, per contributing submission, its id,
 *     source kind, sequence, cycle, staged size and whether the country approved it
 * @param computedIn the snapshot whose run computed the partition (carried-over partitions keep it)
 * @param submissionIds the submissions with staged rows of the country or approved for it, sorted
 * @param rowsIn input rows of the partition; {@code rowsIn == rowsOut + sum(rowsExcluded)}
 * @param rowsOut input rows used
 * @param rowsExcluded input rows excluded, by reason
 * @param rowCounts rows of each table in the partition, by table name
 * @param containsSyntheticData whether any observation of the partition is synthetic
 * @param unmappedNationalCodes the country's national codes that no correspondence table maps, sorted
 * @param suppressedValues indicator values suppressed by the small-cell rule
 */
public record SnapshotPartition(
        String fingerprint,
        String computedIn,
        List<String> submissionIds,
        long rowsIn,
        long rowsOut,
        Map<String, Long> rowsExcluded,
        Map<String, Long> rowCounts,
        boolean containsSyntheticData,
        List<String> unmappedNationalCodes,
        long suppressedValues) {
    public SnapshotPartition {
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(computedIn, "computedIn is null");
        submissionIds = List.copyOf(requireNonNull(submissionIds, "submissionIds is null"));
        rowsExcluded = sorted(requireNonNull(rowsExcluded, "rowsExcluded is null"));
        rowCounts = sorted(requireNonNull(rowCounts, "rowCounts is null"));
        unmappedNationalCodes = List.copyOf(requireNonNull(unmappedNationalCodes, "unmappedNationalCodes is null"));
        long excluded =
                rowsExcluded.values().stream().mapToLong(Long::longValue).sum();
        if (rowsIn != rowsOut + excluded) {
            throw new IllegalArgumentException("rows are not conserved: rowsIn %d != rowsOut %d + rowsExcluded %d"
                    .formatted(rowsIn, rowsOut, excluded));
        }
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
