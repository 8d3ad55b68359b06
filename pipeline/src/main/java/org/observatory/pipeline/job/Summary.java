package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotPartition;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.text.Message;

/**
 * The collected rows of the {@code summary} relation of {@code snapshot.sql}: what a run computed for each partition
 * it recomputed (columns partition, measure, item, amount).
 */
final class Summary {
    static final String STAGED = "staged";
    static final String ROWS_IN = "rows-in";
    static final String OUTCOME_ROWS = "outcome";
    static final String TABLE_ROWS = "table";
    static final String SYNTHETIC_ROWS = "synthetic";
    static final String SUPPRESSED = "suppressed";
    static final String UNMAPPED = "unmapped";
    /** Exclusions as listed row by row (item: reason), checked against the outcomes of their groups. */
    static final String LISTED = "listed";
    /** Rows of a submission that are not incidents but share their line with another (item: submission id). */
    static final String DUPLICATE_LINES = "duplicate-lines";
    /** The outcome of input rows that the snapshot uses. */
    static final String USED = "used";
    /** The query of the summary relation. */
    static final String QUERY = "SELECT partition_name, measure, item, amount FROM summary";

    static final Summary EMPTY = new Summary(Map.of());

    private final Map<String, Numbers> byPartition;

    private Summary(Map<String, Numbers> byPartition) {
        this.byPartition = byPartition;
    }

    static Summary of(List<List<Object>> rows) {
        Map<String, Numbers> byPartition = new TreeMap<>();
        for (List<Object> row : rows) {
            String partition = requireNonNull((String) row.get(0), "partition is null");
            String measure = (String) row.get(1);
            String item = (String) row.get(2);
            long amount = row.get(3) == null ? 0 : ((Number) row.get(3)).longValue();
            Numbers numbers = byPartition.computeIfAbsent(partition, key -> new Numbers());
            switch (measure) {
                case STAGED -> numbers.stagedSubmissions.add(item);
                case ROWS_IN -> numbers.rowsIn += amount;
                case OUTCOME_ROWS -> numbers.outcomes.merge(item, amount, Long::sum);
                case TABLE_ROWS -> numbers.tableRows.merge(item, amount, Long::sum);
                case SYNTHETIC_ROWS -> numbers.synthetic += amount;
                case SUPPRESSED -> numbers.suppressed += amount;
                case UNMAPPED -> numbers.unmapped.add(item);
                case LISTED -> numbers.listed.merge(item, amount, Long::sum);
                case DUPLICATE_LINES ->
                    throw new ObservatoryException(
                            ErrorCode.STORAGE_FAILURE,
                            Message.of(
                                    PipelineMessage.STAGED_ROWS_DAMAGED,
                                    "submission",
                                    item,
                                    "rows",
                                    amount,
                                    "partition",
                                    partition));
                default -> throw new IllegalStateException("unknown summary measure " + measure);
            }
        }
        return new Summary(byPartition);
    }

    /** The partitions the run read staged rows of. */
    Set<String> partitions() {
        return byPartition.keySet();
    }

    /**
     * Checks the exclusions listed row by row against the rows their groups stand for.
     *
     * @throws ObservatoryException {@link ErrorCode#CONSERVATION_VIOLATED} naming the partition and reason
     */
    void verifyListed() {
        byPartition.forEach((partition, numbers) -> {
            Set<String> reasons = new TreeSet<>(numbers.listed.keySet());
            numbers.outcomes.keySet().stream()
                    .filter(reason -> !reason.equals(USED))
                    .forEach(reasons::add);
            for (String reason : reasons) {
                long rows = numbers.outcomes.getOrDefault(reason, 0L);
                long written = numbers.listed.getOrDefault(reason, 0L);
                if (rows != written) {
                    throw new ObservatoryException(
                            ErrorCode.CONSERVATION_VIOLATED,
                            ("Rows are not conserved in partition %s: %d rows are excluded as %s, but %d exclusions"
                                            + " were listed line by line; this is a pipeline bug, the previous"
                                            + " snapshot stays published; report it with the run manifest")
                                    .formatted(partition, rows, reason, written));
                }
            }
        });
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
        long rowsOut = excluded.getOrDefault(USED, 0L);
        excluded.remove(USED);
        Conservation.verify(partition, numbers.rowsIn, rowsOut, excluded);
        Map<String, Long> tableRows = new TreeMap<>();
        SnapshotTables.ALL.forEach(
                table -> tableRows.put(table.name(), numbers.tableRows.getOrDefault(table.name(), 0L)));
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
        private final Map<String, Long> listed = new TreeMap<>();
        private long rowsIn;
        private long synthetic;
        private long suppressed;
    }
}
