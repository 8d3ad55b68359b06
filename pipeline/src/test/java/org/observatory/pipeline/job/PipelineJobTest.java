package org.observatory.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.observatory.pipeline.testing.Submissions.approved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;

/**
 * Two runs over staged Parquet in a data directory: the first publishes MEX's CTS, correspondence, population,
 * national and incident-level data; the second adds a national revision that changes, adds and withdraws values.
 */
class PipelineJobTest {
    private static final String HOMICIDE = "Victims of intentional homicide";

    @TempDir
    static Path data;

    private static Engine engine;
    private static PipelineJob job;
    private static DataDirectory directory;
    private static RunReport first;
    private static RunReport second;
    private static String currentAfterFirst;

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @BeforeAll
    static void runTwice() {
        engine = TestEngines.duckDb();
        job = new PipelineJob(engine, Codelists.load());
        directory = new DataDirectory(data);
        stage(
                "cts-2023",
                List.of(
                        StagedRow.accepted("cts-2023", "cts", 10)
                                .at("MEX", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(100),
                        StagedRow.accepted("cts-2023", "cts", 11)
                                .at("MEX", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .rate(0.5),
                        StagedRow.accepted("cts-2023", "cts", 12)
                                .at("COL", 2022)
                                .cts(HOMICIDE, "Total", "Total")
                                .count(50),
                        StagedRow.accepted("cts-2023", "cts", 13)
                                .at("MEX", 2022)
                                .cts("Victims of unicorns", "Total", "Total")
                                .count(1),
                        StagedRow.skipped("cts-2023", "cts", 14, "out-of-scope-country")
                                .at("FRA", 2022)
                                .count(7),
                        StagedRow.skipped("cts-2023", "cts", 15, "invalid-row").count(3)));
        stage(
                "mex-correspondence",
                List.of(
                        StagedRow.accepted("mex-correspondence", "correspondence", 2)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("HOM-01", "Homicidio doloso", "0101", "full"),
                        StagedRow.accepted("mex-correspondence", "correspondence", 3)
                                .with(SnapshotTables.COUNTRY, "MEX")
                                .correspondence("VIOL", "Violación", "03011", "partial")));
        stage(
                "mex-population",
                List.of(StagedRow.accepted("mex-population", "population", 2)
                        .at("MEX", 2022)
                        .population(1_000_000)));
        stage(
                "mex-national-1",
                List.of(
                        national("mex-national-1", 2, 2022, "HOM-01", 120),
                        national("mex-national-1", 3, 2022, "VIOL", 30),
                        national("mex-national-1", 4, 2022, "XX-99", 2)));
        stage(
                "mex-incidents",
                List.of(incident("mex-incidents", 2), incident("mex-incidents", 3), incident("mex-incidents", 4)));
        stage(
                "mex-national-2",
                List.of(
                        national("mex-national-2", 2, 2022, "HOM-01", 125),
                        national("mex-national-2", 3, 2023, "HOM-01", 7)));

        List<ApprovedSubmission> submissions = new ArrayList<>(List.of(
                approved("cts-2023", "cts", 1, "MEX"),
                approved("mex-correspondence", "correspondence", 2, "MEX"),
                approved("mex-population", "population", 3, "MEX"),
                approved("mex-national-1", "national", 4, "MEX"),
                approved("mex-incidents", "national", 5, "MEX")));
        first = job.run(manifest("run-1", data.resolve("staging").toString(), submissions));
        currentAfterFirst = directory.currentSnapshotId().orElseThrow();
        submissions.add(approved("mex-national-2", "national", 6, "MEX"));
        second = job.run(manifest("run-2", data.resolve("staging").toUri().toString(), submissions));
    }

    @Test
    void publishesTheSnapshotAndPointsCurrentAtIt() throws IOException {
        assertThat(first.previousSnapshotId()).isNull();
        assertThat(first.snapshotId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}").isEqualTo(currentAfterFirst);
        assertThat(directory.currentSnapshotId()).contains(second.snapshotId());
        Path snapshot = directory.snapshot(first.snapshotId());
        assertThat(snapshot.resolve("observations/country=MEX")).isDirectoryContaining("glob:**.parquet");
        assertThat(snapshot.resolve("indicators/country=MEX")).isDirectoryContaining("glob:**.parquet");
        assertThat(partitions(snapshot.resolve("exclusions")))
                .containsExactly("country=FRA", "country=MEX", "country=_UNKNOWN");
        assertThat(partitions(snapshot.resolve("observations"))).containsExactly("country=MEX");
        assertThat(Files.list(directory.warehouse())
                        .map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("CURRENT", "PUBLISHED", "snapshots", ".pipeline.lock");
        assertThat(directory.publishedSnapshotIds()).containsExactly(first.snapshotId(), second.snapshotId());
    }

    @Test
    void describesTheSnapshotInItsManifest() throws IOException {
        JsonNode manifest = new ObjectMapper()
                .readTree(directory
                        .snapshot(first.snapshotId())
                        .resolve(DataDirectory.SNAPSHOT_MANIFEST)
                        .toFile());

        assertThat(manifest.get("snapshotId").asText()).isEqualTo(first.snapshotId());
        assertThat(manifest.get("runId").asText()).isEqualTo("run-1");
        assertThat(manifest.get("previousSnapshotId").isNull()).isTrue();
        assertThat(manifest.get("rowCounts").toString())
                .isEqualTo("{\"changes\":0,\"exclusions\":4,\"indicators\":4,\"observations\":6,\"responses\":1}");
        assertThat(manifest.get("containsSyntheticData").asBoolean()).isTrue();
        assertThat(manifest.get("submissionIds").toString())
                .isEqualTo("[\"cts-2023\",\"mex-correspondence\",\"mex-population\",\"mex-national-1\","
                        + "\"mex-incidents\"]");
        assertThat(manifest.get("smallCellThreshold").asInt()).isEqualTo(3);
        assertThat(manifest.get("partitions").fieldNames())
                .toIterable()
                .containsExactly("COL", "FRA", "MEX", "_UNKNOWN");
        JsonNode mexico = manifest.get("partitions").get("MEX");
        assertThat(mexico.get("computedIn").asText()).isEqualTo(first.snapshotId());
        assertThat(mexico.get("fingerprint").asText()).matches("[0-9a-f]{64}");
        assertThat(mexico.get("submissionIds").toString())
                .isEqualTo("[\"cts-2023\",\"mex-correspondence\",\"mex-incidents\",\"mex-national-1\","
                        + "\"mex-population\"]");
        assertThat(mexico.get("rowsIn").asLong()).isEqualTo(12);
        JsonNode secondPartitions = new ObjectMapper()
                .readTree(directory
                        .snapshot(second.snapshotId())
                        .resolve(DataDirectory.SNAPSHOT_MANIFEST)
                        .toFile())
                .get("partitions");
        assertThat(secondPartitions.get("FRA").get("computedIn").asText()).isEqualTo(first.snapshotId());
        assertThat(secondPartitions.get("MEX").get("computedIn").asText()).isEqualTo(second.snapshotId());
        assertThat(Files.readString(directory.currentPointer(), StandardCharsets.UTF_8)
                        .strip())
                .isEqualTo(second.snapshotId());
    }

    @Test
    void reportsRowsThatAddUp() {
        assertThat(first.rowsIn()).isEqualTo(14);
        assertThat(first.rowsOut()).isEqualTo(10);
        assertThat(first.rowsExcluded())
                .containsOnly(
                        entry("unmapped-cts-category", 1L),
                        entry("out-of-scope-country", 1L),
                        entry("invalid-row", 1L),
                        entry("unmapped-national-code", 1L));
        assertThat(first.rowsIn()).isEqualTo(first.rowsOut() + first.rowsExcludedTotal());
        assertThat(first.countriesRecomputed()).containsExactly("COL", "FRA", "MEX", "_UNKNOWN");
        assertThat(first.countriesCarriedOver()).isEmpty();
        assertThat(first.rowsInRecomputed()).isEqualTo(14);
        assertThat(first.unmappedNationalCodes()).containsOnly(entry("MEX", List.of("XX-99")));
        assertThat(first.changedValues() + first.addedValues() + first.withdrawnValues())
                .isZero();
        assertThat(first.seconds()).isPositive();
    }

    @Test
    void publishesIndicatorsWithTheNationalValueAndItsRate() {
        List<Map<String, Object>> indicators =
                Tables.rows(directory.snapshot(first.snapshotId()).resolve("indicators"), "year, indicator");

        assertThat(indicators)
                .extracting(
                        row -> row.get(SnapshotTables.YEAR),
                        row -> row.get(SnapshotTables.INDICATOR),
                        row -> row.get(SnapshotTables.COUNT),
                        row -> row.get(SnapshotTables.RATE_PER_100K),
                        row -> row.get(SnapshotTables.SOURCE_KIND),
                        row -> row.get(SnapshotTables.MATCH_QUALITY))
                .containsExactly(
                        tuple(2021, "intentional-homicide", 3.0, null, "national", "full"),
                        tuple(2022, "intentional-homicide", 120.0, 12.0, "national", "full"),
                        tuple(2022, "rape", 30.0, 3.0, "national", "partial"),
                        tuple(2022, "sexual-violence", 30.0, 3.0, "national", "partial"));
    }

    @Test
    void reportsTheRevisionAgainstThePreviousSnapshot() {
        assertThat(second.previousSnapshotId()).isEqualTo(first.snapshotId());
        assertThat(second.snapshotId()).isNotEqualTo(first.snapshotId());
        assertThat(second.changedValues()).isEqualTo(1);
        assertThat(second.addedValues()).isEqualTo(1);
        assertThat(second.withdrawnValues()).isEqualTo(2);
        assertThat(second.rowsIn()).isEqualTo(16);
        assertThat(second.rowsOut()).isEqualTo(10);
        assertThat(second.rowsExcluded())
                .containsOnly(
                        entry("unmapped-cts-category", 1L),
                        entry("out-of-scope-country", 1L),
                        entry("invalid-row", 1L),
                        entry("superseded", 3L));
        assertThat(second.unmappedNationalCodes()).isEmpty();
        assertThat(second.countriesRecomputed()).containsExactly("MEX");
        assertThat(second.countriesCarriedOver()).containsExactly("COL", "FRA", "_UNKNOWN");
        assertThat(second.rowsInRecomputed()).isEqualTo(14);
        assertThat(Files.isDirectory(directory.snapshot(first.snapshotId()))).isTrue();
    }

    @Test
    void leavesCurrentUntouchedWhenARunFails(@TempDir Path other) throws IOException {
        DataDirectory failing = new DataDirectory(other);
        Files.createDirectories(failing.warehouse());
        Files.writeString(failing.currentPointer(), "20260101T000000Z-0000\n");

        assertThatThrownBy(() -> job.run(new RunManifest(
                        "run-3",
                        "2026-11-22T12:00:00Z",
                        failing.staging().toString(),
                        failing.warehouse().toString(),
                        List.of(approved("never-staged", "national", 1, "MEX")))))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Staged rows are missing for submission(s) [never-staged] (expected %s); ingest them"
                                .formatted(failing.staging().resolve("never-staged/rows.parquet"))
                        + " again or remove them from the run manifest")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(failing.currentSnapshotId()).contains("20260101T000000Z-0000");
        assertThat(failing.snapshots()).doesNotExist();
    }

    @Test
    void refusesToRunOnACurrentPointerToAMissingSnapshot(@TempDir Path other) throws IOException {
        DataDirectory broken = new DataDirectory(other);
        Files.createDirectories(broken.warehouse());
        Files.writeString(broken.currentPointer(), "20260101T000000Z-dead\n");

        assertThatThrownBy(() -> job.run(new RunManifest(
                        "run-4",
                        "2026-11-22T12:00:00Z",
                        data.resolve("staging").toString(),
                        broken.warehouse().toString(),
                        List.of(approved("mex-population", "population", 1, "MEX")))))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(("Snapshot 20260101T000000Z-dead has no _snapshot.json at %s; restore the snapshot from"
                                + " a backup, or point CURRENT at a complete snapshot")
                        .formatted(broken.snapshot("20260101T000000Z-dead").resolve("_snapshot.json")));
        assertThat(broken.currentSnapshotId()).contains("20260101T000000Z-dead");
        assertThat(broken.snapshots()).doesNotExist();
    }

    private static StagedRow national(String submission, long line, int year, String code, double count) {
        return StagedRow.accepted(submission, "national", line)
                .at("MEX", year)
                .national(code, null)
                .count(count)
                .with(SnapshotTables.SOURCE, "Synthetic demo data");
    }

    private static StagedRow incident(String submission, long line) {
        return StagedRow.accepted(submission, "national", line)
                .at("MEX", 2021)
                .national("HOM-01", "Homicidio doloso")
                .incident();
    }

    private static void stage(String submissionId, List<StagedRow> rows) {
        StagedRow.stage(data.resolve("staging"), submissionId, rows);
    }

    private static RunManifest manifest(String runId, String staging, List<ApprovedSubmission> submissions) {
        return new RunManifest(
                runId, "2026-11-22T12:00:00Z", staging, directory.warehouse().toString(), submissions);
    }

    private static List<String> partitions(Path table) throws IOException {
        try (Stream<Path> paths = Files.list(table)) {
            return paths.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
