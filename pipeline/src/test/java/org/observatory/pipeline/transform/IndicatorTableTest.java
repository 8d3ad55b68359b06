package org.observatory.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestSpark;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.table.SnapshotTables;

/** The indicators table of a small plan: MEX has national, CTS and population rows; COL only CTS rows. */
class IndicatorTableTest {
    private static final String HOMICIDE = "Victims of intentional homicide";

    private static List<Row> indicators;
    private static List<Row> outcomes;
    private static long rowsIn;

    @BeforeAll
    static void planSnapshot() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> staged = StagedRow.frame(
                spark,
                List.of(
                        StagedRow.accepted("cts-1", "cts", 10)
                                .at("MEX", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(100),
                        StagedRow.accepted("cts-1", "cts", 11)
                                .at("COL", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(50),
                        StagedRow.accepted("cts-1", "cts", 12)
                                .at("COL", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .rate(2.5),
                        StagedRow.accepted("corr-1", "correspondence", 2)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence("HOM-02", "Feminicidio", "0101", "partial"),
                        StagedRow.accepted("corr-1", "correspondence", 3)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio doloso", "0101", "full"),
                        StagedRow.accepted("pop-1", "population", 2)
                                .at("MEX", 2022)
                                .population(1_000_000)
                                .with(Columns.SOURCE, "UN WPP 2024"),
                        StagedRow.accepted("pop-1", "population", 3)
                                .at("MEX", 2022)
                                .with(Columns.SEX, "M")
                                .population(500_000)
                                .with(Columns.SOURCE, "UN WPP 2024"),
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio doloso")
                                .count(100),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("MEX", 2022)
                                .national("HOM-02", "Feminicidio")
                                .count(20),
                        StagedRow.accepted("nat-1", "national", 4)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio doloso")
                                .with(Columns.SEX, "M")
                                .count(70),
                        StagedRow.accepted("nat-1", "national", 5)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio doloso")
                                .with(Columns.AGE, "15-29")
                                .count(30)));
        Dataset<Row> in = RunScope.rowsIn(
                StagedGroups.group(staged),
                RunScope.submissions(
                        spark,
                        List.of(
                                approved("cts-1", "cts", 1, "MEX", "COL"),
                                approved("corr-1", "correspondence", 2, "MEX"),
                                approved("pop-1", "population", 3, "MEX"),
                                approved("nat-1", "national", 4, "MEX"))));
        SnapshotPlan plan =
                SnapshotPlan.of(in, ReferenceFrames.of(spark, Codelists.load()), 3, Dataset::localCheckpoint);
        indicators = plan.indicators()
                .orderBy(SnapshotTables.COUNTRY, SnapshotTables.SEX, SnapshotTables.AGE)
                .collectAsList();
        outcomes = plan.outcomes().collectAsList();
        rowsIn = in.agg(org.apache.spark.sql.functions.sum(Columns.SOURCE_ROWS))
                .first()
                .getLong(0);
    }

    @Test
    void computesTheRatePer100kFromThePopulationOfTheSameSex() {
        assertThat(indicators)
                .extracting(
                        row -> row.getAs(SnapshotTables.COUNTRY),
                        row -> row.getAs(SnapshotTables.SEX),
                        row -> row.getAs(SnapshotTables.AGE),
                        row -> row.getAs(SnapshotTables.COUNT),
                        row -> row.getAs(SnapshotTables.POPULATION),
                        row -> row.getAs(SnapshotTables.RATE_PER_100K))
                .containsExactly(
                        tuple("COL", "_T", "_T", 50.0, null, null),
                        tuple("MEX", "M", "_T", 70.0, 500_000.0, 14.0),
                        tuple("MEX", "_T", "15-29", 30.0, null, null),
                        tuple("MEX", "_T", "_T", 120.0, 1_000_000.0, 12.0));
    }

    @Test
    void keepsTheReportedRateOfTheSourceWhereNoPopulationExists() {
        Row colombia = indicators.get(0);

        assertThat(colombia.<Double>getAs(SnapshotTables.RATE_PER_100K)).isNull();
        assertThat(colombia.<Double>getAs(SnapshotTables.REPORTED_RATE)).isEqualTo(2.5);
        assertThat(colombia.<String>getAs(SnapshotTables.SOURCE_KIND)).isEqualTo("cts");
        assertThat(colombia.<String>getAs(SnapshotTables.UNIT)).isEqualTo("victims");
    }

    @Test
    void prefersNationalValuesOverCtsAndJoinsTheNationalCodesFeedingThem() {
        Row mexicoTotal = indicators.get(3);

        assertThat(mexicoTotal.<String>getAs(SnapshotTables.SOURCE_KIND)).isEqualTo("national");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.SUBMISSION_ID)).isEqualTo("nat-1");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.NATIONAL_CODE)).isEqualTo("HOM-01; HOM-02");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.NATIONAL_LABEL)).isEqualTo("Homicidio doloso; Feminicidio");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.MATCH_QUALITY)).isEqualTo("partial");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.CAVEAT))
                .isEqualTo(MatchQuality.PARTIAL.caveat().orElseThrow());
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.POPULATION_SOURCE)).isEqualTo("UN WPP 2024");
        assertThat(mexicoTotal.<String>getAs(SnapshotTables.OBS_STATUS)).isEqualTo("A");
    }

    @Test
    void accountsForEveryInputRow() {
        assertThat(outcomes)
                .extracting(row -> row.getString(0), row -> row.getString(1), row -> row.getLong(2))
                .containsExactlyInAnyOrder(tuple("COL", Columns.USED, 2L), tuple("MEX", Columns.USED, 9L));
        assertThat(rowsIn).isEqualTo(11L);
    }
}
