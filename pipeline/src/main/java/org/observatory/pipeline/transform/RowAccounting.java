package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.observatory.pipeline.transform.Columns.OUTCOME;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.ROWS;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.USED;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What became of a run's input rows, counted from the run's outputs: the rows each exclusion and each use stands
 * for. The counts feed the run report and {@link Conservation#verify}.
 */
public final class RowAccounting {
    private RowAccounting() {}

    /**
     * Input rows used: one per correspondence or population row, and {@code source_rows} per value (before a
     * value is repeated for each indicator it feeds). Column: {@code rows}.
     */
    public static Dataset<Row> usedRows(
            Dataset<Row> correspondenceRows, Dataset<Row> populationRows, Dataset<Row> values) {
        return correspondenceRows
                .select(lit(1L).as(ROWS))
                .unionByName(populationRows.select(lit(1L).as(ROWS)))
                .unionByName(values.select(col(SOURCE_ROWS).cast("long").as(ROWS)));
    }

    /**
     * One row per outcome, {@code used} or an exclusion reason, with the number of input rows: columns
     * {@code outcome} and {@code rows}. At most one row per reason, so it is small enough to collect.
     */
    public static Dataset<Row> outcomes(Dataset<Row> exclusions, Dataset<Row> usedRows) {
        return exclusions
                .select(col(REASON).as(OUTCOME), lit(1L).as(ROWS))
                .unionByName(usedRows.select(lit(USED).as(OUTCOME), col(ROWS)))
                .groupBy(OUTCOME)
                .agg(sum(col(ROWS)).as(ROWS));
    }
}
