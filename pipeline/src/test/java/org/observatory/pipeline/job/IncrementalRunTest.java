package org.observatory.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.Tables;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * Incremental runs against full runs. The first run publishes CTS replies of MEX, COL and JAM, populations, MEX
 * national counts, COL incidents and JAM national counts. Then COL submits new incidents for the same year (which
 * supersede the old ones, incident by incident) and JAM withdraws its national submission: the second run
 * recomputes only COL and JAM and carries the rest over, and its snapshot equals, table by table, the snapshot of
 * a full run over the same inputs in a fresh warehouse. A third run without changes recomputes nothing. A fourth
 * run leaves out DMA's only submission: it recomputes nothing, removes DMA's partition and withdraws its value.
 */
class IncrementalRunTest {
    private static final String HOMICIDE = "Victims of intentional homicide";

    @TempDir
    static Path data;

    private static Engine engine;
    private static DataDirectory incremental;
    private static DataDirectory full;
    private static RunReport first;
    private static RunReport second;
    private static RunReport third;
    private static RunReport fourth;
    private static RunReport fullRun;

    @BeforeAll
    static void runIncrementallyAndInFull() throws IOException {
        engine = TestEngines.duckDb();
        PipelineJob job = new PipelineJob(engine, Codelists.load());
        incremental = new DataDirectory(data.resolve("incremental"));
        full = new DataDirectory(data.resolve("full"));
        stage(
                "cts-1",
                List.of(
                        cts(10, "MEX", 2022, 100),
                        cts(11, "COL", 2022, 50),
                        cts(12, "JAM", 2022, 30),
                        StagedRow.skipped("cts-1", "cts", 13, "out-of-scope-country")
                                .at("BMU", 2022)
                                .count(7)));
        stage(
                "pop-1",
                List.of(
                        StagedRow.accepted("pop-1", "population", 2)
                                .at("MEX", 2022)
                                .population(1_000_000),
                        StagedRow.accepted("pop-1", "population", 3)
                                .at("COL", 2022)
                                .population(500_000),
                        StagedRow.accepted("pop-1", "population", 4)
                                .at("JAM", 2022)
                                .population(200_000)));
        stage(
                "mex-corr",
                List.of(StagedRow.accepted("mex-corr", "correspondence", 2)
                        .with(SnapshotTables.COUNTRY, "MEX")
                        .correspondence("HOM-01", "Homicidio doloso", "0101", "full")));
        stage(
                "mex-nat-1",
                List.of(
                        national("mex-nat-1", "MEX", 2, 2022, "HOM-01", 120),
                        national("mex-nat-1", "MEX", 3, 2022, "XX-99", 2)));
        stage("col-inc-1", incidents("col-inc-1", 6, 2));
        stage("col-inc-2", incidents("col-inc-2", 4, 1));
        stage(
                "dma-sdmx",
                List.of(StagedRow.accepted("dma-sdmx", "sdmx-csv", 2)
                        .at("DMA", 2014)
                        .with(SnapshotTables.ICCS_CODE, "0101")
                        .count(3)));
        stage(
                "jam-nat-1",
                List.of(
                        national("jam-nat-1", "JAM", 2, 2021, "MUR", 1400),
                        national("jam-nat-1", "JAM", 3, 2022, "MUR", 1500)));

        List<ApprovedSubmission> before = List.of(
                approved("cts-1", "cts", 1, "MEX", "COL", "JAM"),
                approved("pop-1", "population", 2, "MEX", "COL", "JAM"),
                approved("mex-corr", "correspondence", 3, "MEX"),
                approved("mex-nat-1", "national", 4, "MEX"),
                approved("col-inc-1", "national", 5, "COL"),
                approved("jam-nat-1", "national", 6, "JAM"),
                approved("dma-sdmx", "sdmx-csv", 8, "DMA"));
        List<ApprovedSubmission> after = new ArrayList<>(before);
        after.set(5, approved("jam-nat-1", "national", 6));
        after.add(approved("col-inc-2", "national", 7, "COL"));
        List<ApprovedSubmission> withoutDominica = new ArrayList<>(after);
        withoutDominica.removeIf(submission -> submission.submissionId().equals("dma-sdmx"));

        first = job.run(manifest("run-1", incremental, before));
        // a run that died after claiming a snapshot directory, and one that died before moving CURRENT
        Files.createDirectories(incremental.snapshot("20260101T000000Z-dead").resolve("observations"));
        Files.createDirectories(incremental.snapshot("20260101T000001Z-late"));
        Files.writeString(incremental.snapshot("20260101T000001Z-late").resolve(DataDirectory.SNAPSHOT_MANIFEST), "{}");
        second = job.run(manifest("run-2", incremental, after));
        third = job.run(manifest("run-3", incremental, after));
        fourth = job.run(manifest("run-4", incremental, withoutDominica));
        fullRun = job.run(manifest("run-full", full, after));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void recomputesOnlyTheCountriesWhoseInputsChanged() {
        assertThat(first.countriesRecomputed()).containsExactly("BMU", "COL", "DMA", "JAM", "MEX");
        assertThat(second.countriesRecomputed()).containsExactly("COL", "JAM");
        assertThat(second.countriesCarriedOver()).containsExactly("BMU", "DMA", "MEX");
        assertThat(second.rowsInRecomputed()).isLessThan(second.rowsIn());
        assertThat(third.countriesRecomputed()).isEmpty();
        assertThat(third.countriesCarriedOver()).containsExactly("BMU", "COL", "DMA", "JAM", "MEX");
        assertThat(third.rowsInRecomputed()).isZero();
        assertThat(fourth.countriesRecomputed()).isEmpty();
        assertThat(fourth.countriesCarriedOver()).containsExactly("BMU", "COL", "JAM", "MEX");
    }

    @Test
    void removesThePartitionOfACountryNoSubmissionContributesToAnyMore() {
        for (TableSchema table : SnapshotTables.ALL) {
            assertThat(rows(incremental, fourth.snapshotId(), table))
                    .as(table.name())
                    .containsExactlyElementsOf(rows(full, fullRun.snapshotId(), table).stream()
                            .filter(row -> !row.contains("country=DMA"))
                            .toList());
            assertThat(incremental
                            .snapshot(fourth.snapshotId())
                            .resolve(table.name())
                            .resolve("country=DMA"))
                    .doesNotExist();
        }
        var manifest = org.observatory.pipeline.io.JsonFiles.read(
                incremental.snapshot(fourth.snapshotId()).resolve(DataDirectory.SNAPSHOT_MANIFEST),
                org.observatory.schemas.record.SnapshotManifest.class);
        assertThat(manifest.partitions()).containsOnlyKeys("BMU", "COL", "JAM", "MEX");
        assertThat(fourth.rowsIn()).isEqualTo(fullRun.rowsIn() - 1);
        assertThat(fourth.withdrawnValues()).isEqualTo(1);
        assertThat(fourth.changedValues() + fourth.addedValues()).isZero();
        assertThat(Tables.rows(incremental.snapshot(fourth.snapshotId()).resolve("changes"), "country"))
                .extracting(
                        row -> row.get("country"),
                        row -> row.get("year"),
                        row -> row.get("change"),
                        row -> row.get("old_count"),
                        row -> row.get("old_submission_id"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DMA", 2014, "withdrawn", 3.0, "dma-sdmx"));
    }

    @Test
    void publishesTheSameTablesAsAFullRunOverTheSameInputs() {
        for (TableSchema table : SnapshotTables.ALL) {
            assertThat(rows(incremental, second.snapshotId(), table))
                    .as(table.name())
                    .isNotEmpty()
                    .containsExactlyElementsOf(rows(full, fullRun.snapshotId(), table));
            assertThat(rows(incremental, third.snapshotId(), table))
                    .as(table.name())
                    .containsExactlyElementsOf(rows(full, fullRun.snapshotId(), table));
        }
    }

    @Test
    void reportsTheSameNumbersAsAFullRun() {
        for (RunReport report : List.of(second, third)) {
            assertThat(report.rowsIn()).isEqualTo(fullRun.rowsIn());
            assertThat(report.rowsOut()).isEqualTo(fullRun.rowsOut());
            assertThat(report.rowsExcluded()).isEqualTo(fullRun.rowsExcluded());
            assertThat(report.unmappedNationalCodes()).isEqualTo(fullRun.unmappedNationalCodes());
            assertThat(report.suppressedValues()).isEqualTo(fullRun.suppressedValues());
        }
        assertThat(fullRun.rowsIn()).isEqualTo(fullRun.rowsOut() + fullRun.rowsExcludedTotal());
    }

    @Test
    void listsEveryIncidentOfASupersededSubmissionAsAnExclusion() {
        assertThat(second.rowsExcluded()).containsEntry("superseded", 8L);
        assertThat(rows(incremental, second.snapshotId(), SnapshotTables.EXCLUSIONS))
                .filteredOn(row -> row.contains("col-inc-1"))
                .hasSize(8)
                .allMatch(row -> row.contains("superseded by submission col-inc-2"));
    }

    @Test
    void removesTheValuesOfAWithdrawnSubmissionAndReportsTheRevision() {
        // JAM 2021 disappears; JAM 2022 falls back to the CTS reply; COL's male count changes (its female
        // count stays suppressed)
        assertThat(second.withdrawnValues()).isEqualTo(1);
        assertThat(second.changedValues()).isEqualTo(2);
        assertThat(second.addedValues()).isZero();
        assertThat(rows(incremental, second.snapshotId(), SnapshotTables.INDICATORS))
                .noneMatch(row -> row.contains("jam-nat-1"));
        assertThat(third.changedValues() + third.addedValues() + third.withdrawnValues())
                .isZero();
    }

    @Test
    void writesTheChangesOfEachRunAndNeverCarriesThemOver() {
        assertThat(Tables.rows(incremental.snapshot(second.snapshotId()).resolve("changes"), "country, year, sex"))
                .extracting(
                        row -> row.get("country"),
                        row -> row.get("year"),
                        row -> row.get("sex"),
                        row -> row.get("change"),
                        row -> row.get("old_count"),
                        row -> row.get("new_count"),
                        row -> row.get("old_submission_id"),
                        row -> row.get("new_submission_id"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "COL", 2022, "M", "revised", 6.0, 4.0, "col-inc-1", "col-inc-2"),
                        org.assertj.core.groups.Tuple.tuple(
                                "JAM", 2021, "_T", "withdrawn", 1400.0, null, "jam-nat-1", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "JAM", 2022, "_T", "revised", 1500.0, 30.0, "jam-nat-1", "cts-1"));
        assertThat(Tables.rows(incremental.snapshot(first.snapshotId()).resolve("changes"), "country"))
                .as("a first snapshot changes nothing")
                .isEmpty();
        assertThat(Tables.rows(incremental.snapshot(third.snapshotId()).resolve("changes"), "country"))
                .as("the second run's changes are not the third's")
                .isEmpty();
        assertThat(incremental.snapshot(third.snapshotId()).resolve("changes/_SUCCESS"))
                .exists();
    }

    @Test
    void carriesPartitionsOverAsLinksThatOutliveTheEarlierSnapshot() throws IOException {
        Path earlier = incremental.snapshot(first.snapshotId()).resolve("indicators/country=MEX");
        Path later = incremental.snapshot(second.snapshotId()).resolve("indicators/country=MEX");
        Path file = parquetFile(later);
        assertThat(Files.isSameFile(file, earlier.resolve(file.getFileName()))).isTrue();
        List<String> before = rows(incremental, second.snapshotId(), SnapshotTables.INDICATORS);

        deleteRecursively(incremental.snapshot(first.snapshotId()));

        assertThat(rows(incremental, second.snapshotId(), SnapshotTables.INDICATORS))
                .containsExactlyElementsOf(before);
    }

    @Test
    void removesTheSnapshotDirectoriesOfRunsThatDiedAndKeepsThePublishedOnes() {
        assertThat(second.orphansRemoved()).containsExactly("20260101T000000Z-dead", "20260101T000001Z-late");
        assertThat(incremental.snapshot("20260101T000000Z-dead")).doesNotExist();
        assertThat(incremental.publishedSnapshotIds())
                .containsExactly(first.snapshotId(), second.snapshotId(), third.snapshotId(), fourth.snapshotId());
        assertThat(incremental.currentSnapshotId()).contains(fourth.snapshotId());
    }

    @Test
    void recordsWhichSnapshotComputedEachPartition() {
        var manifest = org.observatory.pipeline.io.JsonFiles.read(
                incremental.snapshot(third.snapshotId()).resolve(DataDirectory.SNAPSHOT_MANIFEST),
                org.observatory.schemas.record.SnapshotManifest.class);
        assertThat(manifest.partitions().get("MEX").computedIn()).isEqualTo(first.snapshotId());
        assertThat(manifest.partitions().get("COL").computedIn()).isEqualTo(second.snapshotId());
        assertThat(manifest.partitions().get("COL").submissionIds())
                .containsExactly("col-inc-1", "col-inc-2", "cts-1", "pop-1");
        assertThat(manifest.rowCounts()).containsEntry("exclusions", (long)
                rows(full, fullRun.snapshotId(), SnapshotTables.EXCLUSIONS).size());
    }

    /** Every row of a snapshot table as text, with the partition column, sorted. */
    private static List<String> rows(DataDirectory directory, String snapshotId, TableSchema table) {
        return Tables.rows(directory.snapshot(snapshotId).resolve(table.name()), "country").stream()
                .map(IncrementalRunTest::text)
                .sorted()
                .toList();
    }

    private static String text(Map<String, Object> row) {
        return row.entrySet().stream()
                .map(cell -> cell.getKey() + "=" + cell.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static StagedRow cts(long line, String country, int year, double count) {
        return StagedRow.accepted("cts-1", "cts", line)
                .at(country, year)
                .cts(HOMICIDE, "Total", "Total")
                .count(count);
    }

    private static StagedRow national(
            String submission, String country, long line, int year, String code, double count) {
        return StagedRow.accepted(submission, "national", line)
                .at(country, year)
                .national(code, null)
                .count(count);
    }

    /** Homicide incidents of COL in 2022: men, then women. */
    private static List<StagedRow> incidents(String submission, int men, int women) {
        List<StagedRow> rows = new ArrayList<>();
        for (int index = 0; index < men + women; index++) {
            rows.add(StagedRow.accepted(submission, "national", index + 2)
                    .at("COL", 2022)
                    .national("ART-103", "Homicidio")
                    .with(SnapshotTables.SEX, index < men ? "M" : "F")
                    .incident());
        }
        return rows;
    }

    private static void stage(String submissionId, List<StagedRow> rows) {
        StagedRow.stage(data.resolve("staging"), submissionId, rows);
    }

    private static RunManifest manifest(String runId, DataDirectory directory, List<ApprovedSubmission> submissions) {
        return new RunManifest(
                runId,
                "2026-11-22T12:00:00Z",
                data.resolve("staging").toString(),
                directory.warehouse().toString(),
                submissions);
    }

    private static Path parquetFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
