package org.observatory.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.testing.Runs;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * The module's quick guard against a Spark-only regression: the same small fixture (CTS, a correspondence table,
 * populations, national counts, incidents with small cells, skipped and unmapped rows) is published by DuckDB; a
 * revision of every partition (which revises, adds and withdraws values) is then run through {@link
 * org.observatory.pipeline.job.PipelineJob} on Spark and on DuckDB, each over a copy of that snapshot: both must
 * write the same tables row by row and report the same numbers. One Spark run keeps the module's tests quick. The app module's differential test
 * does the same on the sample data and the reference files.
 */
class SparkEngineRunTest {
    private static final String HOMICIDE = "Victims of intentional homicide";
    private static final List<TableSchema> TABLES = List.of(
            SnapshotTables.OBSERVATIONS,
            SnapshotTables.INDICATORS,
            SnapshotTables.EXCLUSIONS,
            SnapshotTables.RESPONSES,
            SnapshotTables.CHANGES);

    @TempDir
    static Path data;

    private static final List<RunReport> duckDb = new ArrayList<>();
    private static final List<RunReport> spark = new ArrayList<>();

    @BeforeAll
    static void runOnBothEngines() {
        List<StagedRow> rows = new ArrayList<>(List.of(
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
                StagedRow.accepted("cts-1", "cts", 13)
                        .at("MEX", 2022)
                        .cts(" victims of INTENTIONAL homicide ", "by mechanisms", "Firearms or explosives - firearms")
                        .count(40),
                StagedRow.accepted("cts-1", "cts", 14)
                        .at("MEX", 2022)
                        .cts("Victims of unicorns", "Total", "Total")
                        .count(1),
                StagedRow.skipped("cts-1", "cts", 15, "out-of-scope-country")
                        .at("FRA", 2022)
                        .count(7),
                StagedRow.skipped("cts-1", "cts", 16, null).count(3),
                StagedRow.accepted("mex-corr", "correspondence", 2)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("HOM-02", "Feminicidio", "0101", "partial"),
                StagedRow.accepted("mex-corr", "correspondence", 3)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("HOM-01", "Homicidio doloso", "0101", "full"),
                StagedRow.accepted("mex-corr", "correspondence", 4)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("VIOL", "Violación", "03011", "narrower"),
                StagedRow.accepted("mex-corr", "correspondence", 5)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("ASX", "Abuso sexual", "030121", "full"),
                StagedRow.accepted("mex-pop", "population", 2)
                        .at("MEX", 2022)
                        .population(1_000_000)
                        .with(SnapshotTables.SOURCE, "UN WPP 2024"),
                StagedRow.accepted("mex-pop", "population", 3)
                        .at("MEX", 2022)
                        .with(SnapshotTables.SEX, "M")
                        .population(490_000),
                StagedRow.accepted("mex-pop", "population", 4).at("MEX", 2021).population(990_000),
                national("mex-nat-1", 2, 2022, "HOM-01", "_T", 100),
                national("mex-nat-1", 3, 2022, "HOM-02", "_T", 20).with(SnapshotTables.FOOTNOTE, "provisional"),
                national("mex-nat-1", 4, 2022, "HOM-01", "M", 70).with(SnapshotTables.OBS_STATUS, "p"),
                national("mex-nat-1", 5, 2022, "XX-99", "_T", 2)));
        int line = 2;
        for (String code : List.of("VIOL", "VIOL", "VIOL", "VIOL", "ASX", "HOM-01", "HOM-01")) {
            rows.add(StagedRow.accepted("mex-inc", "national", line++)
                    .at("MEX", 2021)
                    .national(code, null)
                    .with(SnapshotTables.SEX, line % 2 == 0 ? "F" : "M")
                    .with(SnapshotTables.SOURCE, line % 3 == 0 ? "Synthetic police records" : "Police records")
                    .incident());
        }
        List<ApprovedSubmission> submissions = new ArrayList<>(List.of(
                approved("cts-1", "cts", 1, "MEX", "COL"),
                approved("mex-corr", "correspondence", 2, "MEX"),
                approved("mex-pop", "population", 3, "MEX"),
                approved("mex-nat-1", "national", 4, "MEX"),
                approved("mex-inc", "national", 5, "MEX")));
        // the revision recomputes every partition: MEX's national values, COL's CTS reply, FRA and _UNKNOWN
        List<StagedRow> revision = List.of(
                national("mex-nat-2", 2, 2022, "HOM-01", "_T", 104),
                national("mex-nat-2", 3, 2023, "HOM-01", "_T", 7),
                StagedRow.accepted("cts-2", "cts", 10)
                        .at("COL", 2022)
                        .cts(HOMICIDE, "Total", "Total")
                        .count(55),
                StagedRow.accepted("cts-2", "cts", 11)
                        .at("COL", 2022)
                        .cts(HOMICIDE, "Total", "Total")
                        .rate(2.75),
                StagedRow.skipped("cts-2", "cts", 12, "out-of-scope-country")
                        .at("FRA", 2021)
                        .count(8),
                StagedRow.skipped("cts-2", "cts", 13, "invalid-row").count(4));
        List<ApprovedSubmission> revised = new ArrayList<>(submissions);
        revised.add(approved("mex-nat-2", "national", 6, "MEX"));
        revised.add(approved("cts-2", "cts", 7, "COL"));
        List<StagedRow> allRows = new ArrayList<>(rows);
        allRows.addAll(revision);

        // the first snapshot is DuckDB's for both: Spark reads it as the previous one, as it would any engine's
        try (Engine engine = TestEngines.duckDb()) {
            duckDb.add(Runs.run(engine, data.resolve("duckdb"), submissions, rows, RunSettings.DEFAULTS));
            copy(data.resolve("duckdb"), data.resolve("spark"));
            duckDb.add(Runs.run(engine, data.resolve("duckdb"), revised, allRows, RunSettings.DEFAULTS));
        }
        spark.add(duckDb.get(0));
        try (Engine engine = TestEngines.spark()) {
            spark.add(Runs.run(engine, data.resolve("spark"), revised, allRows, RunSettings.DEFAULTS));
        }
    }

    private static void copy(Path from, Path to) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (java.nio.file.Files.isDirectory(path)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!path.getFileName().toString().equals(".pipeline.lock")) {
                    java.nio.file.Files.copy(path, target);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writesTheSameTablesRowByRow() {
        for (int run = 1; run < 2; run++) {
            for (TableSchema table : TABLES) {
                List<String> expected = rows(data.resolve("duckdb"), duckDb.get(run), table);
                assertThat(rows(data.resolve("spark"), spark.get(run), table))
                        .as("run %d, table %s", run + 1, table.name())
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(rows(data.resolve("duckdb"), duckDb.get(0), SnapshotTables.INDICATORS))
                .as("the fixture has suppressed and joined values")
                .anyMatch(row -> row.contains("obs_conf=C"))
                .anyMatch(row -> row.contains("national_code=HOM-01; HOM-02"));
        assertThat(rows(data.resolve("duckdb"), duckDb.get(1), SnapshotTables.CHANGES))
                .hasSize(4);
    }

    @Test
    void reportsTheSameNumbers() {
        for (int run = 1; run < 2; run++) {
            assertThat(comparable(spark.get(run))).as("run %d", run + 1).isEqualTo(comparable(duckDb.get(run)));
        }
        assertThat(spark.get(1).engine()).isEqualTo("spark");
        assertThat(spark.get(1).countriesRecomputed()).containsExactly("COL", "FRA", "MEX", "_UNKNOWN");
        assertThat(duckDb).extracting(RunReport::engine).containsOnly("duckdb");
    }

    /** A report without what differs between any two runs: ids, time and engine. */
    private static List<Object> comparable(RunReport report) {
        return List.of(
                report.rowsIn(),
                report.rowsOut(),
                report.rowsExcluded(),
                report.changedValues(),
                report.addedValues(),
                report.withdrawnValues(),
                report.countriesRecomputed(),
                report.unmappedNationalCodes(),
                report.countriesCarriedOver(),
                report.rowsInRecomputed(),
                report.suppressedValues());
    }

    /** Every row of a table of a run's snapshot as sorted "column=value" text, the rows sorted. */
    private static List<String> rows(Path data, RunReport report, TableSchema table) {
        return Runs.table(data, report, table.name(), SnapshotTables.COUNTRY).stream()
                .map(SparkEngineRunTest::text)
                .sorted()
                .toList();
    }

    private static String text(Map<String, Object> row) {
        return row.entrySet().stream()
                .map(cell -> cell.getKey() + "=" + cell.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static StagedRow national(String submission, long line, int year, String code, String sex, double count) {
        return StagedRow.accepted(submission, "national", line)
                .at("MEX", year)
                .national(code, null)
                .with(SnapshotTables.SEX, sex)
                .count(count);
    }
}
