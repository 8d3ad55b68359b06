package org.observatory.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.pipeline.testing.TestSpark;
import org.observatory.schemas.table.SnapshotTables;

class SnapshotDiffTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void countsChangedAddedAndWithdrawnValuesOnTheIndicatorKey() {
        Dataset<Row> previous = indicators(
                value("MEX", 2022, "intentional-homicide", 120.0, null),
                value("MEX", 2022, "rape", 30.0, 3.0),
                value("MEX", 2021, "robbery", 5.0, null));
        Dataset<Row> current = indicators(
                value("MEX", 2022, "intentional-homicide", 120.0, null),
                value("MEX", 2022, "rape", 30.0, 2.9),
                value("MEX", 2023, "robbery", 1.0, null));

        Row differences = SnapshotDiff.compare(previous, current).first();

        assertThat(differences.<Long>getAs(SnapshotDiff.CHANGED)).isEqualTo(1L);
        assertThat(differences.<Long>getAs(SnapshotDiff.ADDED)).isEqualTo(1L);
        assertThat(differences.<Long>getAs(SnapshotDiff.WITHDRAWN)).isEqualTo(1L);
    }

    private static Object[] value(String country, int year, String indicator, Double count, Double rate) {
        return new Object[] {country, year, indicator, count, rate};
    }

    private static Dataset<Row> indicators(Object[]... values) {
        List<Row> rows = List.of(values).stream()
                .map(value -> {
                    Object[] cells =
                            new Object[SnapshotTables.INDICATORS.columns().size()];
                    List<String> names = SnapshotTables.INDICATORS.columnNames();
                    cells[names.indexOf(SnapshotTables.COUNTRY)] = value[0];
                    cells[names.indexOf(SnapshotTables.YEAR)] = value[1];
                    cells[names.indexOf(SnapshotTables.INDICATOR)] = value[2];
                    cells[names.indexOf(SnapshotTables.SEX)] = "_T";
                    cells[names.indexOf(SnapshotTables.AGE)] = "_T";
                    cells[names.indexOf(SnapshotTables.BREAKDOWN_TYPE)] = "_T";
                    cells[names.indexOf(SnapshotTables.BREAKDOWN)] = "_T";
                    cells[names.indexOf(SnapshotTables.COUNT)] = value[3];
                    cells[names.indexOf(SnapshotTables.RATE_PER_100K)] = value[4];
                    return RowFactory.create(cells);
                })
                .toList();
        return spark.createDataFrame(rows, SparkSchemas.structType(SnapshotTables.INDICATORS));
    }
}
