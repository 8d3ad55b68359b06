package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.plan.DefinedPlan.row;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.schemas.table.SnapshotTables;

/** Which rows a run takes in, and the revision rule: per scope only the latest submission counts. */
class RevisionsSqlTest {
    private static final String HOMICIDE = "Victims of intentional homicide";

    @Test
    void takesApprovedCountriesAndEverySkippedRowIntoTheRun() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("cts-1", "cts", 1, "MEX")),
                List.of(
                        StagedRow.accepted("cts-1", "cts", 10)
                                .at("MEX", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(100),
                        StagedRow.accepted("cts-1", "cts", 11)
                                .at("COL", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(50),
                        StagedRow.skipped("cts-1", "cts", 12, "out-of-scope-country")
                                .at("FRA", 2022)
                                .count(7),
                        StagedRow.skipped("cts-1", "cts", 13, null).count(1)))) {

            assertThat(plan.query("SELECT country, sequence FROM rows_in ORDER BY source_line"))
                    .containsExactly(row("MEX", 1L), row("FRA", 1L), row(null, 1L));
            assertThat(plan.query("SELECT country, source_line, reason, detail FROM exclusions ORDER BY source_line"))
                    .containsExactly(
                            row(
                                    "FRA",
                                    12L,
                                    "out-of-scope-country",
                                    "skipped at ingest (out-of-scope-country); the submission's validation report"
                                            + " gives the row's problem and how to fix it"),
                            row(
                                    "_UNKNOWN",
                                    13L,
                                    "invalid-row",
                                    "skipped at ingest (invalid-row); the submission's validation report gives the"
                                            + " row's problem and how to fix it"));
        }
    }

    @Test
    void supersedesRowsOfOlderSubmissionsForTheSameKindCountryAndYear() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("nat-1", "national", 1, "MEX"), approved("nat-2", "national", 2, "MEX")),
                List.of(
                        national("nat-1", 2, 2022, 120),
                        national("nat-1", 3, 2021, 110),
                        national("nat-2", 2, 2022, 125)))) {

            assertThat(plan.query("SELECT submission_id, year, superseded, superseded_detail FROM revised"
                            + " ORDER BY submission_id, source_line"))
                    .containsExactly(
                            row(
                                    "nat-1",
                                    2022,
                                    "superseded",
                                    "superseded by submission nat-2 for (national, MEX, 2022), which revises the same"
                                            + " scope"),
                            row("nat-1", 2021, null, null),
                            row("nat-2", 2022, null, null));
            assertThat(plan.query(
                            "SELECT submission_id, source_line, reason FROM exclusions WHERE reason = 'superseded'"))
                    .containsExactly(row("nat-1", 2L, "superseded"));
        }
    }

    @Test
    void aCtsReleaseRevisesOnlyTheDataUnodcIndicatorsItCarries() {
        try (DefinedPlan plan = DefinedPlan.of(
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
                                .count(3100)))) {

            assertThat(plan.query("SELECT submission_id, superseded, superseded_detail FROM revised"
                            + " ORDER BY submission_id, source_line"))
                    .containsExactly(
                            row(
                                    "corruption",
                                    "superseded",
                                    "superseded by submission violent for (cts, BHS, 2019, Offences), which revises the"
                                            + " same scope"),
                            row("violent", null, null),
                            row("violent", null, null));
        }
    }

    @Test
    void replacesACountrysWholeCorrespondenceTableWithItsLatestUpload() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("corr-1", "correspondence", 1, "MEX"), approved("corr-2", "correspondence", 2, "MEX")),
                List.of(
                        StagedRow.accepted("corr-1", "correspondence", 2)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0101", "full"),
                        StagedRow.accepted("corr-1", "correspondence", 3)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("VIOL", "Violación", "03011", "partial"),
                        StagedRow.accepted("corr-2", "correspondence", 2)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio", "0101", "full")))) {

            assertThat(plan.query(
                            "SELECT submission_id, superseded, superseded_detail FROM revised ORDER BY submission_id,"
                                    + " source_line"))
                    .containsExactly(
                            row(
                                    "corr-1",
                                    "superseded",
                                    "superseded by submission corr-2 for (correspondence, MEX, all years), which"
                                            + " revises the same scope"),
                            row(
                                    "corr-1",
                                    "superseded",
                                    "superseded by submission corr-2 for (correspondence, MEX, all years), which"
                                            + " revises the same scope"),
                            row("corr-2", null, null));
            assertThat(plan.query("SELECT national_code FROM correspondence WHERE country = 'MEX'"))
                    .containsExactly(row("HOM-01"));
        }
    }

    @Test
    void theLatestSubmissionWinsByItsSequenceNotItsName() {
        // "a-late" sorts before "z-early" by name, but was accepted later: its value counts
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(approved("z-early", "national", 1, "JAM"), approved("a-late", "national", 2, "JAM")),
                List.of(
                        StagedRow.accepted("z-early", "national", 2)
                                .at("JAM", 2022)
                                .national("MUR", "Murder")
                                .count(1500),
                        StagedRow.accepted("a-late", "national", 2)
                                .at("JAM", 2022)
                                .national("MUR", "Murder")
                                .count(1450)))) {

            assertThat(plan.query("SELECT submission_id, superseded FROM revised ORDER BY submission_id"))
                    .containsExactly(row("a-late", null), row("z-early", "superseded"));
        }
    }

    private static StagedRow national(String submission, long line, int year, double count) {
        return StagedRow.accepted(submission, "national", line)
                .at("MEX", year)
                .national("HOM-01", "Homicidio")
                .count(count);
    }
}
