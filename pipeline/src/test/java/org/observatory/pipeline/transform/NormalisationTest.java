package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.col;
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
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.SnapshotTables;

class NormalisationTest {
    private static SparkSession spark;
    private static Codelists codelists;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
        codelists = Codelists.load();
    }

    @Test
    void mapsCtsCategoriesIgnoringCaseAndSpacesAndExcludesUnmappedOnes() {
        Dataset<Row> rows = classified(
                approved("cts-1", "cts", 1, "MEX"),
                List.of(
                        StagedRow.accepted("cts-1", "cts", 10)
                                .at("MEX", 2022)
                                .cts(" victims of INTENTIONAL homicide ", "Total", "total")
                                .count(100),
                        StagedRow.accepted("cts-1", "cts", 11)
                                .at("MEX", 2022)
                                .cts(
                                        "Victims of intentional homicide",
                                        "by mechanisms",
                                        "Firearms or explosives - firearms")
                                .rate(0.5),
                        StagedRow.accepted("cts-1", "cts", 12)
                                .at("MEX", 2022)
                                .cts("Victims of unicorns", "Total", "Total")
                                .count(1)));

        List<Row> mapped = CtsNormalisation.map(rows, CtsNormalisation.categories(spark, codelists.ctsCategories()))
                .orderBy(Columns.SOURCE_LINE)
                .collectAsList();

        assertThat(mapped)
                .extracting(
                        row -> row.getAs(Columns.INDICATOR),
                        row -> row.getAs(Columns.ICCS_CODE),
                        row -> row.getAs(Columns.BREAKDOWN_TYPE),
                        row -> row.getAs(Columns.BREAKDOWN),
                        row -> row.getAs(Columns.MEASURE),
                        row -> row.getAs(Columns.REASON))
                .containsExactly(
                        tuple("intentional-homicide", "0101", "_T", "_T", "count", null),
                        tuple("intentional-homicide", "0101", "mechanism", "firearms", "reported_rate", null),
                        tuple(null, null, null, null, "count", ExclusionReason.UNMAPPED_CTS_CATEGORY.code()));
        assertThat(mapped.get(2).<String>getAs(Columns.DETAIL))
                .isEqualTo("dataUNODC category 'Victims of unicorns | Total | Total' is not in"
                        + " codelists/cts-categories.csv; add it there (with its indicator and ICCS code) to publish"
                        + " these values");
    }

    @Test
    void mapsNationalCodesThroughTheCorrespondenceTableWithTheCaveatOfAPartialMatch() {
        Dataset<Row> rows = classified(
                approved("nat-1", "national", 1, "MEX"),
                List.of(
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("MEX", 2022)
                                .national("HOM-01", "Homicidio doloso")
                                .count(120),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("MEX", 2022)
                                .national(" VIOL ", null)
                                .count(30),
                        StagedRow.accepted("nat-1", "national", 4)
                                .at("MEX", 2022)
                                .national("XX-99", "Desconocido")
                                .count(2)));

        Dataset<Row> mapped = NationalNormalisation.mapCodes(rows, mexicanTable());

        assertThat(mapped.orderBy(Columns.SOURCE_LINE).collectAsList())
                .extracting(
                        row -> row.getAs(Columns.NATIONAL_CODE),
                        row -> row.getAs(Columns.NATIONAL_LABEL),
                        row -> row.getAs(Columns.ICCS_CODE),
                        row -> row.getAs(Columns.MATCH_QUALITY),
                        row -> row.getAs(Columns.CAVEAT),
                        row -> row.getAs(Columns.REASON),
                        row -> row.getAs(Columns.DETAIL))
                .containsExactly(
                        tuple("HOM-01", "Homicidio doloso", "0101", "full", null, null, null),
                        tuple(
                                "VIOL",
                                "Violación",
                                "03011",
                                "partial",
                                MatchQuality.PARTIAL.caveat().orElseThrow(),
                                null,
                                null),
                        tuple(
                                "XX-99",
                                "Desconocido",
                                null,
                                null,
                                null,
                                ExclusionReason.UNMAPPED_NATIONAL_CODE.code(),
                                "national offence code 'XX-99' is not in the MEX correspondence table; add it to the"
                                        + " table (upload a correspondence file) or correct the code"));
        assertThat(NationalNormalisation.unmappedCodes(mapped).collectAsList())
                .extracting(row -> row.getString(0), row -> row.getString(1))
                .containsExactly(tuple("MEX", "XX-99"));
    }

    @Test
    void replacesACountrysDefaultTableWithItsStagedCorrespondenceRows() {
        Dataset<Row> defaults = CorrespondenceTables.of(
                spark,
                List.of(
                        entry("MEX", "HOM-01", "Homicidio doloso", "0101", "full"),
                        entry("MEX", "VIOL", "Violación", "03011", "partial"),
                        entry("COL", "C-1", "Homicidio", "0101", "full")));
        Dataset<Row> staged = RunScope.rowsIn(
                StagedRow.frame(
                        spark,
                        List.of(StagedRow.accepted("corr-1", "correspondence", 2)
                                .with(Columns.COUNTRY, "MEX")
                                .correspondence(" H ", "Homicidio", "0101", "Narrower"))),
                RunScope.submissions(spark, List.of(approved("corr-1", "correspondence", 1, "MEX"))));

        assertThat(CorrespondenceTables.effective(defaults, staged).collectAsList())
                .extracting(
                        row -> row.getAs(Columns.COUNTRY),
                        row -> row.getAs(Columns.NATIONAL_CODE),
                        row -> row.getAs(Columns.MATCH_QUALITY))
                .containsExactlyInAnyOrder(tuple("COL", "C-1", "full"), tuple("MEX", "H", "narrower"));
    }

    @Test
    void countsIncidentsPerCodeAndDisaggregationFromTheirFirstLine() {
        Dataset<Row> rows = classified(
                approved("inc-1", "national", 1, "MEX"),
                List.of(
                        StagedRow.accepted("inc-1", "national", 7)
                                .at("MEX", 2021)
                                .national("HOM-01", "Homicidio doloso")
                                .with(Columns.SEX, "M")
                                .incident(),
                        StagedRow.accepted("inc-1", "national", 4)
                                .at("MEX", 2021)
                                .national("HOM-01", "Homicidio doloso")
                                .with(Columns.SEX, "M")
                                .incident(),
                        StagedRow.accepted("inc-1", "national", 5)
                                .at("MEX", 2021)
                                .national("HOM-01", "Homicidio doloso")
                                .with(Columns.SEX, "F")
                                .incident()));

        Dataset<Row> counted =
                NationalNormalisation.aggregateIncidents(NationalNormalisation.mapCodes(rows, mexicanTable()));

        assertThat(counted.columns())
                .containsExactlyElementsOf(java.util.stream.Stream.concat(
                                SnapshotTables.OBSERVATIONS.columnNames().stream(), ValueRows.VALUE_COLUMNS.stream())
                        .toList());
        assertThat(counted.orderBy(Columns.SEX).collectAsList())
                .extracting(
                        row -> row.getAs(Columns.SEX),
                        row -> row.getAs(Columns.VALUE),
                        row -> row.getAs(Columns.SOURCE_ROWS),
                        row -> row.getAs(Columns.SOURCE_LINE),
                        row -> row.getAs(Columns.UNIT),
                        row -> row.getAs(Columns.ICCS_CODE),
                        row -> row.getAs(Columns.INCIDENT_DERIVED))
                .containsExactly(
                        tuple("F", 1.0, 1L, 5L, "count", "0101", true), tuple("M", 2.0, 2L, 4L, "count", "0101", true));
    }

    @Test
    void feedsEveryIndicatorThatCoversAnIccsCodeAndKeepsUncoveredValues() {
        Dataset<Row> rows = classified(
                approved("nat-1", "national", 1, "MEX"),
                List.of(
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("MEX", 2022)
                                .national("VIOL", "Violación")
                                .count(30),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("MEX", 2022)
                                .national("TENT", "Tentativa de homicidio")
                                .count(4)));
        Dataset<Row> table = CorrespondenceTables.of(
                spark,
                List.of(
                        entry("MEX", "VIOL", "Violación", "03011", "partial"),
                        entry("MEX", "TENT", "Tentativa de homicidio", "0102", "full")));
        Dataset<Row> values = NationalNormalisation.aggregateIncidents(NationalNormalisation.mapCodes(rows, table));

        Dataset<Row> observations = Observations.attachIndicators(
                values,
                IndicatorFrames.coverage(spark, codelists.indicators()),
                IndicatorFrames.units(spark, codelists.indicators()));

        assertThat(observations
                        .orderBy(col(Columns.SOURCE_LINE), col(Columns.INDICATOR))
                        .collectAsList())
                .extracting(
                        row -> row.getAs(Columns.NATIONAL_CODE),
                        row -> row.getAs(Columns.INDICATOR),
                        row -> row.getAs(Columns.UNIT),
                        row -> row.getAs(Columns.VALUE))
                .containsExactly(
                        tuple("VIOL", "rape", "offences", 30.0),
                        tuple("VIOL", "sexual-violence", "offences", 30.0),
                        tuple("TENT", null, "count", 4.0));
    }

    @Test
    void aNationalCountNeverFeedsASurveyPercentageIndicatorOfTheSameIccsCode() {
        Dataset<Row> rows = classified(
                approved("nat-1", "national", 1, "CHL"),
                List.of(
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("CHL", 2022)
                                .national("ROB-VI", "Robo con violencia o intimidación")
                                .count(71497),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("CHL", 2022)
                                .national("ROB-VI", "Robo con violencia o intimidación")
                                .with(Columns.UNIT, "percent")
                                .with(Columns.VALUE, 2.9)));
        Dataset<Row> table = CorrespondenceTables.of(
                spark, List.of(entry("CHL", "ROB-VI", "Robo con violencia o intimidación", "0401", "full")));
        Dataset<Row> values = NationalNormalisation.aggregateIncidents(NationalNormalisation.mapCodes(rows, table));

        Dataset<Row> observations = Observations.attachIndicators(
                values,
                IndicatorFrames.coverage(spark, codelists.indicators()),
                IndicatorFrames.units(spark, codelists.indicators()));

        assertThat(observations.orderBy(col(Columns.SOURCE_LINE)).collectAsList())
                .extracting(
                        row -> row.getAs(Columns.INDICATOR),
                        row -> row.getAs(Columns.UNIT),
                        row -> row.getAs(Columns.VALUE))
                .containsExactly(tuple("robbery", "offences", 71497.0), tuple("robbery-victimisation", "percent", 2.9));
    }

    private static Dataset<Row> classified(ApprovedSubmission submission, List<StagedRow> rows) {
        return ValueRows.classify(RunScope.rowsIn(
                StagedGroups.group(StagedRow.frame(spark, rows)), RunScope.submissions(spark, List.of(submission))));
    }

    private static Dataset<Row> mexicanTable() {
        return CorrespondenceTables.of(
                spark,
                List.of(
                        entry("MEX", "HOM-01", "Homicidio doloso", "0101", "full"),
                        entry("MEX", "VIOL", "Violación", "03011", "partial")));
    }

    private static Row entry(String country, String code, String label, String iccsCode, String matchQuality) {
        return org.apache.spark.sql.RowFactory.create(country, code, label, iccsCode, matchQuality, "");
    }
}
