package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.RAW_KEY;
import static org.observatory.pipeline.transform.Columns.ROW_ID;
import static org.observatory.pipeline.transform.Columns.SOURCE_FILE;
import static org.observatory.pipeline.transform.Columns.SOURCE_LINE;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.STATUS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.UNIT;
import static org.observatory.pipeline.transform.Columns.VALUE;

import java.util.Arrays;
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
     * @param staged rows with the columns of {@link StagedRows#SCHEMA}, or as {@link
     *     org.observatory.pipeline.io.StagedRowsReader#read} gives them ({@code source_file} in place of {@code
     *     submission_id})
     */
    public static Dataset<Row> group(Dataset<Row> staged) {
        Dataset<Row> groups = keyed(byFile(staged))
                .groupBy(KEY.stream().map(name -> col(name)).toArray(Column[]::new))
                .agg(count(lit(1)).as(SOURCE_ROWS), min(col(SOURCE_LINE)).as(SOURCE_LINE))
                .withColumn(RAW_KEY, rawKey());
        return namedSubmissions(staged, groups);
    }

    /**
     * Staged rows with the group columns: {@code value} and {@code row_id} null for accepted incident rows, and
     * {@code raw_key}, which identifies the submission too. Rows of one group share the {@code raw_key} of {@link
     * #group}'s row.
     */
    public static Dataset<Row> withKeys(Dataset<Row> staged) {
        return keyed(byFile(staged)).withColumn(RAW_KEY, rawKey());
    }

    /**
     * The distinct (submission_id, partition) pairs of staged rows as {@link
     * org.observatory.pipeline.io.StagedRowsReader#read} gives them: which country partitions each submission has
     * rows in, whatever their status.
     */
    public static Dataset<Row> partitionsOfFiles(Dataset<Row> staged) {
        return byFile(staged)
                .select(col(SUBMISSION_ID), Partitions.of(col(Columns.COUNTRY)).as(Columns.PARTITION))
                .distinct()
                .select(submissionOfFile(col(SUBMISSION_ID)).as(SUBMISSION_ID), col(Columns.PARTITION));
    }

    /**
     * The submission id of a staged file, {@code <staging>/<submission-id>/rows.parquet}: the name of its folder
     * (submission ids consist of letters, digits, '.', '_' and '-', which a file URI leaves as they are).
     */
    public static Column submissionOfFile(Column sourceFile) {
        return regexp_extract(sourceFile, "([A-Za-z0-9._-]+)/" + StagedRows.FILE_NAME.replace(".", "\\.") + "$", 1);
    }

    /**
     * Rows read from files ({@code source_file}) are keyed by their file in place of the submission id, which
     * {@link #namedSubmissions} then derives once per group rather than once per row.
     */
    private static Dataset<Row> byFile(Dataset<Row> staged) {
        return fromFiles(staged)
                ? staged.withColumn(SUBMISSION_ID, col(SOURCE_FILE)).drop(SOURCE_FILE)
                : staged;
    }

    private static Dataset<Row> namedSubmissions(Dataset<Row> staged, Dataset<Row> keyed) {
        return fromFiles(staged) ? keyed.withColumn(SUBMISSION_ID, submissionOfFile(col(SUBMISSION_ID))) : keyed;
    }

    private static boolean fromFiles(Dataset<Row> staged) {
        return Arrays.asList(staged.columns()).contains(SOURCE_FILE);
    }

    /**
     * Whether a staged row is an accepted incident, which is counted with the others of its group. Ingest writes
     * the unit's code exactly; a row with another spelling stays a group of its own, which later stages still
     * count as an incident (exact comparison here: case mapping per row costs more than the whole aggregation).
     */
    public static Column isIncident() {
        return col(STATUS).eqNullSafe(StagedRows.STATUS_ACCEPTED).and(col(UNIT).eqNullSafe(StagedRows.UNIT_INCIDENT));
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
