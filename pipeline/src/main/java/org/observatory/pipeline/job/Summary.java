package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.transform.Columns;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.pipeline.transform.RunSummary;
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
                default -> throw new IllegalStateException("unknown summary measure " + measure);
            }
        }
        return new Summary(byPartition);
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
        private long rowsIn;
        private long synthetic;
        private long suppressed;
    }
}
