package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.AGE;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN_TYPE;
import static org.observatory.pipeline.transform.Columns.CAVEAT;
import static org.observatory.pipeline.transform.Columns.COUNT;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.FOOTNOTE;
import static org.observatory.pipeline.transform.Columns.HAS_RATE;
import static org.observatory.pipeline.transform.Columns.INCIDENT_DERIVED;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.MATCH_QUALITY;
import static org.observatory.pipeline.transform.Columns.MEASURE;
import static org.observatory.pipeline.transform.Columns.NATIONAL_CODE;
import static org.observatory.pipeline.transform.Columns.NATIONAL_LABEL;
import static org.observatory.pipeline.transform.Columns.OBS_CONF;
import static org.observatory.pipeline.transform.Columns.OBS_STATUS;
import static org.observatory.pipeline.transform.Columns.POPULATION;
import static org.observatory.pipeline.transform.Columns.RATE_PER_100K;
import static org.observatory.pipeline.transform.Columns.REPORTED_RATE;
import static org.observatory.pipeline.transform.Columns.SEX;
import static org.observatory.pipeline.transform.Columns.SOURCE;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.SYNTHETIC;
import static org.observatory.pipeline.transform.Columns.VALUE;
import static org.observatory.pipeline.transform.Columns.YEAR;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The indicators table: per country, year, indicator, sex, age and breakdown, the count (the sum of the count
 * observations of one source) and the platform's rate per 100,000 population, count / population x 100,000 for
 * all ages, null (never zero) where no population exists or the age is a band.
 *
 * <p>When several source kinds give the same key, one is kept by {@link #PRECEDENCE}: the country's own
 * {@code national} data first, then its statistical office's {@code sdmx-csv}, then the {@code cts} reply, which
 * is usually compiled from the same national records later. National codes feeding one value are joined with
 * {@code "; "} in code order, with the weakest match quality ({@link MatchQualities#BY_WEAKNESS}) and its caveat.
 * The reported rate is the same source's reported rate for the key, if it gave one.
 */
public final class IndicatorTable {
    /** Source kinds from the most to the least preferred for one value. */
    public static final List<SourceKind> PRECEDENCE = List.of(SourceKind.NATIONAL, SourceKind.SDMX_CSV, SourceKind.CTS);

    /** The key of a value: one row per key in the table. */
    public static final List<String> KEY = List.of(COUNTRY, YEAR, INDICATOR, SEX, AGE, BREAKDOWN_TYPE, BREAKDOWN);

    private static final String NATIONAL_CODES = "national_codes";
    private static final String WEAKNESS = "weakness";
    private static final String POSITION = "position";
    private static final String FOOTNOTES = "footnotes";
    private static final String SOURCES = "sources";

    private IndicatorTable() {}

    /**
     * The indicators table with the working column {@code incident_derived}: true when the count was counted from
     * incident-level rows, to which {@link SmallCells#suppressIndicators} applies the small-cell rule.
     *
     * @param observations the observations table before the small-cell rule, with {@code incident_derived}
     * @param denominators the frame of {@link Population#denominators}
     * @param units the frame of {@link IndicatorFrames#units}
     */
    public static Dataset<Row> build(Dataset<Row> observations, Dataset<Row> denominators, Dataset<Row> units) {
        String[] group = Stream.concat(KEY.stream(), Stream.of(SOURCE_KIND, SUBMISSION_ID))
                .toArray(String[]::new);
        Column indicatorMeasure = col(INDICATOR).isNotNull();
        Dataset<Row> counts = observations
                .filter(indicatorMeasure.and(col(MEASURE).equalTo(SnapshotTables.MEASURE_COUNT)))
                .groupBy(columns(group))
                .agg(
                        sum(col(VALUE)).as(COUNT),
                        array_sort(collect_set(when(
                                        col(NATIONAL_CODE).isNotNull(),
                                        struct(
                                                col(NATIONAL_CODE).as(NATIONAL_CODE),
                                                coalesce(col(NATIONAL_LABEL), col(NATIONAL_CODE))
                                                        .as(NATIONAL_LABEL)))))
                                .as(NATIONAL_CODES),
                        max(MatchQualities.weakness(col(MATCH_QUALITY))).as(WEAKNESS),
                        ValueRows.summedStatus(col(OBS_STATUS)).as(OBS_STATUS),
                        array_sort(collect_set(col(FOOTNOTE))).as(FOOTNOTES),
                        array_sort(collect_set(col(SOURCE))).as(SOURCES),
                        bool_or(col(SYNTHETIC)).as(SYNTHETIC),
                        bool_or(col(INCIDENT_DERIVED)).as(INCIDENT_DERIVED));
        Dataset<Row> preferred = counts.withColumn(
                        POSITION,
                        row_number()
                                .over(Window.partitionBy(columns(KEY.toArray(String[]::new)))
                                        .orderBy(preference(col(SOURCE_KIND)), col(SUBMISSION_ID))))
                .filter(col(POSITION).equalTo(1));
        Dataset<Row> reportedRates = observations
                .filter(indicatorMeasure.and(col(MEASURE).equalTo(SnapshotTables.MEASURE_REPORTED_RATE)))
                .groupBy(columns(group))
                .agg(sum(col(VALUE)).as(REPORTED_RATE));
        Column population = col(POPULATION);
        Column rate = when(
                col(HAS_RATE).eqNullSafe(true).and(population.gt(0)),
                col(COUNT).multiply(100_000).divide(population));
        Column codes = col(NATIONAL_CODES);
        Column matchQuality = MatchQualities.fromWeakness(col(WEAKNESS));
        Dataset<Row> joined = preferred
                .join(reportedRates, group, "left_outer")
                .join(broadcast(denominators), new String[] {COUNTRY, YEAR, SEX, AGE}, "left_outer")
                .join(broadcast(units), new String[] {INDICATOR}, "left_outer");
        return SparkSchemas.conform(
                Assignments.set(RATE_PER_100K, rate)
                        .and(OBS_CONF, lit(null).cast(DataTypes.StringType))
                        .and(FOOTNOTE, joined(col(FOOTNOTES)))
                        .and(SOURCE, joined(col(SOURCES)))
                        .and(NATIONAL_CODE, joined(codes.getField(NATIONAL_CODE)))
                        .and(NATIONAL_LABEL, joined(codes.getField(NATIONAL_LABEL)))
                        .and(MATCH_QUALITY, matchQuality)
                        .and(CAVEAT, MatchQualities.caveat(matchQuality))
                        .applyTo(joined),
                SnapshotTables.INDICATORS,
                ValueRows.VALUE_COLUMNS);
    }

    /** The position of a source kind in {@link #PRECEDENCE}; after all of them for any other kind. */
    static Column preference(Column sourceKind) {
        Column preference = lit(PRECEDENCE.size());
        for (int position = PRECEDENCE.size() - 1; position >= 0; position--) {
            preference = when(sourceKind.equalTo(PRECEDENCE.get(position).cliName()), lit(position))
                    .otherwise(preference);
        }
        return preference;
    }

    private static Column joined(Column texts) {
        return when(size(texts).gt(0), array_join(texts, "; "));
    }

    private static Column[] columns(String[] names) {
        return Stream.of(names).map(name -> col(name)).toArray(Column[]::new);
    }
}
