package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.NATIONAL_CODE;
import static org.observatory.pipeline.transform.Columns.OBS_CONF;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.SYNTHETIC;
import static org.observatory.pipeline.transform.Columns.USED;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.observatory.schemas.table.SnapshotTables;

/**
 * Everything a run reports and a snapshot manifest records per country partition, as one small frame computed in
 * one aggregation: columns {@code partition}, {@code measure} (one of the constants below), {@code item} (what is
 * counted, or null) and {@code amount}, one row per partition, measure and item.
 */
public final class RunSummary {
    public static final String PARTITION = Columns.PARTITION;
    public static final String MEASURE = "measure";
    public static final String ITEM = "item";
    public static final String AMOUNT = "amount";

    /** Staged rows of a submission in the partition, whatever their status or approval (item: submission id). */
    public static final String STAGED = "staged";
    /** Input rows of the partition. */
    public static final String ROWS_IN = "rows-in";
    /** Input rows per outcome (item: {@code used} or an exclusion reason). */
    public static final String OUTCOME_ROWS = "outcome";
    /** Rows of a table (item: table name). */
    public static final String TABLE_ROWS = "table";
    /** Synthetic observations. */
    public static final String SYNTHETIC_ROWS = "synthetic";
    /** Indicator values suppressed by the small-cell rule. */
    public static final String SUPPRESSED = "suppressed";
    /** A national code no correspondence table maps (item: the code). */
    public static final String UNMAPPED = "unmapped";

    private RunSummary() {}

    /**
     * @param staged the groups of staged rows read by the run, before the run's scope ({@link StagedGroups})
     * @param plan the run's plan
     * @param exclusions the exclusions table as written, one row per input row
     * @param responses the responses table as written ({@link ResponseRates})
     */
    public static Dataset<Row> of(
            Dataset<Row> staged, SnapshotPlan plan, Dataset<Row> exclusions, Dataset<Row> responses) {
        Column rows = col(SOURCE_ROWS).cast(DataTypes.LongType);
        Column one = lit(1L);
        Column none = lit(null).cast(DataTypes.StringType);
        Dataset<Row> parts = entries(staged, STAGED, col(SUBMISSION_ID), rows)
                .unionByName(entries(plan.rowsIn(), ROWS_IN, none, rows))
                .unionByName(entries(exclusions, OUTCOME_ROWS, col(REASON), one))
                .unionByName(entries(plan.referenceRows(), OUTCOME_ROWS, lit(USED), rows))
                .unionByName(entries(plan.values(), OUTCOME_ROWS, lit(USED), rows))
                .unionByName(entries(plan.observations(), TABLE_ROWS, lit(SnapshotTables.OBSERVATIONS.name()), one))
                .unionByName(entries(plan.indicators(), TABLE_ROWS, lit(SnapshotTables.INDICATORS.name()), one))
                .unionByName(entries(exclusions, TABLE_ROWS, lit(SnapshotTables.EXCLUSIONS.name()), one))
                .unionByName(entries(responses, TABLE_ROWS, lit(SnapshotTables.RESPONSES.name()), one))
                .unionByName(
                        entries(plan.observations().filter(col(SYNTHETIC).eqNullSafe(true)), SYNTHETIC_ROWS, none, one))
                .unionByName(entries(
                        plan.indicators().filter(col(OBS_CONF).eqNullSafe(SnapshotTables.OBS_CONF_CONFIDENTIAL)),
                        SUPPRESSED,
                        none,
                        one))
                .unionByName(entries(plan.unmappedNationalCodes(), UNMAPPED, col(NATIONAL_CODE), one));
        return parts.groupBy(PARTITION, MEASURE, ITEM).agg(sum(col(AMOUNT)).as(AMOUNT));
    }

    private static Dataset<Row> entries(Dataset<Row> rows, String measure, Column item, Column amount) {
        return rows.select(
                Partitions.of(col(COUNTRY)).as(PARTITION),
                lit(measure).as(MEASURE),
                item.cast(DataTypes.StringType).as(ITEM),
                amount.cast(DataTypes.LongType).as(AMOUNT));
    }
}
