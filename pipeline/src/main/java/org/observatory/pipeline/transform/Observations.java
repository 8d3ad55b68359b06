package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.COVERED_ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.MEASURE;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.UNIT;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * The observations table: normalised values with the indicators they feed. A CTS value already names its
 * indicator; a national or SDMX value feeds every indicator that covers its ICCS code (rape, 03011, feeds both
 * {@code rape} and {@code sexual-violence}), one observation each, and stays an observation with a null indicator
 * when no indicator covers it. A count of an indicator takes the indicator's unit (victims, offences, persons).
 */
public final class Observations {
    private static final String CATALOGUE_UNIT = "catalogue_unit";

    private Observations() {}

    /**
     * @param values normalised values in the shape of {@link SnapshotTables#OBSERVATIONS}, with the working
     *     columns {@link ValueRows#VALUE_COLUMNS}, which the result keeps
     * @param coverage the frame of {@link IndicatorFrames#coverage}
     * @param units the frame of {@link IndicatorFrames#units}
     */
    public static Dataset<Row> attachIndicators(Dataset<Row> values, Dataset<Row> coverage, Dataset<Row> units) {
        Column cts = col(SOURCE_KIND).eqNullSafe(SourceKind.CTS.cliName());
        Dataset<Row> named = values.filter(cts);
        Dataset<Row> coded = values.filter(not(cts)).drop(INDICATOR);
        Dataset<Row> catalogueUnits =
                broadcast(units.select(col(INDICATOR), col(UNIT).as(CATALOGUE_UNIT)));
        Dataset<Row> covering = broadcast(coverage.join(catalogueUnits, INDICATOR));
        // a count feeds count indicators and a percentage feeds percentage indicators (survey prevalence), never
        // the other way round, although both may cover the same ICCS code
        Column percentage = coded.col(MEASURE).eqNullSafe(SnapshotTables.MEASURE_PERCENT);
        Column percentageIndicator = covering.col(CATALOGUE_UNIT).equalTo(StagedRows.UNIT_PERCENT);
        Dataset<Row> covered = coded.join(
                        covering,
                        coded.col(ICCS_CODE)
                                .startsWith(covering.col(COVERED_ICCS_CODE))
                                .and(percentage.equalTo(percentageIndicator)),
                        "left_outer")
                .drop(COVERED_ICCS_CODE, CATALOGUE_UNIT);
        Dataset<Row> withIndicators =
                named.unionByName(SparkSchemas.conform(covered, SnapshotTables.OBSERVATIONS, ValueRows.VALUE_COLUMNS));
        Column unit = when(
                        col(MEASURE)
                                .equalTo(SnapshotTables.MEASURE_COUNT)
                                .and(col(CATALOGUE_UNIT).isNotNull()),
                        col(CATALOGUE_UNIT))
                .otherwise(col(UNIT));
        return SparkSchemas.conform(
                withIndicators
                        .join(catalogueUnits, new String[] {INDICATOR}, "left_outer")
                        .withColumn(UNIT, unit),
                SnapshotTables.OBSERVATIONS,
                ValueRows.VALUE_COLUMNS);
    }
}
