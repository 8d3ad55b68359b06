package org.observatory.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test: the harness runs end to end on a tiny data set, with a real local Spark session (local[2], -Xmx1g from
 * the build) and DuckDB, and prints every candidate and ratio. It measures nothing worth reading; it keeps the
 * harness from rotting while the pipeline changes. The command-line measurement needs the built app and is left
 * out here ({@code --cli-rows 0}); NationalIncidentFileTest checks the file it ingests.
 */
class PipelineBenchmarkTest {
    @TempDir
    Path temporary;

    /** Three member states: 7 submissions instead of 71 keep the two pipeline runs short. */
    private static final String MEMBERS =
            """
            iso3,name_en,name_es,subregion,first_cycle,last_cycle
            CHL,Chile,Chile,South America,,
            COL,Colombia,Colombia,South America,,
            JAM,Jamaica,Jamaica,Caribbean,,
            """;

    @Test
    void measuresThePipelineAgainstBothReferencesAndAnIncrementalRunAndPrintsTheRatios() throws Exception {
        Path members = Files.writeString(temporary.resolve("members.csv"), MEMBERS);
        Path work = Files.createDirectory(temporary.resolve("work"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        int exit = PipelineBenchmark.run(
                new String[] {
                    "3000",
                    "--rounds",
                    "2",
                    "--warmup-rows",
                    "0",
                    "--cli-rows",
                    "0",
                    "--members",
                    members.toString(),
                    "--dir",
                    work.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(table + progress.toString(StandardCharsets.UTF_8)).isEqualTo(PipelineBenchmark.COMPLETED);
        assertThat(table)
                .contains(
                        "3,000 incident rows across 3 member states (seed 42)",
                        "7 submissions",
                        BenchmarkReport.BARE_SPARK,
                        BenchmarkReport.DUCKDB,
                        BenchmarkReport.PIPELINE_FULL,
                        BenchmarkReport.PIPELINE_INCREMENTAL,
                        "pipeline / bare Spark",
                        "pipeline / DuckDB",
                        "incremental / full",
                        "JAM sent a new submission of 1,000 rows",
                        "countriesRecomputed:",
                        "both references wrote",
                        "holding all 3,000 incidents",
                        "peak heap in use",
                        "local[2]",
                        "./observatory pipeline run: not measured (--cli-rows 0)")
                .doesNotContain("FAILED", "n/a");
        // every step of both runs is timed from Spark's query events, named as the pipeline names them
        assertThat(table)
                .containsPattern("step +full, round 1 +incremental, round 1 +full, round 2 +incremental, round 2")
                .containsPattern("\\n  grouping( +\\d+\\.\\d){4}\\n")
                .containsPattern("\\n  revisions( +\\d+\\.\\d){4}\\n")
                .containsPattern("\\n  summary( +\\d+\\.\\d){4}\\n")
                .containsPattern("\\n  write observations( +\\d+\\.\\d){4}\\n")
                .containsPattern("\\n  comparison +- +\\d+\\.\\d +- +\\d+\\.\\d\\n");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void answersAnUnknownArgumentWithTheUsageAndExitCodeTwo() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        int exit = PipelineBenchmark.run(
                new String[] {"--fast"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(PipelineBenchmark.USAGE);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("unknown argument '--fast'", "usage: bench/pipeline/run [ROWS] [options]");
    }

    @Test
    void reportsAnIncrementalCountryThatIsNotAMemberAsAFailureAndCleansUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = PipelineBenchmark.run(
                new String[] {
                    "350",
                    "--warmup-rows",
                    "0",
                    "--cli-rows",
                    "0",
                    "--incremental-country",
                    "ESP",
                    "--dir",
                    temporary.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(PipelineBenchmark.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "FAILED while staging 350 incident rows with DuckDB: --incremental-country ESP is not a member"
                                + " state of the deployment");
        try (var left = Files.list(temporary)) {
            assertThat(left).isEmpty();
        }
    }
}
