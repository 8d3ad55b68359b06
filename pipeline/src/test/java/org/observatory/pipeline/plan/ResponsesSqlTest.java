package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.plan.DefinedPlan.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;

/** The responses table on the SQL: who answered which UN-CTS cycle, counted before revisions. */
class ResponsesSqlTest {
    private static final String HOMICIDE = "Victims of intentional homicide";
    private static final String SYNTHETIC_SOURCE = "SYNTHETIC CTS (demo data, not real statistics)";
    private static final String RESPONSES = "SELECT country, cycle, submission_id, accepted_at, indicator, cts_section,"
            + " year, value_count, synthetic FROM responses ORDER BY country, cycle, submission_id, indicator, year";

    @Test
    void countsValuesPerCountryCycleSubmissionIndicatorAndYearWithSectionAcceptanceTimeAndSyntheticFlag() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(cts("cts-2010", 2010, 1, "MEX", "JAM")),
                List.of(
                        homicide("cts-2010", 2, "MEX", 2009).count(100),
                        homicide("cts-2010", 3, "MEX", 2009).rate(0.9),
                        homicide("cts-2010", 4, "MEX", 2008).count(95),
                        StagedRow.accepted("cts-2010", "cts", 5)
                                .at("MEX", 2009)
                                .cts("Persons held", "Total", "Total")
                                .count(200_000),
                        homicide("cts-2010", 6, "JAM", 2009).count(1_680).with("source", SYNTHETIC_SOURCE)))) {

            String accepted = "2010-05-01T10:00:00Z";
            assertThat(plan.query(RESPONSES))
                    .containsExactly(
                            row("JAM", 2010, "cts-2010", accepted, "intentional-homicide", "police", 2009, 1L, true),
                            row("MEX", 2010, "cts-2010", accepted, "intentional-homicide", "police", 2008, 1L, false),
                            row("MEX", 2010, "cts-2010", accepted, "intentional-homicide", "police", 2009, 2L, false),
                            row(
                                    "MEX",
                                    2010,
                                    "cts-2010",
                                    accepted,
                                    "persons-held-in-prison",
                                    "prisons",
                                    2009,
                                    1L,
                                    false));
        }
    }

    @Test
    void aLaterCycleSupersedingAValueDoesNotEraseTheAnswerToTheEarlierCycle() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(cts("cts-2010", 2010, 1, "MEX"), cts("cts-2011", 2011, 2, "MEX")),
                List.of(
                        homicide("cts-2010", 2, "MEX", 2009).count(100),
                        homicide("cts-2011", 2, "MEX", 2009).count(104),
                        homicide("cts-2011", 3, "MEX", 2010).count(110)))) {

            assertThat(plan.query("SELECT submission_id, year FROM revised WHERE superseded IS NOT NULL"))
                    .as("the 2011 cycle revises MEX 2009")
                    .containsExactly(row("cts-2010", 2009));
            assertThat(plan.query("SELECT cycle, year, value_count FROM responses ORDER BY cycle, year"))
                    .containsExactly(row(2010, 2009, 1L), row(2011, 2009, 1L), row(2011, 2010, 1L));
        }
    }

    @Test
    void theCycleOfTheSubmissionDecidesNotTheReferenceYearOfTheData() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(cts("cts-2012", 2012, 1, "CHL")),
                List.of(
                        homicide("cts-2012", 2, "CHL", 2003).count(600),
                        homicide("cts-2012", 3, "CHL", 2011).count(630)))) {

            assertThat(plan.query("SELECT cycle, year FROM responses ORDER BY year"))
                    .containsExactly(row(2012, 2003), row(2012, 2011));
        }
    }

    @Test
    void
            ignoresSkippedRowsMissingValuesUnmappedCategoriesOtherSourceKindsUnapprovedCountriesAndSubmissionsWithoutCycle() {
        try (DefinedPlan plan = DefinedPlan.of(
                List.of(
                        cts("cts-2010", 2010, 1, "MEX"),
                        new ApprovedSubmission("cts-no-cycle", "cts", null, 2, "2010-05-02T10:00:00Z", List.of("MEX")),
                        new ApprovedSubmission(
                                "national", "national", 2010, 3, "2010-05-03T10:00:00Z", List.of("MEX"))),
                List.of(
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
                                .count(99)))) {

            assertThat(plan.query(RESPONSES)).isEmpty();
            assertThat(plan.query("SELECT count(*) FROM responses")).containsExactly(row(0L));
        }
    }

    private static ApprovedSubmission cts(String id, int cycle, long sequence, String... countries) {
        return new ApprovedSubmission(
                id, "cts", cycle, sequence, "%d-05-01T10:00:00Z".formatted(cycle), List.of(countries));
    }

    private static StagedRow homicide(String submissionId, long line, String country, int year) {
        return StagedRow.accepted(submissionId, "cts", line).at(country, year).cts(HOMICIDE, "Total", "Total");
    }
}
