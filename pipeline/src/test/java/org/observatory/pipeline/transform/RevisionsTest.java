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
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.SnapshotTables;

class RevisionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void takesApprovedCountriesAndEverySkippedRowIntoTheRun() {
        Dataset<Row> rowsIn = rowsIn(
                List.of(approved("cts-1", "cts", 1, "MEX")),
                List.of(
                        StagedRow.accepted("cts-1", "cts", 10).at("MEX", 2022).count(100),
                        StagedRow.accepted("cts-1", "cts", 11).at("COL", 2022).count(50),
                        StagedRow.skipped("cts-1", "cts", 12, "out-of-scope-country")
                                .at("FRA", 2022)
                                .count(7),
                        StagedRow.skipped("cts-1", "cts", 13, null).count(1)));

        assertThat(rowsIn.orderBy(Columns.SOURCE_LINE).collectAsList())
                .extracting(row -> row.getAs(Columns.COUNTRY), row -> row.getAs(Columns.SEQUENCE))
                .containsExactly(tuple("MEX", 1L), tuple("FRA", 1L), tuple(null, 1L));
        assertThat(Exclusions.of(Exclusions.skipped(rowsIn))
                        .orderBy(Columns.SOURCE_LINE)
                        .collectAsList())
                .extracting(
                        row -> row.getAs(SnapshotTables.COUNTRY),
                        row -> row.getAs(SnapshotTables.SOURCE_LINE),
                        row -> row.getAs(SnapshotTables.REASON))
                .containsExactly(
                        tuple("FRA", 12L, "out-of-scope-country"),
                        tuple(Exclusions.UNKNOWN_COUNTRY, 13L, ExclusionReason.INVALID_ROW.code()));
    }

    @Test
    void supersedesRowsOfOlderSubmissionsForTheSameKindCountryAndYear() {
        Dataset<Row> rowsIn = rowsIn(
                List.of(approved("nat-1", "national", 1, "MEX"), approved("nat-2", "national", 2, "MEX")),
                List.of(
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio")
                                .count(120),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("MEX", 2021)
                                .national("HOM-01", "Homicidio")
                                .count(110),
                        StagedRow.accepted("nat-2", "national", 2)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio")
                                .count(125)));

        assertThat(Revisions.markSuperseded(rowsIn)
                        .orderBy(Columns.SUBMISSION_ID, Columns.SOURCE_LINE)
                        .collectAsList())
                .extracting(
                        row -> row.getAs(Columns.SUBMISSION_ID),
                        row -> row.getAs(Columns.YEAR),
                        row -> row.getAs(Columns.REASON),
                        row -> row.getAs(Columns.DETAIL))
                .containsExactly(
                        tuple(
                                "nat-1",
                                2022,
                                ExclusionReason.SUPERSEDED.code(),
                                "superseded by submission nat-2 for (national, MEX, 2022), which revises the same"
                                        + " scope"),
                        tuple("nat-1", 2021, null, null),
                        tuple("nat-2", 2022, null, null));
    }

    @Test
    void aCtsReleaseRevisesOnlyTheDataUnodcIndicatorsItCarries() {
        Dataset<Row> rowsIn = rowsIn(
                List.of(approved("corruption", "cts", 1, "BHS"), approved("violent", "cts", 2, "BHS")),
                List.of(
                        StagedRow.accepted("corruption", "cts", 4)
                                .at("BHS", 2019)
                                .cts("Offences", "by type of offence", "Corruption")
                                .count(259),
                        StagedRow.accepted("violent", "cts", 7)
                                .at("BHS", 2019)
                                .cts("Violent offences", "by type of offence", "Robbery")
                                .count(612),
                        StagedRow.accepted("violent", "cts", 8)
                                .at("BHS", 2019)
                                .cts("Offences", "by type of offence", "Theft")
                                .count(3100)));

        assertThat(Revisions.markSuperseded(rowsIn)
                        .orderBy(Columns.SUBMISSION_ID, Columns.SOURCE_LINE)
                        .collectAsList())
                .extracting(
                        row -> row.getAs(Columns.SUBMISSION_ID),
                        row -> row.getAs(Columns.REASON),
                        row -> row.getAs(Columns.DETAIL))
                .containsExactly(
                        tuple(
                                "corruption",
                                ExclusionReason.SUPERSEDED.code(),
                                "superseded by submission violent for (cts, BHS, 2019, Offences), which revises the"
                                        + " same scope"),
                        tuple("violent", null, null),
                        tuple("violent", null, null));
    }

    @Test
    void replacesACountrysWholeCorrespondenceTableWithItsLatestUpload() {
        Dataset<Row> rowsIn = rowsIn(
                List.of(approved("corr-1", "correspondence", 1, "MEX"), approved("corr-2", "correspondence", 2, "MEX")),
                List.of(
                        StagedRow.accepted("corr-1", "correspondence", 2)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0101", "full"),
                        StagedRow.accepted("corr-1", "correspondence", 3)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence("VIOL", "Violación", "03011", "partial"),
                        StagedRow.accepted("corr-2", "correspondence", 2)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0101", "full")));

        assertThat(Revisions.markSuperseded(rowsIn)
                        .orderBy(Columns.SUBMISSION_ID, Columns.SOURCE_LINE)
                        .collectAsList())
                .extracting(row -> row.getAs(Columns.SUBMISSION_ID), row -> row.getAs(Columns.REASON))
                .containsExactly(
                        tuple("corr-1", ExclusionReason.SUPERSEDED.code()),
                        tuple("corr-1", ExclusionReason.SUPERSEDED.code()),
                        tuple("corr-2", null));
    }

    private static Dataset<Row> rowsIn(List<ApprovedSubmission> submissions, List<StagedRow> rows) {
        return RunScope.rowsIn(StagedRow.frame(spark, rows), RunScope.submissions(spark, submissions));
    }
}
