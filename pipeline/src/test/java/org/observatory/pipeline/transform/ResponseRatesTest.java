package org.observatory.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestSpark;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.SnapshotTables;

class ResponseRatesTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String HOMICIDE = "Victims of intentional homicide";
    private static final String SYNTHETIC_SOURCE = "SYNTHETIC CTS (demo data, not real statistics)";

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void countsValuesPerCountryCycleSubmissionIndicatorAndYearWithSectionAcceptanceTimeAndSyntheticFlag() {
        List<ApprovedSubmission> submissions = List.of(cts("cts-2010", 2010, 1, "MEX", "JAM"));
        List<StagedRow> rows = List.of(
                homicide("cts-2010", 2, "MEX", 2009).count(100),
                homicide("cts-2010", 3, "MEX", 2009).rate(0.9),
                homicide("cts-2010", 4, "MEX", 2008).count(95),
                StagedRow.accepted("cts-2010", "cts", 5)
                        .at("MEX", 2009)
                        .cts("Persons held", "Total", "Total")
                        .count(200_000),
                homicide("cts-2010", 6, "JAM", 2009).count(1_680).with("source", SYNTHETIC_SOURCE));

        assertThat(responses(submissions, rows))
                .extracting(
                        row -> row.getAs(SnapshotTables.COUNTRY),
                        row -> row.getAs(SnapshotTables.CYCLE),
                        row -> row.getAs(SnapshotTables.SUBMISSION_ID),
                        row -> row.getAs(SnapshotTables.ACCEPTED_AT),
                        row -> row.getAs(SnapshotTables.INDICATOR),
                        row -> row.getAs(SnapshotTables.CTS_SECTION),
                        row -> row.getAs(SnapshotTables.YEAR),
                        row -> row.getAs(SnapshotTables.VALUE_COUNT),
                        row -> row.getAs(SnapshotTables.SYNTHETIC))
                .containsExactly(
                        tuple(
                                "JAM",
                                2010,
                                "cts-2010",
                                "2010-05-01T10:00:00Z",
                                "intentional-homicide",
                                "police",
                                2009,
                                1L,
                                true),
                        tuple(
                                "MEX",
                                2010,
                                "cts-2010",
                                "2010-05-01T10:00:00Z",
                                "intentional-homicide",
                                "police",
                                2008,
                                1L,
                                false),
                        tuple(
                                "MEX",
                                2010,
                                "cts-2010",
                                "2010-05-01T10:00:00Z",
                                "intentional-homicide",
                                "police",
                                2009,
                                2L,
                                false),
                        tuple(
                                "MEX",
                                2010,
                                "cts-2010",
                                "2010-05-01T10:00:00Z",
                                "persons-held-in-prison",
                                "prisons",
                                2009,
                                1L,
                                false));
    }

    @Test
    void aLaterCycleSupersedingAValueDoesNotEraseTheAnswerToTheEarlierCycle() {
        List<ApprovedSubmission> submissions =
                List.of(cts("cts-2010", 2010, 1, "MEX"), cts("cts-2011", 2011, 2, "MEX"));
        List<StagedRow> rows = List.of(
                homicide("cts-2010", 2, "MEX", 2009).count(100),
                homicide("cts-2011", 2, "MEX", 2009).count(104),
                homicide("cts-2011", 3, "MEX", 2010).count(110));
        Dataset<Row> rowsIn = rowsIn(submissions, rows);
        Dataset<Row> revised = Revisions.markSuperseded(rowsIn.filter("status = 'accepted'"));
        assertThat(revised.filter("reason = 'superseded'").count())
                .as("the 2011 cycle revises MEX 2009")
                .isEqualTo(1);

        assertThat(ResponseRates.table(spark, CODELISTS, submissions, revised)
                        .orderBy(SnapshotTables.CYCLE, SnapshotTables.YEAR)
                        .collectAsList())
                .extracting(
                        row -> row.getAs(SnapshotTables.CYCLE),
                        row -> row.getAs(SnapshotTables.YEAR),
                        row -> row.getAs(SnapshotTables.VALUE_COUNT))
                .containsExactly(tuple(2010, 2009, 1L), tuple(2011, 2009, 1L), tuple(2011, 2010, 1L));
    }

    @Test
    void theCycleOfTheSubmissionDecidesNotTheReferenceYearOfTheData() {
        List<ApprovedSubmission> submissions = List.of(cts("cts-2012", 2012, 1, "CHL"));
        List<StagedRow> rows = List.of(
                homicide("cts-2012", 2, "CHL", 2003).count(600),
                homicide("cts-2012", 3, "CHL", 2011).count(630));

        assertThat(responses(submissions, rows))
                .extracting(row -> row.getAs(SnapshotTables.CYCLE), row -> row.getAs(SnapshotTables.YEAR))
                .containsExactly(tuple(2012, 2003), tuple(2012, 2011));
    }

    @Test
    void
            ignoresSkippedRowsMissingValuesUnmappedCategoriesOtherSourceKindsUnapprovedCountriesAndSubmissionsWithoutCycle() {
        List<ApprovedSubmission> submissions = List.of(
                cts("cts-2010", 2010, 1, "MEX"),
                new ApprovedSubmission("cts-no-cycle", "cts", null, 2, "2010-05-02T10:00:00Z", List.of("MEX")),
                new ApprovedSubmission("national", "national", 2010, 3, "2010-05-03T10:00:00Z", List.of("MEX")));
        List<StagedRow> rows = List.of(
                StagedRow.skipped("cts-2010", "cts", 2, "out-of-scope-country")
                        .at("BMU", 2009)
                        .cts(HOMICIDE, "Total", "Total")
                        .count(5),
                homicide("cts-2010", 3, "MEX", 2009).with("unit", "count"),
                StagedRow.accepted("cts-2010", "cts", 4)
                        .at("MEX", 2009)
                        .cts("Victims of piracy", "Total", "Total")
                        .count(3),
                homicide("cts-2010", 5, "COL", 2009).count(12_000),
                homicide("cts-no-cycle", 2, "MEX", 2009).count(101),
                StagedRow.accepted("national", "national", 2)
                        .at("MEX", 2009)
                        .national("HOM-01", "Homicidio")
                        .count(99));

        assertThat(responses(submissions, rows)).isEmpty();
    }

    private static ApprovedSubmission cts(String id, int cycle, long sequence, String... countries) {
        return new ApprovedSubmission(
                id, "cts", cycle, sequence, "%d-05-01T10:00:00Z".formatted(cycle), List.of(countries));
    }

    private static StagedRow homicide(String submissionId, long line, String country, int year) {
        return StagedRow.accepted(submissionId, "cts", line).at(country, year).cts(HOMICIDE, "Total", "Total");
    }

    private static Dataset<Row> rowsIn(List<ApprovedSubmission> submissions, List<StagedRow> rows) {
        return RunScope.rowsIn(StagedRow.frame(spark, rows), RunScope.submissions(spark, submissions));
    }

    private static List<Row> responses(List<ApprovedSubmission> submissions, List<StagedRow> rows) {
        return ResponseRates.table(spark, CODELISTS, submissions, rowsIn(submissions, rows))
                .orderBy(
                        SnapshotTables.COUNTRY,
                        SnapshotTables.CYCLE,
                        SnapshotTables.SUBMISSION_ID,
                        SnapshotTables.INDICATOR,
                        SnapshotTables.YEAR)
                .collectAsList();
    }
}
