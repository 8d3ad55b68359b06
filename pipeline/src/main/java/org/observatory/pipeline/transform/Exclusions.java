package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SKIP_REASON;
import static org.observatory.pipeline.transform.Columns.STATUS;

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
    public static final String UNKNOWN_COUNTRY = "_UNKNOWN";

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
                rows.filter(col(REASON).isNotNull()).withColumn(COUNTRY, coalesce(col(COUNTRY), lit(UNKNOWN_COUNTRY))),
                SnapshotTables.EXCLUSIONS);
    }
}
