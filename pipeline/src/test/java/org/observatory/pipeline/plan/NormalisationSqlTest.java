package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.plan.DefinedPlan.row;
import static org.observatory.pipeline.testing.Submissions.approved;
import static org.observatory.schemas.table.ColumnType.STRING;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.engine.Relation;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.SnapshotTables;

/**
 * Normalisation on the SQL: dataUNODC categories to indicators, national codes through the correspondence tables,
 * incident-level rows counted, and values attached to the indicators that cover their ICCS code.
 */
class NormalisationSqlTest {
    @Test
    void mapsCtsCategoriesIgnoringCaseAndSpacesAndExcludesUnmappedOnes() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("cts-1", "cts", 1, "MEX")),
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
                                .count(1)))) {

            assertThat(plan.query("SELECT indicator, iccs_code, breakdown_type, breakdown, measure, unmapped"
                            + " FROM cts_values ORDER BY source_line"))
                    .containsExactly(
                            row("intentional-homicide", "0101", "_T", "_T", "count", null),
                            row("intentional-homicide", "0101", "mechanism", "firearms", "reported_rate", null),
                            row(null, null, null, null, "count", "unmapped-cts-category"));
            assertThat(plan.query("SELECT source_line, detail FROM exclusions"))
                    .containsExactly(row(
                            12L,
                            "dataUNODC category 'Victims of unicorns | Total | Total' is not in"
                                    + " codelists/cts-categories.csv; add it there (with its indicator and ICCS code)"
                                    + " to publish these values"));
        }
    }

    @Test
    void mapsNationalCodesThroughTheCorrespondenceTableWithTheCaveatOfAPartialMatch() {
        List<StagedRow> rows = new ArrayList<>(mexicanTable());
        rows.addAll(List.of(
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
        try (DefinedPlan plan = DefinedPlan.of(withMexicanTable(approved("nat-1", "national", 2, "MEX")), rows)) {

            assertThat(plan.query("SELECT national_code, national_label, iccs_code, match_quality, caveat, unmapped,"
                            + " unmapped_detail FROM national_values ORDER BY source_line"))
                    .containsExactly(
                            row("HOM-01", "Homicidio doloso", "0101", "full", null, null, null),
                            row(
                                    "VIOL",
                                    "Violación",
                                    "03011",
                                    "partial",
                                    MatchQuality.PARTIAL.caveat().orElseThrow(),
                                    null,
                                    null),
                            row(
                                    "XX-99",
                                    "Desconocido",
                                    null,
                                    null,
                                    null,
                                    "unmapped-national-code",
                                    "national offence code 'XX-99' is not in the MEX correspondence table; add it to"
                                            + " the table (upload a correspondence file) or correct the code"));
            assertThat(plan.query("SELECT partition_name, item FROM summary WHERE measure = 'unmapped'"))
                    .containsExactly(row("MEX", "XX-99"));
        }
    }

    @Test
    void replacesACountrysDefaultTableWithItsStagedCorrespondenceRows() {
        Relation defaults = Relation.named("default_correspondence")
                .column("country", STRING)
                .column("national_code", STRING)
                .column("national_label", STRING)
                .column("iccs_code", STRING)
                .column("match_quality", STRING)
                .column("note", STRING)
                .row("MEX", "HOM-01", "Homicidio doloso", "0101", "full", "")
                .row("MEX", "VIOL", "Violación", "03011", "partial", "")
                .row("COL", "C-1", "Homicidio", "0101", "full", "")
                .build();
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("corr-1", "correspondence", 1, "MEX")),
                List.of(StagedRow.accepted("corr-1", "correspondence", 2)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence(" H ", "Homicidio", "0101", "Narrower")),
                defaults)) {

            assertThat(plan.query("SELECT country, national_code, match_quality FROM correspondence"))
                    .containsExactlyInAnyOrder(row("COL", "C-1", "full"), row("MEX", "H", "narrower"));
        }
    }

    @Test
    void aNationalCodeStagedTwiceKeepsItsFirstLine() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("corr-1", "correspondence", 1, "MEX")),
                List.of(
                        StagedRow.accepted("corr-1", "correspondence", 5)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0102", "partial"),
                        StagedRow.accepted("corr-1", "correspondence", 2)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0101", "full")))) {

            assertThat(plan.query("SELECT national_code, iccs_code, match_quality FROM correspondence"
                            + " WHERE country = 'MEX'"))
                    .containsExactly(row("HOM-01", "0101", "full"));
        }
    }

    @Test
    void listsEachExcludedIncidentOnceWhenItsGroupsDifferOnlyInTheirLabel() {
        List<StagedRow> rows = new ArrayList<>(mexicanTable());
        rows.addAll(List.of(
                unmappedIncident(7, "Unknown A"),
                unmappedIncident(4, "Unknown B"),
                unmappedIncident(5, "Unknown A"),
                unmappedIncident(9, "Unknown B")));
        try (DefinedPlan plan = DefinedPlan.of(withMexicanTable(approved("inc-1", "national", 2, "MEX")), rows)) {

            assertThat(plan.query("SELECT source_line, reason FROM exclusions WHERE submission_id = 'inc-1'"
                            + " ORDER BY source_line"))
                    .containsExactly(
                            row(4L, "unmapped-national-code"),
                            row(5L, "unmapped-national-code"),
                            row(7L, "unmapped-national-code"),
                            row(9L, "unmapped-national-code"));
        }
    }

    private static StagedRow unmappedIncident(long line, String label) {
        return StagedRow.accepted("inc-1", "national", line)
                .at("MEX", 2023)
                .national("XX-99", label)
                .incident();
    }

    @Test
    void countsIncidentsPerCodeAndDisaggregationFromTheirFirstLine() {
        List<StagedRow> rows = new ArrayList<>(mexicanTable());
        rows.addAll(List.of(incident(7, "M"), incident(4, "M"), incident(5, "F")));
        try (DefinedPlan plan = DefinedPlan.of(withMexicanTable(approved("inc-1", "national", 2, "MEX")), rows)) {

            assertThat(plan.query("SELECT sex, value, source_rows, source_line, unit, iccs_code, incident_derived"
                            + " FROM value_observations WHERE submission_id = 'inc-1' ORDER BY sex"))
                    .containsExactly(
                            row("F", 1.0, 1L, 5L, "count", "0101", true), row("M", 2.0, 2L, 4L, "count", "0101", true));
            assertThat(plan.query("SELECT reason, count(*) FROM exclusions GROUP BY reason"))
                    .isEmpty();
        }
    }

    @Test
    void theObservationsRelationHasEveryColumnOfTheObservationsTable() {
        List<StagedRow> rows = new ArrayList<>(mexicanTable());
        rows.add(incident(7, "M"));
        try (DefinedPlan plan = DefinedPlan.of(withMexicanTable(approved("inc-1", "national", 2, "MEX")), rows)) {

            assertThat(plan.query("SELECT column_name FROM (DESCRIBE observations)").stream()
                            .map(column -> column.get(0))
                            .toList())
                    .containsExactlyElementsOf(SnapshotTables.OBSERVATIONS.columnNames());
        }
    }

    @Test
    void feedsEveryIndicatorThatCoversAnIccsCodeAndKeepsUncoveredValues() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("corr-1", "correspondence", 1, "MEX"), approved("nat-1", "national", 2, "MEX")),
                List.of(
                        correspondence("MEX", 2, "VIOL", "Violación", "03011", "partial"),
                        correspondence("MEX", 3, "TENT", "Tentativa de homicidio", "0102", "full"),
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("MEX", 2022)
                                .national("VIOL", "Violación")
                                .count(30),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("MEX", 2022)
                                .national("TENT", "Tentativa de homicidio")
                                .count(4)))) {

            assertThat(plan.query("SELECT national_code, indicator, unit, value FROM observations"
                            + " ORDER BY source_line, indicator NULLS LAST"))
                    .containsExactly(
                            row("VIOL", "rape", "offences", 30.0),
                            row("VIOL", "sexual-violence", "offences", 30.0),
                            row("TENT", null, "count", 4.0));
        }
    }

    @Test
    void aNationalCountNeverFeedsASurveyPercentageIndicatorOfTheSameIccsCode() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("corr-1", "correspondence", 1, "CHL"), approved("nat-1", "national", 2, "CHL")),
                List.of(
                        correspondence("CHL", 2, "ROB-VI", "Robo con violencia o intimidación", "0401", "full"),
                        StagedRow.accepted("nat-1", "national", 2)
                                .at("CHL", 2022)
                                .national("ROB-VI", "Robo con violencia o intimidación")
                                .count(71497),
                        StagedRow.accepted("nat-1", "national", 3)
                                .at("CHL", 2022)
                                .national("ROB-VI", "Robo con violencia o intimidación")
                                .with(SnapshotTables.UNIT, "percent")
                                .with(SnapshotTables.VALUE, 2.9)))) {

            assertThat(plan.query("SELECT indicator, unit, value FROM observations WHERE submission_id = 'nat-1'"
                            + " ORDER BY source_line"))
                    .containsExactly(row("robbery", "offences", 71497.0), row("robbery-victimisation", "percent", 2.9));
        }
    }

    /** The run's submissions: MEX's correspondence table (sequence 1), then the given one. */
    private static List<ApprovedSubmission> withMexicanTable(ApprovedSubmission submission) {
        return List.of(approved("mex-corr", "correspondence", 1, "MEX"), submission);
    }

    private static List<StagedRow> mexicanTable() {
        return List.of(
                StagedRow.accepted("mex-corr", "correspondence", 2)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("HOM-01", "Homicidio doloso", "0101", "full"),
                StagedRow.accepted("mex-corr", "correspondence", 3)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("VIOL", "Violación", "03011", "partial"));
    }

    private static StagedRow correspondence(
            String country, long line, String code, String label, String iccsCode, String matchQuality) {
        return StagedRow.accepted("corr-1", "correspondence", line)
                .with(SnapshotTables.COUNTRY, country)
                .correspondence(code, label, iccsCode, matchQuality);
    }

    private static StagedRow incident(long line, String sex) {
        return StagedRow.accepted("inc-1", "national", line)
                .at("MEX", 2021)
                .national("HOM-01", "Homicidio doloso")
                .with(SnapshotTables.SEX, sex)
                .incident();
    }
}
