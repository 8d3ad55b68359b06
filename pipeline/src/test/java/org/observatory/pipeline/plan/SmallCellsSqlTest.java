package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.testing.Runs;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The small-cell rule on MEX incidents (threshold 3), one scenario per year: 2019 a small homicide cell; 2020 a
 * small motor-vehicle-theft code inside theft; 2021 a single small sexual-assault cell that the difference of
 * sexual violence and rape would give away; 2022 a suppressed rape total that sexual violence would give away;
 * 2023 small cells that no published sum gives away. CHL reports a count of 1 through SDMX, which is published. A
 * suppressed value keeps its population and loses its rate. The same rows with a threshold of 0 suppress nothing.
 */
class SmallCellsSqlTest {
    @TempDir
    static Path data;

    private static RunReport report;
    private static RunReport unsuppressed;
    private static List<Map<String, Object>> indicators;
    private static List<Map<String, Object>> observations;

    @BeforeAll
    static void run() {
        List<StagedRow> rows = new ArrayList<>(List.of(
                code(2, "H", "0101"),
                code(3, "T1", "05021"),
                code(4, "T2", "0502"),
                code(5, "RA", "030111"),
                code(6, "RB", "030112"),
                code(7, "RC", "030113"),
                code(8, "O1", "030121"),
                code(9, "O2", "030122"),
                StagedRow.accepted("chl-sdmx", "sdmx-csv", 2)
                        .at("CHL", 2022)
                        .with(SnapshotTables.ICCS_CODE, "0101")
                        .count(1)));
        for (int year = 2019; year <= 2023; year++) {
            rows.add(StagedRow.accepted("mex-pop", "population", year)
                    .at("MEX", year)
                    .population(1_000_000));
        }
        rows.add(StagedRow.accepted("mex-pop", "population", 1)
                .at("MEX", 2019)
                .with(SnapshotTables.SEX, "M")
                .population(500_000));
        rows.add(StagedRow.accepted("mex-pop", "population", 2)
                .at("MEX", 2019)
                .with(SnapshotTables.SEX, "F")
                .population(500_000));
        incidents(rows, 2019, "H", "M", 5);
        incidents(rows, 2019, "H", "F", 2);
        incidents(rows, 2020, "T1", "_T", 2);
        incidents(rows, 2020, "T2", "_T", 10);
        incidents(rows, 2021, "RA", "_T", 2);
        incidents(rows, 2021, "RB", "_T", 2);
        incidents(rows, 2021, "RC", "_T", 10);
        incidents(rows, 2021, "O1", "_T", 1);
        incidents(rows, 2021, "O2", "_T", 30);
        incidents(rows, 2022, "RA", "_T", 1);
        incidents(rows, 2022, "RB", "_T", 1);
        incidents(rows, 2022, "O2", "_T", 20);
        incidents(rows, 2023, "RA", "_T", 2);
        incidents(rows, 2023, "RB", "_T", 2);
        incidents(rows, 2023, "RC", "_T", 10);
        incidents(rows, 2023, "O1", "_T", 2);
        incidents(rows, 2023, "O2", "_T", 1);
        List<ApprovedSubmission> submissions = List.of(
                approved("mex-corr", "correspondence", 1, "MEX"),
                approved("mex-inc", "national", 2, "MEX"),
                approved("chl-sdmx", "sdmx-csv", 3, "CHL"),
                approved("mex-pop", "population", 4, "MEX"));
        try (Engine engine = TestEngines.duckDb()) {
            report = Runs.run(engine, data.resolve("three"), submissions, rows, RunSettings.DEFAULTS);
            unsuppressed = Runs.run(
                    engine, data.resolve("zero"), submissions, rows, RunSettings.DEFAULTS.withSmallCellThreshold(0));
        }
        indicators = Runs.table(data.resolve("three"), report, "indicators", "country, year, indicator, sex");
        observations = Runs.table(data.resolve("three"), report, "observations", "country, year, source_line");
    }

    @Test
    void suppressesAnIncidentCellBelowTheThresholdAndFlagsItConfidential() {
        assertThat(indicators(2019))
                .containsExactly(
                        tuple(2019, "intentional-homicide", "F", null, null, 500_000.0, "Q", "C"),
                        tuple(2019, "intentional-homicide", "M", 5.0, 1.0, 500_000.0, "A", null));
        Map<String, Object> hidden = observation(2019, "H", "F", "intentional-homicide");
        assertThat(hidden.get(SnapshotTables.VALUE)).isNull();
        assertThat(hidden.get(SnapshotTables.SOURCE_ROWS)).isNull();
        assertThat(hidden.get(SnapshotTables.OBS_STATUS)).isEqualTo("Q");
        assertThat(hidden.get(SnapshotTables.OBS_CONF)).isEqualTo("C");
        assertThat(hidden.get(SnapshotTables.SOURCE_LINE)).isNotNull();
        assertThat(report.suppressedValues()).isEqualTo(6);
    }

    @Test
    void suppressesASumThatWouldGiveAwayItsOnlyHiddenCell() {
        // theft = 2 (hidden) + 10: publishing 12 next to the 10 would give the 2 away
        assertThat(indicators(2020))
                .containsExactly(
                        tuple(2020, "motor-vehicle-theft", "_T", null, null, 1_000_000.0, "Q", "C"),
                        tuple(2020, "theft", "_T", null, null, 1_000_000.0, "Q", "C"));
        assertThat(observation(2020, "T2", "_T", "theft").get(SnapshotTables.VALUE))
                .isEqualTo(10.0);
    }

    @Test
    void suppressesAnOuterSumWhoseDifferenceToAnInnerOneHasOneHiddenCell() {
        // rape 14 (two hidden cells) is safe; sexual violence 45 - rape 14 - 30 would give the 1 away
        assertThat(indicators(2021))
                .containsExactly(
                        tuple(2021, "rape", "_T", 14.0, 1.4, 1_000_000.0, "A", null),
                        tuple(2021, "sexual-violence", "_T", null, null, 1_000_000.0, "Q", "C"));
    }

    @Test
    void suppressesAnOuterSumThatWouldGiveAwayASuppressedInnerSum() {
        // rape 2 is suppressed; sexual violence 22 - 20 would give it away
        assertThat(indicators(2022))
                .containsExactly(
                        tuple(2022, "rape", "_T", null, null, 1_000_000.0, "Q", "C"),
                        tuple(2022, "sexual-violence", "_T", null, null, 1_000_000.0, "Q", "C"));
    }

    @Test
    void publishesSumsThatGiveNoHiddenCellAway() {
        assertThat(indicators(2023))
                .containsExactly(
                        tuple(2023, "rape", "_T", 14.0, 1.4, 1_000_000.0, "A", null),
                        tuple(2023, "sexual-violence", "_T", 17.0, 1.7, 1_000_000.0, "A", null));
        assertThat(Stream.of("RA", "RB", "O1", "O2").map(code -> observation(2023, code, "_T", "sexual-violence")
                        .get(SnapshotTables.OBS_CONF)))
                .containsOnly("C");
    }

    @Test
    void neverSuppressesReportedCounts() {
        assertThat(indicators)
                .filteredOn(row -> row.get(SnapshotTables.COUNTRY).equals("CHL"))
                .extracting(row -> row.get(SnapshotTables.COUNT), row -> row.get(SnapshotTables.OBS_CONF))
                .containsExactly(tuple(1.0, null));
    }

    @Test
    void suppressesNothingWithAThresholdOfZero() {
        Path zero = data.resolve("zero");

        assertThat(unsuppressed.suppressedValues()).isZero();
        assertThat(Runs.table(zero, unsuppressed, "indicators", "country, year, indicator, sex"))
                .hasSameSizeAs(indicators)
                .allMatch(row -> row.get(SnapshotTables.OBS_CONF) == null && row.get(SnapshotTables.COUNT) != null);
        assertThat(Runs.table(zero, unsuppressed, "observations", "country, year, source_line"))
                .hasSameSizeAs(observations)
                .allMatch(row -> row.get(SnapshotTables.VALUE) != null);
    }

    private static List<Tuple> indicators(int year) {
        return indicators.stream()
                .filter(row -> row.get(SnapshotTables.COUNTRY).equals("MEX"))
                .filter(row -> row.get(SnapshotTables.YEAR).equals(year))
                .map(row -> tuple(
                        row.get(SnapshotTables.YEAR),
                        row.get(SnapshotTables.INDICATOR),
                        row.get(SnapshotTables.SEX),
                        row.get(SnapshotTables.COUNT),
                        row.get(SnapshotTables.RATE_PER_100K),
                        row.get(SnapshotTables.POPULATION),
                        row.get(SnapshotTables.OBS_STATUS),
                        row.get(SnapshotTables.OBS_CONF)))
                .toList();
    }

    private static Map<String, Object> observation(int year, String code, String sex, String indicator) {
        return observations.stream()
                .filter(row -> row.get(SnapshotTables.YEAR).equals(year))
                .filter(row -> code.equals(row.get(SnapshotTables.NATIONAL_CODE)))
                .filter(row -> sex.equals(row.get(SnapshotTables.SEX)))
                .filter(row -> indicator.equals(row.get(SnapshotTables.INDICATOR)))
                .findFirst()
                .orElseThrow();
    }

    private static StagedRow code(long line, String code, String iccsCode) {
        return StagedRow.accepted("mex-corr", "correspondence", line)
                .with(SnapshotTables.COUNTRY, "MEX")
                .correspondence(code, "Code " + code, iccsCode, "full");
    }

    private static void incidents(List<StagedRow> rows, int year, String code, String sex, int count) {
        for (int incident = 0; incident < count; incident++) {
            rows.add(StagedRow.accepted("mex-inc", "national", 1000L * year + rows.size())
                    .at("MEX", year)
                    .national(code, null)
                    .with(SnapshotTables.SEX, sex)
                    .incident());
        }
    }
}
