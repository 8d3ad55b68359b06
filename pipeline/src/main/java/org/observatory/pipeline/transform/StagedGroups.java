package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.RAW_KEY;
import static org.observatory.pipeline.transform.Columns.ROW_ID;
import static org.observatory.pipeline.transform.Columns.SOURCE_LINE;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.STATUS;
import static org.observatory.pipeline.transform.Columns.UNIT;
import static org.observatory.pipeline.transform.Columns.VALUE;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.schemas.table.StagedRows;

/**
 * The one pass over a run's staged rows: accepted incident-level rows (one per recorded offence) that agree in
 * every column but their line become one group, with {@code source_rows} their number and {@code source_line} the
 * first line; every other row is a group of its own ({@code source_rows} 1). The groups have the staged columns, so
 * every later transform runs on them instead of the rows: a file of a million incidents becomes a few thousand
 * groups in one hash aggregation with fixed-width buffers.
 *
 * <p>Each group keeps its key ({@code raw_key}), so that {@link Exclusions#expand} can list, line by line, the
 * incidents of a group that is excluded as a whole (superseded, unmapped national code).
 */
public final class StagedGroups {
    /** The staged columns a group is keyed by: every one but the line, plus {@code row_id}. */
    private static final List<String> KEY = Stream.concat(
                    StagedRows.SCHEMA.columnNames().stream().filter(name -> !name.equals(SOURCE_LINE)),
                    Stream.of(ROW_ID))
            .toList();

    private StagedGroups() {}

    /**
     * One row per group: the staged columns ({@code value} null for incidents, whose value is their number), {@code
     * row_id} (null for incidents, unique otherwise), {@code source_rows}, {@code source_line} and {@code raw_key}.
     *
     * @param staged rows with the columns of {@link StagedRows#SCHEMA}
     */
    public static Dataset<Row> group(Dataset<Row> staged) {
        return keyed(staged)
                .groupBy(KEY.stream().map(name -> col(name)).toArray(Column[]::new))
                .agg(count(lit(1)).as(SOURCE_ROWS), min(col(SOURCE_LINE)).as(SOURCE_LINE))
                .withColumn(RAW_KEY, rawKey());
    }

    /**
     * Staged rows with the group columns: {@code value} and {@code row_id} null for accepted incident rows, and
     * {@code raw_key}. Rows of one group share the {@code raw_key} of {@link #group}'s row.
     */
    public static Dataset<Row> withKeys(Dataset<Row> staged) {
        return keyed(staged).withColumn(RAW_KEY, rawKey());
    }

    /** Whether a staged row is an accepted incident, which is counted with the others of its group. */
    public static Column isIncident() {
        return col(STATUS)
                .eqNullSafe(StagedRows.STATUS_ACCEPTED)
                .and(lower(trim(col(UNIT))).eqNullSafe(StagedRows.UNIT_INCIDENT));
    }

    private static Dataset<Row> keyed(Dataset<Row> staged) {
        Column incident = isIncident();
        return Assignments.set(
                        VALUE,
                        when(incident, lit(null).cast(DataTypes.DoubleType)).otherwise(col(VALUE)))
                .and(
                        ROW_ID,
                        when(incident, lit(null).cast(DataTypes.LongType)).otherwise(monotonically_increasing_id()))
                .applyTo(staged);
    }

    private static Column rawKey() {
        return struct(KEY.stream().map(name -> col(name)).toArray(Column[]::new));
    }
}
