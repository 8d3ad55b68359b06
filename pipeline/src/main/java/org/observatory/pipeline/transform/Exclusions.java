package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.RAW_KEY;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SKIP_REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE_LINE;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.STATUS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * The exclusions table: every input row that did not become part of a value, with its reason and source line
 * (invariant 2). Rows without a country are filed under {@value #UNKNOWN_COUNTRY}, so that every exclusion has a
 * partition.
 */
public final class Exclusions {
    /** The {@code country} of exclusions whose row names no country. */
    public static final String UNKNOWN_COUNTRY = Partitions.UNKNOWN;

    /** The working columns of exclusion groups: the rows each stands for, and the key to find them again. */
    public static final List<String> GROUP_COLUMNS = List.of(SOURCE_ROWS, RAW_KEY);

    private Exclusions() {}

    /**
     * The rows in the run that ingest skipped (any status but {@code accepted}), with their ingest reason, or
     * {@code invalid-row} when the row names none.
     */
    public static Dataset<Row> skipped(Dataset<Row> rowsIn) {
        Column given = trim(col(SKIP_REASON));
        Column reason = when(given.isNull().or(given.equalTo("")), lit(ExclusionReason.INVALID_ROW.code()))
                .otherwise(given);
        return Assignments.set(REASON, reason)
                .and(
                        DETAIL,
                        format_string(
                                "skipped at ingest (%s); the submission's validation report gives the row's problem"
                                        + " and how to fix it",
                                reason))
                .applyTo(rowsIn.filter(not(col(STATUS).eqNullSafe(StagedRows.STATUS_ACCEPTED))));
    }

    /** The rows that carry a {@code reason}, in the shape of {@link SnapshotTables#EXCLUSIONS}. */
    public static Dataset<Row> of(Dataset<Row> rows) {
        return SparkSchemas.conform(
                rows.filter(col(REASON).isNotNull()).withColumn(COUNTRY, Partitions.of(col(COUNTRY))),
                SnapshotTables.EXCLUSIONS);
    }

    /**
     * The groups of staged rows ({@link StagedGroups}) that carry a {@code reason}, in the shape of {@link
     * SnapshotTables#EXCLUSIONS} with {@link #GROUP_COLUMNS}: a group of several incidents is one row here, with
     * its first line, until {@link #expand} lists its lines.
     */
    public static Dataset<Row> groups(Dataset<Row> rows) {
        return SparkSchemas.conform(
                rows.filter(col(REASON).isNotNull()).withColumn(COUNTRY, Partitions.of(col(COUNTRY))),
                SnapshotTables.EXCLUSIONS,
                GROUP_COLUMNS);
    }

    /** The groups of {@link #groups} that stand for several rows, which {@link #expand} must list line by line. */
    public static Dataset<Row> groupsOfSeveralRows(Dataset<Row> groups) {
        return groups.filter(col(SOURCE_ROWS).gt(1));
    }

    /** The exclusions table of groups that all stand for one row each. */
    public static Dataset<Row> ofSingleRows(Dataset<Row> groups) {
        return SparkSchemas.conform(groups, SnapshotTables.EXCLUSIONS);
    }

    /**
     * The exclusions table of {@link #groups}: each group of several incidents is replaced by one exclusion per
     * incident, with the incident's own line, found again by the group's key.
     *
     * @param keyedRows the staged rows of the submissions of such groups, with {@link StagedGroups#withKeys}
     */
    public static Dataset<Row> expand(Dataset<Row> groups, Dataset<Row> keyedRows) {
        Dataset<Row> single = groups.filter(col(SOURCE_ROWS).leq(1));
        Dataset<Row> several = groupsOfSeveralRows(groups).drop(SOURCE_LINE);
        Dataset<Row> lines = keyedRows.select(col(SUBMISSION_ID), col(RAW_KEY), col(SOURCE_LINE));
        Dataset<Row> expanded = lines.join(broadcast(several), new String[] {SUBMISSION_ID, RAW_KEY}, "inner");
        return ofSingleRows(single).unionByName(ofSingleRows(expanded));
    }
}
