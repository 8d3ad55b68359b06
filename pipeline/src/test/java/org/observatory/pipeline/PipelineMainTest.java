package org.observatory.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestEngines;

class PipelineMainTest {
    private static final String USAGE =
            "usage: PipelineMain --manifest FILE --report FILE [--parent-pid PID] [--engine duckdb|spark]\n";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** The engines the runs asked the factory for. */
    private final List<EngineKind> opened = new ArrayList<>();

    @Test
    void answersWrongArgumentsWithTheUsageAndExitCode2() {
        int exitCode = run("--manifest", "run.json", "--output", "report.json");

        assertThat(exitCode).isEqualTo(PipelineMain.USAGE);
        assertThat(err()).isEqualTo(USAGE);
        assertThat(opened).isEmpty();
    }

    @Test
    void answersAnUnknownEngineWithTheUsageAndExitCode2() {
        int exitCode = run("--manifest", "run.json", "--report", "report.json", "--engine", "postgres");

        assertThat(exitCode).isEqualTo(PipelineMain.USAGE);
        assertThat(err()).isEqualTo(USAGE);
        assertThat(opened).isEmpty();
    }

    @Test
    void answersAnEngineWithoutANameWithTheUsage() {
        int exitCode = run("--manifest", "run.json", "--report", "report.json", "--engine");

        assertThat(exitCode).isEqualTo(PipelineMain.USAGE);
        assertThat(err()).isEqualTo(USAGE);
    }

    @Test
    void refusesAParentPidThatIsNotANumber() {
        int exitCode = run("--manifest", "run.json", "--report", "report.json", "--parent-pid", "server");

        assertThat(exitCode).isEqualTo(PipelineMain.USAGE);
        assertThat(err()).isEqualTo(USAGE);
    }

    @Test
    void failsWithOneLineWhenTheManifestCannotBeRead(@TempDir Path directory) {
        Path manifest = directory.resolve("missing.json");

        int exitCode = run(
                "--manifest",
                manifest.toString(),
                "--report",
                directory.resolve("report.json").toString());

        assertThat(exitCode).isEqualTo(PipelineMain.FAILED);
        assertThat(err())
                .startsWith("pipeline run failed: Cannot read run manifest '%s': ".formatted(manifest))
                .endsWith("; it must be a JSON object with runId, createdAt, stagingUri, warehouseUri and"
                        + " submissions\n")
                .hasLineCount(1);
        assertThat(directory.resolve("report.json")).doesNotExist();
        assertThat(opened)
                .as("no engine starts for a manifest that cannot be read")
                .isEmpty();
    }

    @Test
    void failsWithOneLineWhenSparkThrowsACheckedException(@TempDir Path data) throws IOException {
        Path manifest = stagedManifest(data, "run-8");
        Path reportFile = data.resolve("report.json");

        int exitCode = PipelineMain.run(
                new String[] {"--manifest", manifest.toString(), "--report", reportFile.toString(), "--engine", "spark"
                },
                stream(out),
                stream(err),
                kind -> {
                    opened.add(kind);
                    throw new SparkException("Could not parse Master URL: 'bogus://master'");
                });

        assertThat(exitCode).isEqualTo(PipelineMain.FAILED);
        assertThat(err()).isEqualTo("pipeline run failed: Could not parse Master URL: 'bogus://master'\n");
        assertThat(opened).containsExactly(EngineKind.SPARK);
        assertThat(reportFile).doesNotExist();
        assertThat(data.resolve("warehouse")).doesNotExist();
    }

    @Test
    void failsWithOneLineWhenTheEngineFailsWithoutAMessage(@TempDir Path data) throws IOException {
        Path manifest = stagedManifest(data, "run-11");

        int exitCode = PipelineMain.run(
                new String[] {
                    "--manifest",
                    manifest.toString(),
                    "--report",
                    data.resolve("r.json").toString()
                },
                stream(out),
                stream(err),
                kind -> {
                    throw new java.net.BindException();
                });

        assertThat(exitCode).isEqualTo(PipelineMain.FAILED);
        assertThat(err()).isEqualTo("pipeline run failed: java.net.BindException\n");
    }

    @Test
    void runsAManifestOnDuckDbAndWritesTheReport(@TempDir Path data) throws IOException {
        Path manifest = stagedManifest(data, "run-7");
        Path reportFile = data.resolve("report.json");

        int exitCode = run("--manifest", manifest.toString(), "--report", reportFile.toString());

        assertThat(err()).isEmpty();
        assertThat(exitCode).isEqualTo(PipelineMain.DONE);
        assertThat(opened).as("DuckDB unless asked otherwise").containsExactly(EngineKind.DUCKDB);
        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.get("runId").asText()).isEqualTo("run-7");
        assertThat(report.get("rowsIn").asLong()).isEqualTo(1);
        assertThat(report.get("rowsOut").asLong()).isEqualTo(1);
        assertThat(report.get("countriesRecomputed").toString()).isEqualTo("[\"CHL\"]");
        assertThat(report.get("engine").asText()).isEqualTo("duckdb");
        assertThat(Files.readString(data.resolve("warehouse/CURRENT")).strip())
                .isEqualTo(report.get("snapshotId").asText());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("snapshot %s published (engine duckdb): 1 rows in, 1 used, 0 excluded; report %s\n"
                        .formatted(report.get("snapshotId").asText(), reportFile));
    }

    @Test
    void opensTheEngineTheArgumentNamesIgnoringCase(@TempDir Path data) throws IOException {
        Path manifest = stagedManifest(data, "run-12");

        int exitCode = run(
                "--engine",
                " DuckDB ",
                "--manifest",
                manifest.toString(),
                "--report",
                data.resolve("r.json").toString());

        assertThat(err()).isEmpty();
        assertThat(exitCode).isEqualTo(PipelineMain.DONE);
        assertThat(opened).containsExactly(EngineKind.DUCKDB);
    }

    @Test
    void aRunWhoseServerWasKilledStopsBeforePublishing(@TempDir Path data) throws Exception {
        Path manifest = stagedManifest(data, "run-9");
        Path reportFile = data.resolve("report.json");
        Process server = new ProcessBuilder("sleep", "300").start();
        CountDownLatch noticed = new CountDownLatch(1);

        int exitCode = PipelineMain.run(
                new String[] {
                    "--manifest",
                    manifest.toString(),
                    "--report",
                    reportFile.toString(),
                    "--parent-pid",
                    Long.toString(server.pid())
                },
                stream(out),
                stream(err),
                kind -> {
                    // the server is killed while the run starts: the run goes on until its publication
                    server.destroyForcibly();
                    server.waitFor();
                    return TestEngines.duckDb();
                },
                noticed::countDown);

        String stopped = "pipeline run stopped: the process that started this pipeline run (pid %d, the server) has"
                        .formatted(server.pid())
                + " ended, so the run stopped before publishing and CURRENT is unchanged; the server records the run"
                + " as failed when it starts again, then start a new run\n";
        assertThat(exitCode).isEqualTo(PipelineMain.ORPHANED);
        assertThat(err()).isEqualTo(stopped);
        assertThat(noticed.await(30, TimeUnit.SECONDS))
                .as("the watch noticed the server's end")
                .isTrue();
        assertThat(reportFile).doesNotExist();
        assertThat(data.resolve("warehouse/CURRENT")).doesNotExist();
        assertThat(data.resolve("warehouse/PUBLISHED")).doesNotExist();
        try (Stream<Path> snapshots = Files.list(data.resolve("warehouse/snapshots"))) {
            assertThat(snapshots.toList())
                    .as("the unpublished snapshot is discarded")
                    .isEmpty();
        }
    }

    @Test
    void aRunWhoseServerIsAlreadyGoneDoesNotStart(@TempDir Path data) throws Exception {
        Path manifest = stagedManifest(data, "run-10");
        Process server = new ProcessBuilder("true").start();
        server.waitFor();

        int exitCode = PipelineMain.run(
                new String[] {
                    "--manifest",
                    manifest.toString(),
                    "--report",
                    data.resolve("report.json").toString(),
                    "--parent-pid",
                    Long.toString(server.pid())
                },
                stream(out),
                stream(err),
                kind -> {
                    throw new AssertionError("no engine may start for a run whose server is gone");
                });

        assertThat(exitCode).isEqualTo(PipelineMain.ORPHANED);
        assertThat(err())
                .isEqualTo("pipeline run stopped: the process that started this pipeline run (pid %d, the server) has"
                                .formatted(server.pid())
                        + " ended, so the run stopped before publishing and CURRENT is unchanged; the server records"
                        + " the run as failed when it starts again, then start a new run\n");
        assertThat(data.resolve("warehouse")).doesNotExist();
    }

    /** A manifest of one staged CHL row. */
    private static Path stagedManifest(Path data, String runId) throws IOException {
        StagedRow.stage(
                data.resolve("staging"),
                "sdmx-1",
                List.of(StagedRow.accepted("sdmx-1", "sdmx-csv", 5)
                        .at("CHL", 2022)
                        .with("iccs_code", "0101")
                        .count(800)));
        Path manifest = data.resolve("run.json");
        Files.writeString(
                manifest,
                """
                {"runId": "%s", "createdAt": "2026-11-22T12:00:00Z",
                 "stagingUri": "%s", "warehouseUri": "%s",
                 "submissions": [{"submissionId": "sdmx-1", "sourceKind": "sdmx-csv", "cycle": null,
                                  "sequence": 1, "acceptedAt": "2026-11-21T09:00:00Z",
                                  "approvedCountries": ["CHL"]}]}
                """
                        .formatted(runId, data.resolve("staging").toUri(), data.resolve("warehouse")));
        return manifest;
    }

    /** Runs with a factory that records the engine asked for and opens DuckDB (a test never starts Spark here). */
    private int run(String... args) {
        return PipelineMain.run(args, stream(out), stream(err), kind -> {
            opened.add(kind);
            return TestEngines.duckDb();
        });
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
