package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.AGE;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN_TYPE;
import static org.observatory.pipeline.transform.Columns.COUNT;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.HIDDEN;
import static org.observatory.pipeline.transform.Columns.INCIDENT_DERIVED;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.MEASURE;
import static org.observatory.pipeline.transform.Columns.OBS_CONF;
import static org.observatory.pipeline.transform.Columns.OBS_STATUS;
import static org.observatory.pipeline.transform.Columns.RATE_PER_100K;
import static org.observatory.pipeline.transform.Columns.REPORTED_RATE;
import static org.observatory.pipeline.transform.Columns.SEX;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.VALUE;
import static org.observatory.pipeline.transform.Columns.YEAR;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.IndicatorCatalogue;
import org.observatory.schemas.record.ObservationStatus;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The small-cell rule of invariant 8, for values counted from incident-level rows (never for reported values).
 *
 * <p><b>Primary suppression.</b> An observation counted from incidents with fewer than {@code threshold} incidents
 * is published empty: {@code value} and {@code source_rows} null, {@code obs_status} Q, {@code obs_conf} C. So is
 * an indicator value counted from incidents whose count is below the threshold ({@code count}, {@code
 * rate_per_100k} and {@code reported_rate} null; the population stays).
 *
 * <p><b>Secondary suppression.</b> An indicator value is the sum of the observations of one cell (country, year,
 * sex, age, breakdown, submission) that feed the indicator, and those observations are published too, so a
 * published sum could give a hidden observation away. An indicator value counted from incidents is therefore also
 * suppressed when, in its cell:
 * <ol>
 *   <li>exactly one of its observations is hidden (sum minus the others gives it);
 *   <li>an indicator it contains (every ICCS code of the inner one is covered by it, e.g. {@code rape} inside
 *       {@code sexual-violence}) has exactly one hidden observation fewer (the difference of the two sums minus the
 *       published observations of the difference gives it);
 *   <li>an indicator it contains is below the threshold and the difference has no hidden observation (the
 *       difference gives the suppressed inner value away).
 * </ol>
 * Hidden observations stay hidden; only indicator values are suppressed in addition, so the decisions need no
 * iteration. Not audited: combinations of three or more published sums, and differences between sources (a
 * country's aggregated national file and its incident file cover different years, since one supersedes the other
 * for the same year, but a CTS total of the same year is published next to the incident cells).
 */
public final class SmallCells {
    private static final String HIDDEN_VALUES = "hidden_values";
    private static final String TOTAL = "total";
    private static final String INNER = "inner_indicator";
    private static final String OUTER = "outer_indicator";
    private static final String SUPPRESS = "suppress";
    private static final String INNER_PREFIX = "within_";

    /** The key of an indicator value's cell, without the indicator. */
    private static final List<String> CELL =
            List.of(COUNTRY, YEAR, SEX, AGE, BREAKDOWN_TYPE, BREAKDOWN, SOURCE_KIND, SUBMISSION_ID);

    private static final StructType NESTED =
            new StructType().add(INNER, DataTypes.StringType, false).add(OUTER, DataTypes.StringType, false);

    private SmallCells() {}

    /**
     * Pairs of indicators of which the outer one covers every ICCS code of the inner one (columns {@code
     * inner_indicator}, {@code outer_indicator}); transitive pairs are included.
     */
    public static Dataset<Row> nestedIndicators(SparkSession spark, IndicatorCatalogue catalogue) {
        requireNonNull(spark, "spark is null");
        List<Indicator> indicators = catalogue.all();
        List<Row> pairs = indicators.stream()
                .flatMap(inner -> indicators.stream()
                        .filter(outer -> !outer.code().equals(inner.code()))
                        .filter(outer -> !inner.iccsCodes().isEmpty()
                                && inner.iccsCodes().stream().allMatch(outer::covers))
                        .map(outer -> RowFactory.create(inner.code(), outer.code())))
                .toList();
        return spark.createDataFrame(pairs, NESTED);
    }

    /**
     * Adds {@code hidden}: true for a count observation counted from incidents below the threshold.
     *
     * @param observations observations with the working column {@code incident_derived}
     */
    public static Dataset<Row> markHidden(Dataset<Row> observations, int threshold) {
        return observations.withColumn(HIDDEN, isHidden(threshold));
    }

    /** The observations table of {@link #markHidden}'s rows: hidden values published empty and flagged. */
    public static Dataset<Row> suppressObservations(Dataset<Row> marked) {
        Column hidden = col(HIDDEN);
        return SparkSchemas.conform(
                Assignments.set(
                                VALUE,
                                when(hidden, lit(null).cast(DataTypes.DoubleType))
                                        .otherwise(col(VALUE)))
                        .and(
                                SOURCE_ROWS,
                                when(hidden, lit(null).cast(DataTypes.LongType)).otherwise(col(SOURCE_ROWS)))
                        .and(
                                OBS_STATUS,
                                when(hidden, lit(ObservationStatus.SUPPRESSED)).otherwise(col(OBS_STATUS)))
                        .and(
                                OBS_CONF,
                                when(hidden, lit(SnapshotTables.OBS_CONF_CONFIDENTIAL))
                                        .otherwise(col(OBS_CONF)))
                        .applyTo(marked),
                SnapshotTables.OBSERVATIONS);
    }

    /**
     * The indicators table with the primary and secondary rule applied.
     *
     * @param indicators the indicators of {@link IndicatorTable#build}, with {@code incident_derived}
     * @param marked the observations of {@link #markHidden}, with their values
     * @param nested the pairs of {@link #nestedIndicators}
     */
    public static Dataset<Row> suppressIndicators(
            Dataset<Row> indicators, Dataset<Row> marked, Dataset<Row> nested, int threshold) {
        Dataset<Row> cells = marked.filter(col(MEASURE)
                        .equalTo(SnapshotTables.MEASURE_COUNT)
                        .and(col(INDICATOR).isNotNull()))
                .groupBy(columns(Stream.concat(CELL.stream(), Stream.of(INDICATOR))))
                .agg(
                        sum(when(col(HIDDEN), lit(1L)).otherwise(lit(0L))).as(HIDDEN_VALUES),
                        sum(col(VALUE)).as(TOTAL));
        Dataset<Row> single = cells.filter(col(HIDDEN_VALUES).equalTo(1))
                .select(columns(Stream.concat(CELL.stream(), Stream.of(INDICATOR))));
        Dataset<Row> inner = cells.select(Stream.concat(
                        CELL.stream().map(name -> col(name).as(INNER_PREFIX + name)),
                        Stream.of(
                                col(INDICATOR).as(INNER_PREFIX + INDICATOR),
                                col(HIDDEN_VALUES).as(INNER_PREFIX + HIDDEN_VALUES),
                                col(TOTAL).as(INNER_PREFIX + TOTAL)))
                .toArray(Column[]::new));
        Column sameCell = lit(true);
        for (String name : CELL) {
            sameCell = sameCell.and(col(name).eqNullSafe(col(INNER_PREFIX + name)));
        }
        Column difference = col(HIDDEN_VALUES).minus(col(INNER_PREFIX + HIDDEN_VALUES));
        Column innerSuppressed = col(INNER_PREFIX + TOTAL)
                .lt(threshold)
                .and(col(INNER_PREFIX + HIDDEN_VALUES).gt(0));
        Dataset<Row> nestedLeaks = cells.join(broadcast(nested), col(INDICATOR).equalTo(col(OUTER)))
                .join(inner, sameCell.and(col(INNER).equalTo(col(INNER_PREFIX + INDICATOR))))
                .filter(difference.equalTo(1).or(innerSuppressed.and(difference.equalTo(0))))
                .select(columns(Stream.concat(CELL.stream(), Stream.of(INDICATOR))));
        Dataset<Row> secondary = single.unionByName(nestedLeaks).distinct().withColumn(SUPPRESS, lit(true));

        String[] key = Stream.concat(CELL.stream(), Stream.of(INDICATOR)).toArray(String[]::new);
        Dataset<Row> joined = indicators.join(broadcast(secondary), key, "left_outer");
        Column suppressed = col(SUPPRESS)
                .eqNullSafe(true)
                .or(col(INCIDENT_DERIVED).eqNullSafe(true).and(col(COUNT).lt(threshold)));
        Column nothing = lit(null).cast(DataTypes.DoubleType);
        return SparkSchemas.conform(
                Assignments.set(COUNT, when(suppressed, nothing).otherwise(col(COUNT)))
                        .and(RATE_PER_100K, when(suppressed, nothing).otherwise(col(RATE_PER_100K)))
                        .and(REPORTED_RATE, when(suppressed, nothing).otherwise(col(REPORTED_RATE)))
                        .and(
                                OBS_STATUS,
                                when(suppressed, lit(ObservationStatus.SUPPRESSED))
                                        .otherwise(col(OBS_STATUS)))
                        .and(
                                OBS_CONF,
                                when(suppressed, lit(SnapshotTables.OBS_CONF_CONFIDENTIAL))
                                        .otherwise(col(OBS_CONF)))
                        .applyTo(joined),
                SnapshotTables.INDICATORS);
    }

    private static Column isHidden(int threshold) {
        return col(INCIDENT_DERIVED)
                .eqNullSafe(true)
                .and(col(MEASURE).eqNullSafe(SnapshotTables.MEASURE_COUNT))
                .and(col(VALUE).lt(threshold));
    }

    private static Column[] columns(Stream<String> names) {
        return names.map(name -> col(name)).toArray(Column[]::new);
    }
}
