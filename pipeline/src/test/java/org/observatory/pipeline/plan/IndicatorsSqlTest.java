package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.pipeline.testing.Runs;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The indicators table of a run on DuckDB: MEX has national, CTS and population rows; COL only CTS rows. Source
 * precedence, joined national codes with the weakest match quality, and rates from the population of the same sex.
 */
class IndicatorsSqlTest {
    private static final String HOMICIDE = "Victims of intentional homicide";

    @TempDir
    static Path data;

    private static RunReport report;
    private static List<Map<String, Object>> indicators;

    @BeforeAll
    static void run() {
        try (Engine engine = TestEngines.duckDb()) {
            report = Runs.run(
                    engine,
                    data,
                    List.of(
                            approved("cts-1", "cts", 1, "MEX", "COL"),
                            approved("corr-1", "correspondence", 2, "MEX"),
                            approved("pop-1", "population", 3, "MEX"),
                            approved("nat-1", "national", 4, "MEX")),
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
                                    .with(SnapshotTables.COUNTRY, "MEX")
                                    .correspondence("HOM-02", "Feminicidio", "0101", "partial"),
                            StagedRow.accepted("corr-1", "correspondence", 3)
                                    .with(SnapshotTables.COUNTRY, "MEX")
                                    .correspondence("HOM-01", "Homicidio doloso", "0101", "full"),
                            StagedRow.accepted("pop-1", "population", 2)
                                    .at("MEX", 2022)
                                    .population(1_000_000)
                                    .with(SnapshotTables.SOURCE, "UN WPP 2024"),
                            StagedRow.accepted("pop-1", "population", 3)
                                    .at("MEX", 2022)
                                    .with(SnapshotTables.SEX, "M")
                                    .population(500_000)
                                    .with(SnapshotTables.SOURCE, "UN WPP 2024"),
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
                                    .with(SnapshotTables.SEX, "M")
                                    .count(70),
                            StagedRow.accepted("nat-1", "national", 5)
                                    .at("MEX", 2022)
                                    .national("HOM-01", "Homicidio doloso")
                                    .with(SnapshotTables.AGE, "15-29")
                                    .count(30)),
                    RunSettings.DEFAULTS);
        }
        indicators = Runs.table(data, report, "indicators", "country, sex, age");
    }

    @Test
    void computesTheRatePer100kFromThePopulationOfTheSameSex() {
        assertThat(indicators)
                .extracting(
                        row -> row.get(SnapshotTables.COUNTRY),
                        row -> row.get(SnapshotTables.SEX),
                        row -> row.get(SnapshotTables.AGE),
                        row -> row.get(SnapshotTables.COUNT),
                        row -> row.get(SnapshotTables.POPULATION),
                        row -> row.get(SnapshotTables.RATE_PER_100K))
                .containsExactly(
                        tuple("COL", "_T", "_T", 50.0, null, null),
                        tuple("MEX", "M", "_T", 70.0, 500_000.0, 14.0),
                        tuple("MEX", "_T", "15-29", 30.0, null, null),
                        tuple("MEX", "_T", "_T", 120.0, 1_000_000.0, 12.0));
    }

    @Test
    void keepsTheReportedRateOfTheSourceWhereNoPopulationExists() {
        Map<String, Object> colombia = indicators.get(0);

        assertThat(colombia.get(SnapshotTables.RATE_PER_100K)).isNull();
        assertThat(colombia.get(SnapshotTables.REPORTED_RATE)).isEqualTo(2.5);
        assertThat(colombia.get(SnapshotTables.SOURCE_KIND)).isEqualTo("cts");
        assertThat(colombia.get(SnapshotTables.UNIT)).isEqualTo("victims");
    }

    @Test
    void prefersNationalValuesOverCtsAndJoinsTheNationalCodesFeedingThem() {
        Map<String, Object> mexicoTotal = indicators.get(3);

        assertThat(mexicoTotal.get(SnapshotTables.SOURCE_KIND)).isEqualTo("national");
        assertThat(mexicoTotal.get(SnapshotTables.SUBMISSION_ID)).isEqualTo("nat-1");
        assertThat(mexicoTotal.get(SnapshotTables.NATIONAL_CODE)).isEqualTo("HOM-01; HOM-02");
        assertThat(mexicoTotal.get(SnapshotTables.NATIONAL_LABEL)).isEqualTo("Homicidio doloso; Feminicidio");
        assertThat(mexicoTotal.get(SnapshotTables.MATCH_QUALITY)).isEqualTo("partial");
        assertThat(mexicoTotal.get(SnapshotTables.CAVEAT))
                .isEqualTo(MatchQuality.PARTIAL.caveat().orElseThrow());
        assertThat(mexicoTotal.get(SnapshotTables.POPULATION_SOURCE)).isEqualTo("UN WPP 2024");
        assertThat(mexicoTotal.get(SnapshotTables.OBS_STATUS)).isEqualTo("A");
    }

    @Test
    void accountsForEveryInputRow() {
        SnapshotManifest manifest = JsonFiles.read(
                new DataDirectory(data).snapshot(report.snapshotId()).resolve(DataDirectory.SNAPSHOT_MANIFEST),
                SnapshotManifest.class);

        assertThat(manifest.partitions().entrySet())
                .extracting(entry -> entry.getKey(), entry -> entry.getValue().rowsIn(), entry -> entry.getValue()
                        .rowsOut())
                .containsExactly(tuple("COL", 2L, 2L), tuple("MEX", 9L, 9L));
        assertThat(report.rowsIn()).isEqualTo(11L);
        assertThat(report.rowsOut()).isEqualTo(11L);
        assertThat(report.rowsExcluded()).isEmpty();
        assertThat(report.engine()).isEqualTo("duckdb");
    }
}
