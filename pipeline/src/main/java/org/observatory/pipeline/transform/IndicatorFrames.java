package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.observatory.pipeline.transform.Columns.COVERED_ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.HAS_RATE;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.UNIT;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.IndicatorCatalogue;

/** The indicator catalogue as frames: which ICCS codes each indicator covers, and each indicator's unit. */
public final class IndicatorFrames {
    private static final StructType COVERAGE = new StructType()
            .add(INDICATOR, DataTypes.StringType, false)
            .add(COVERED_ICCS_CODE, DataTypes.StringType, false);
    private static final StructType UNITS = new StructType()
            .add(INDICATOR, DataTypes.StringType, false)
            .add(UNIT, DataTypes.StringType, false)
            .add(HAS_RATE, DataTypes.BooleanType, false);

    private IndicatorFrames() {}

    /**
     * One row per indicator and ICCS code it covers ({@link Indicator#covers}: the code and every code below it).
     * A code already covered through a shorter code of the same indicator is left out, so that a value matches
     * each indicator at most once.
     */
    public static Dataset<Row> coverage(SparkSession spark, IndicatorCatalogue catalogue) {
        requireNonNull(spark, "spark is null");
        List<Row> rows = catalogue.all().stream()
                .flatMap(indicator -> indicator.iccsCodes().stream()
                        .filter(code -> indicator.iccsCodes().stream()
                                .noneMatch(other -> !other.equals(code) && code.startsWith(other)))
                        .distinct()
                        .map(code -> RowFactory.create(indicator.code(), code)))
                .toList();
        return spark.createDataFrame(rows, COVERAGE);
    }

    /** One row per indicator: its unit and whether it has a rate per 100,000 population. */
    public static Dataset<Row> units(SparkSession spark, IndicatorCatalogue catalogue) {
        requireNonNull(spark, "spark is null");
        List<Row> rows = catalogue.all().stream()
                .map(indicator -> RowFactory.create(indicator.code(), indicator.unit(), indicator.ratePer100k()))
                .toList();
        return spark.createDataFrame(rows, UNITS);
    }
}
