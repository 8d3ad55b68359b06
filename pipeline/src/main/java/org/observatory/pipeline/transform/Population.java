package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.observatory.pipeline.transform.Columns.AGE;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN_TYPE;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.POPULATION;
import static org.observatory.pipeline.transform.Columns.POPULATION_SOURCE;
import static org.observatory.pipeline.transform.Columns.SEX;
import static org.observatory.pipeline.transform.Columns.SOURCE;
import static org.observatory.pipeline.transform.Columns.VALUE;
import static org.observatory.pipeline.transform.Columns.YEAR;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.schemas.table.StagedRows;

/**
 * The denominators of rates: resident population by country, year and sex (all ages), from the current rows of
 * {@code population} submissions. Columns: country, year, sex, age ({@code _T}), population, population_source.
 */
public final class Population {
    private Population() {}

    /**
     * @param populationRows current (not superseded) staged rows of {@code population} submissions; rows by age
     *     band or breakdown are used but give no denominator
     */
    public static Dataset<Row> denominators(Dataset<Row> populationRows) {
        return populationRows
                .withColumn(SEX, ValueRows.totalIfBlank(col(SEX)))
                .filter(ValueRows.totalIfBlank(col(AGE))
                        .equalTo(StagedRows.TOTAL)
                        .and(ValueRows.totalIfBlank(col(BREAKDOWN_TYPE)).equalTo(StagedRows.TOTAL))
                        .and(col(COUNTRY).isNotNull())
                        .and(col(YEAR).isNotNull())
                        .and(col(VALUE).isNotNull()))
                .groupBy(COUNTRY, YEAR, SEX)
                .agg(max(col(VALUE)).as(POPULATION), min(col(SOURCE)).as(POPULATION_SOURCE))
                .withColumn(AGE, lit(StagedRows.TOTAL));
    }
}
