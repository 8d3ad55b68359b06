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
import java.util.List;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestSpark;

class PipelineMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void answersWrongArgumentsWithTheUsageAndExitCode2() {
        int exitCode = run("--manifest", "run.json", "--output", "report.json");

        assertThat(exitCode).isEqualTo(PipelineMain.USAGE);
        assertThat(err()).isEqualTo("usage: PipelineMain --manifest FILE --report FILE\n");
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
    }

    @Test
    void failsWithOneLineWhenSparkThrowsACheckedException(@TempDir Path data) throws IOException {
        Path manifest = data.resolve("run.json");
        Files.writeString(
                manifest,
                """
                {"runId": "run-8", "createdAt": "2026-11-22T12:00:00Z",
                 "stagingUri": "%s", "warehouseUri": "%s",
                 "submissions": [{"submissionId": "sdmx-1", "sourceKind": "sdmx-csv", "cycle": null,
                                  "sequence": 1, "acceptedAt": "2026-11-21T09:00:00Z",
                                  "approvedCountries": ["CHL"]}]}
                """
                        .formatted(data.resolve("staging").toUri(), data.resolve("warehouse")));
        Path reportFile = data.resolve("report.json");

        int exitCode = PipelineMain.run(
                new String[] {"--manifest", manifest.toString(), "--report", reportFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> {
                    throw new SparkException("Could not parse Master URL: 'bogus://master'");
                });

        assertThat(exitCode).isEqualTo(PipelineMain.FAILED);
        assertThat(err()).isEqualTo("pipeline run failed: Could not parse Master URL: 'bogus://master'\n");
        assertThat(reportFile).doesNotExist();
    }

    @Test
    void runsAManifestAndWritesTheReport(@TempDir Path data) throws IOException {
        StagedRow.stage(
                TestSpark.session(),
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
                {"runId": "run-7", "createdAt": "2026-11-22T12:00:00Z",
                 "stagingUri": "%s", "warehouseUri": "%s",
                 "submissions": [{"submissionId": "sdmx-1", "sourceKind": "sdmx-csv", "cycle": null,
                                  "sequence": 1, "acceptedAt": "2026-11-21T09:00:00Z",
                                  "approvedCountries": ["CHL"]}]}
                """
                        .formatted(data.resolve("staging").toUri(), data.resolve("warehouse")));
        Path reportFile = data.resolve("report.json");

        int exitCode = run("--manifest", manifest.toString(), "--report", reportFile.toString());

        assertThat(err()).isEmpty();
        assertThat(exitCode).isEqualTo(PipelineMain.DONE);
        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.get("runId").asText()).isEqualTo("run-7");
        assertThat(report.get("rowsIn").asLong()).isEqualTo(1);
        assertThat(report.get("rowsOut").asLong()).isEqualTo(1);
        assertThat(report.get("countriesRecomputed").toString()).isEqualTo("[\"CHL\"]");
        assertThat(Files.readString(data.resolve("warehouse/CURRENT")).strip())
                .isEqualTo(report.get("snapshotId").asText());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("snapshot %s published: 1 rows in, 1 used, 0 excluded; report %s\n"
                        .formatted(report.get("snapshotId").asText(), reportFile));
    }

    private int run(String... args) {
        return PipelineMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
