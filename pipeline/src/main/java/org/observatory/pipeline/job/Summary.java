package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.transform.Columns;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.pipeline.transform.RunSummary;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotPartition;
import org.observatory.schemas.table.SnapshotTables;

/** The collected rows of {@link RunSummary}: what a run computed for each partition it recomputed. */
final class Summary {
    static final Summary EMPTY = new Summary(Map.of());

    private final Map<String, Numbers> byPartition;

    private Summary(Map<String, Numbers> byPartition) {
        this.byPartition = byPartition;
    }

    static Summary of(List<Row> rows) {
        Map<String, Numbers> byPartition = new TreeMap<>();
        for (Row row : rows) {
            String partition = requireNonNull(row.getString(0), "partition is null");
            String measure = row.getString(1);
            String item = row.isNullAt(2) ? null : row.getString(2);
            long amount = row.isNullAt(3) ? 0 : row.getLong(3);
            Numbers numbers = byPartition.computeIfAbsent(partition, key -> new Numbers());
            switch (measure) {
                case RunSummary.STAGED -> numbers.stagedSubmissions.add(item);
                case RunSummary.ROWS_IN -> numbers.rowsIn += amount;
                case RunSummary.OUTCOME_ROWS -> numbers.outcomes.merge(item, amount, Long::sum);
                case RunSummary.TABLE_ROWS -> numbers.tableRows.merge(item, amount, Long::sum);
                case RunSummary.SYNTHETIC_ROWS -> numbers.synthetic += amount;
                case RunSummary.SUPPRESSED -> numbers.suppressed += amount;
                case RunSummary.UNMAPPED -> numbers.unmapped.add(item);
                case RunSummary.TO_LIST -> numbers.toList.add(item);
                case RunSummary.TO_LIST_CODE -> {
                    if (item == null) {
                        numbers.toListWithoutCode = true;
                    } else {
                        numbers.codesToList.add(item);
                    }
                }
                default -> throw new IllegalStateException("unknown summary measure " + measure);
            }
        }
        return new Summary(byPartition);
    }

    /** The partitions the run read staged rows of. */
    Set<String> partitions() {
        return byPartition.keySet();
    }

    /** The submissions with groups of several excluded incidents, whose exclusions are listed line by line. */
    Set<String> submissionsToList() {
        Set<String> ids = new TreeSet<>();
        byPartition.values().forEach(numbers -> ids.addAll(numbers.toList));
        return ids;
    }

    /**
     * The national codes of the groups of several excluded incidents, by which the job finds their lines again; empty
     * when one such group has no code (then every row of their submissions is read again).
     */
    Optional<Set<String>> nationalCodesToList() {
        Set<String> codes = new TreeSet<>();
        for (Numbers numbers : byPartition.values()) {
            if (numbers.toListWithoutCode) {
                return Optional.empty();
            }
            codes.addAll(numbers.codesToList);
        }
        return Optional.of(codes);
    }

    /**
     * Checks the exclusions listed line by line against the rows their groups stand for.
     *
     * @param listed rows of {@link org.observatory.pipeline.transform.RowAccounting#excludedRows}
     * @throws ObservatoryException {@link ErrorCode#CONSERVATION_VIOLATED} naming the partition and reason
     */
    void verifyListed(List<Row> listed) {
        Map<String, Long> found = new TreeMap<>();
        for (Row row : listed) {
            found.put(row.getString(0) + " " + row.getString(1), row.getLong(2));
        }
        Map<String, Long> expected = new TreeMap<>();
        byPartition.forEach((partition, numbers) -> numbers.outcomes.forEach((reason, rows) -> {
            if (!reason.equals(Columns.USED) && rows > 0) {
                expected.put(partition + " " + reason, rows);
            }
        }));
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(found.keySet());
        for (String key : keys) {
            long rows = expected.getOrDefault(key, 0L);
            long written = found.getOrDefault(key, 0L);
            if (rows != written) {
                String[] partitionAndReason = key.split(" ", 2);
                throw new ObservatoryException(
                        ErrorCode.CONSERVATION_VIOLATED,
                        ("Rows are not conserved in partition %s: %d rows are excluded as %s, but %d exclusions were"
                                        + " listed line by line; this is a pipeline bug, the previous snapshot stays"
                                        + " published; report it with the run manifest")
                                .formatted(partitionAndReason[0], rows, partitionAndReason[1], written));
            }
        }
    }

    /** The submissions with staged rows in the partition, read by the run. */
    Set<String> stagedSubmissions(String partition) {
        Numbers numbers = byPartition.get(partition);
        return numbers == null ? Set.of() : Set.copyOf(numbers.stagedSubmissions);
    }

    /**
     * The partition's entry of the snapshot manifest.
     *
     * @throws org.observatory.schemas.error.ObservatoryException {@code CONSERVATION_VIOLATED} naming the partition
     *     when its rows are not conserved
     */
    SnapshotPartition partition(String partition, String snapshotId, String fingerprint, Set<String> submissionIds) {
        Numbers numbers = byPartition.getOrDefault(partition, new Numbers());
        Map<String, Long> excluded = new TreeMap<>(numbers.outcomes);
        long rowsOut = excluded.getOrDefault(Columns.USED, 0L);
        excluded.remove(Columns.USED);
        Conservation.verify(partition, numbers.rowsIn, rowsOut, excluded);
        Map<String, Long> tableRows = new TreeMap<>();
        SnapshotTables.ALL.forEach(table -> tableRows.put(table.name(), 0L));
        tableRows.putAll(numbers.tableRows);
        return new SnapshotPartition(
                fingerprint,
                snapshotId,
                List.copyOf(new TreeSet<>(submissionIds)),
                numbers.rowsIn,
                rowsOut,
                excluded,
                tableRows,
                numbers.synthetic > 0,
                List.copyOf(numbers.unmapped),
                numbers.suppressed);
    }

    private static final class Numbers {
        private final Set<String> stagedSubmissions = new TreeSet<>();
        private final Map<String, Long> outcomes = new TreeMap<>();
        private final Map<String, Long> tableRows = new TreeMap<>();
        private final Set<String> unmapped = new TreeSet<>();
        private final Set<String> toList = new TreeSet<>();
        private final Set<String> codesToList = new TreeSet<>();
        private boolean toListWithoutCode;
        private long rowsIn;
        private long synthetic;
        private long suppressed;
    }
}
