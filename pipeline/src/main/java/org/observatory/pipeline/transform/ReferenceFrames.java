package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.observatory.schemas.codelist.Codelists;

/**
 * The codelists a run joins with, as small frames: the dataUNODC category mapping, the default correspondence
 * tables, the indicator catalogue's coverage of ICCS codes and units, and which indicators contain others.
 */
public record ReferenceFrames(
        Dataset<Row> ctsCategories,
        Dataset<Row> defaultCorrespondence,
        Dataset<Row> indicatorCoverage,
        Dataset<Row> indicatorUnits,
        Dataset<Row> nestedIndicators) {
    public ReferenceFrames {
        requireNonNull(ctsCategories, "ctsCategories is null");
        requireNonNull(defaultCorrespondence, "defaultCorrespondence is null");
        requireNonNull(indicatorCoverage, "indicatorCoverage is null");
        requireNonNull(indicatorUnits, "indicatorUnits is null");
        requireNonNull(nestedIndicators, "nestedIndicators is null");
    }

    public static ReferenceFrames of(SparkSession spark, Codelists codelists) {
        requireNonNull(spark, "spark is null");
        requireNonNull(codelists, "codelists is null");
        return new ReferenceFrames(
                CtsNormalisation.categories(spark, codelists.ctsCategories()),
                CorrespondenceTables.defaults(spark, codelists),
                IndicatorFrames.coverage(spark, codelists.indicators()),
                IndicatorFrames.units(spark, codelists.indicators()),
                SmallCells.nestedIndicators(spark, codelists.indicators()));
    }
}
