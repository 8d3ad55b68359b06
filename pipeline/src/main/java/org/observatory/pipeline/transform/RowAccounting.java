package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.OUTCOME;
import static org.observatory.pipeline.transform.Columns.PARTITION;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.ROWS;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.USED;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What became of a run's input rows, counted from the run's outputs: the rows each exclusion and each use stands
 * for, per country partition. The counts feed the run report and {@link Conservation#verify}.
 */
public final class RowAccounting {
    private RowAccounting() {}

    /**
     * Input rows used per partition: {@code source_rows} of each correspondence or population row, and of each
     * value (before a value is repeated for each indicator it feeds). Columns: {@code partition}, {@code rows}.
     */
    public static Dataset<Row> usedRows(Dataset<Row> referenceRows, Dataset<Row> values) {
        return referenceRows
                .select(
                        Partitions.of(col(COUNTRY)).as(PARTITION),
                        col(SOURCE_ROWS).cast("long").as(ROWS))
                .unionByName(values.select(
                        Partitions.of(col(COUNTRY)).as(PARTITION),
                        col(SOURCE_ROWS).cast("long").as(ROWS)));
    }

    /**
     * One row per partition and outcome, {@code used} or an exclusion reason, with the number of input rows:
     * columns {@code partition}, {@code outcome} and {@code rows}. At most one row per partition and reason.
     *
     * @param exclusions exclusions with the rows each stands for in {@code source_rows}
     */
    public static Dataset<Row> outcomes(Dataset<Row> exclusions, Dataset<Row> usedRows) {
        return exclusions
                .select(
                        col(COUNTRY).as(PARTITION),
                        col(REASON).as(OUTCOME),
                        col(SOURCE_ROWS).cast("long").as(ROWS))
                .unionByName(usedRows.select(col(PARTITION), lit(USED).as(OUTCOME), col(ROWS)))
                .groupBy(PARTITION, OUTCOME)
                .agg(sum(col(ROWS)).as(ROWS));
    }
}
