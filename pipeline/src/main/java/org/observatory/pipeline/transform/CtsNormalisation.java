package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN_TYPE;
import static org.observatory.pipeline.transform.Columns.CTS_CATEGORY;
import static org.observatory.pipeline.transform.Columns.CTS_DIMENSION;
import static org.observatory.pipeline.transform.Columns.CTS_INDICATOR;
import static org.observatory.pipeline.transform.Columns.CTS_KEY;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.REASON;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.schemas.classification.CtsCategoryMapping;
import org.observatory.schemas.table.ExclusionReason;

/**
 * Normalises dataUNODC (CTS) rows: the (indicator, dimension, category) triple, compared ignoring case and
 * surrounding spaces, is looked up in {@code codelists/cts-categories.csv}, which gives the indicator, the ICCS code
 * and the breakdown. A triple the mapping does not know makes the row an {@code unmapped-cts-category} exclusion.
 */
public final class CtsNormalisation {
    static final String CATEGORY_INDICATOR = "category_indicator";
    static final String CATEGORY_ICCS_CODE = "category_iccs_code";
    static final String CATEGORY_BREAKDOWN_TYPE = "category_breakdown_type";
    static final String CATEGORY_BREAKDOWN = "category_breakdown";
    private static final String CATEGORY_FOUND = "category_found";

    private static final StructType CATEGORIES = new StructType()
            .add(CTS_KEY, DataTypes.StringType, false)
            .add(CATEGORY_INDICATOR, DataTypes.StringType, true)
            .add(CATEGORY_ICCS_CODE, DataTypes.StringType, true)
            .add(CATEGORY_BREAKDOWN_TYPE, DataTypes.StringType, false)
            .add(CATEGORY_BREAKDOWN, DataTypes.StringType, false)
            .add(CATEGORY_FOUND, DataTypes.BooleanType, false);

    private CtsNormalisation() {}

    /** The mapping as a frame keyed by {@link CtsCategoryMapping#key}. */
    public static Dataset<Row> categories(SparkSession spark, CtsCategoryMapping mapping) {
        requireNonNull(spark, "spark is null");
        List<Row> rows = mapping.all().stream()
                .map(category -> RowFactory.create(
                        CtsCategoryMapping.key(category.indicator(), category.dimension(), category.category()),
                        category.indicatorCode().orElse(null),
                        category.iccsCode().orElse(null),
                        category.breakdownType(),
                        category.breakdown(),
                        true))
                .toList();
        return spark.createDataFrame(rows, CATEGORIES);
    }

    /** The lookup key of a staged row, as {@link CtsCategoryMapping#key} computes it; null when a part is missing. */
    public static Column key(Column indicator, Column dimension, Column category) {
        return lower(concat(stripped(indicator), lit("|"), stripped(dimension), lit("|"), stripped(category)));
    }

    /**
     * Sets {@code indicator}, {@code iccs_code}, {@code breakdown_type} and {@code breakdown} from the mapping, or
     * {@code reason} {@code unmapped-cts-category} when the triple is not mapped.
     *
     * @param ctsRows classified CTS value rows
     * @param categories the frame of {@link #categories}
     */
    public static Dataset<Row> map(Dataset<Row> ctsRows, Dataset<Row> categories) {
        Column found = col(CATEGORY_FOUND).eqNullSafe(true);
        Column detail = format_string(
                "dataUNODC category '%s | %s | %s' is not in codelists/cts-categories.csv; add it there (with its"
                        + " indicator and ICCS code) to publish these values",
                col(CTS_INDICATOR), col(CTS_DIMENSION), col(CTS_CATEGORY));
        Dataset<Row> joined = ctsRows.withColumn(
                        CTS_KEY, key(col(CTS_INDICATOR), col(CTS_DIMENSION), col(CTS_CATEGORY)))
                .join(broadcast(categories), new String[] {CTS_KEY}, "left_outer");
        return Assignments.set(INDICATOR, col(CATEGORY_INDICATOR))
                .and(ICCS_CODE, col(CATEGORY_ICCS_CODE))
                .and(BREAKDOWN_TYPE, col(CATEGORY_BREAKDOWN_TYPE))
                .and(BREAKDOWN, col(CATEGORY_BREAKDOWN))
                .and(REASON, when(not(found), lit(ExclusionReason.UNMAPPED_CTS_CATEGORY.code())))
                .and(DETAIL, when(not(found), detail))
                .applyTo(joined)
                .drop(
                        CTS_KEY,
                        CATEGORY_INDICATOR,
                        CATEGORY_ICCS_CODE,
                        CATEGORY_BREAKDOWN_TYPE,
                        CATEGORY_BREAKDOWN,
                        CATEGORY_FOUND);
    }

    private static Column stripped(Column text) {
        return regexp_replace(text, "^\\s+|\\s+$", "");
    }
}
