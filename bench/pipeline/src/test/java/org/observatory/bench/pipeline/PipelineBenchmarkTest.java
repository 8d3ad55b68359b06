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
 * Smoke test: the harness runs end to end on a tiny data set, with both engines (DuckDB in-process, a real local
 * Spark session: local[2], -Xmx1g from the build) and the memory run's child JVM, and prints every goal's line. It
 * measures nothing worth reading; it keeps the harness from rotting while the pipeline changes. The command line and
 * the demo need the built app and are left out here ({@code --skip cli,demo}); NationalIncidentFileTest checks the
 * file the command line ingests.
 */
class PipelineBenchmarkTest {
    @TempDir
    Path temporary;

    /** Three member states: 7 submissions instead of 71 keep the pipeline runs short. */
    private static final String MEMBERS =
            """
            iso3,name_en,name_es,subregion,first_cycle,last_cycle
            CHL,Chile,Chile,South America,,
            COL,Colombia,Colombia,South America,,
            JAM,Jamaica,Jamaica,Caribbean,,
            """;

    @Test
    void measuresBothEnginesAgainstTheirReferencesTheIncrementalRunAndThePeakMemoryAndPrintsTheGoals()
            throws Exception {
        Path members = Files.writeString(temporary.resolve("members.csv"), MEMBERS);
        Path work = Files.createDirectory(temporary.resolve("work"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        int exit = PipelineBenchmark.run(
                new String[] {
                    "3000",
                    "--spark-rows",
                    "3000",
                    "--warmup-rows",
                    "0",
                    "--skip",
                    "cli,demo",
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
                        "3,000 incident rows (synthetic) across 3 member states",
                        "7 submissions",
                        PipelineBenchmark.DUCKDB_BARE,
                        PipelineBenchmark.DUCKDB_FULL,
                        PipelineBenchmark.DUCKDB_INCREMENTAL,
                        PipelineBenchmark.SPARK_BARE + ", 3,000 rows",
                        PipelineBenchmark.SPARK_FULL + ", 3,000 rows",
                        "recomputed [JAM]",
                        "engine duckdb",
                        "engine spark",
                        "the Spark and DuckDB engines' full runs account for the rows alike",
                        "local[2]",
                        "memory run: ",
                        "load average")
                .doesNotContain("FAILED", "WARNING");
        // the goal table: one line per measurement, with its reference, ratio, goal and whether it is met
        assertThat(table)
                .containsPattern("\\| DuckDB engine, full run, 3,000 rows / DuckDB bare aggregation \\| \\d+\\.\\d\\d s"
                        + " \\| \\d+\\.\\d\\d s bare \\| \\d+\\.\\d\\d \\| <= 3 \\| (yes|\\*\\*no\\*\\*) \\|")
                .containsPattern(
                        "\\| DuckDB engine, incremental run \\(JAM changed\\) / its full run \\|.* \\| <= 0.1 \\|")
                .containsPattern("\\| Spark engine, full run, 3,000 rows / bare Spark \\|.* \\| reported \\| - \\|")
                .containsPattern(
                        "\\| peak resident memory \\(VmHWM\\), DuckDB engine, full run, 3,000 rows, -Xmx1g,"
                                + " memory_limit 1GB \\| \\d+\\.\\d\\d GiB, completed \\|.*\\| < 2.5 GiB, completes \\| yes \\|")
                .containsPattern("machine: \\d+ cores, \\d+\\.\\d GiB RAM");
        // where the time went, call by call, for each engine run
        assertThat(table)
                .containsPattern("call +DuckDB full +DuckDB incr\\. +Spark 3,000\\n")
                .containsPattern("\\n  define groups( +\\d+\\.\\d\\d){3}\\n")
                .containsPattern("\\n  write observations( +\\d+\\.\\d\\d){3}\\n");
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
                    "--skip",
                    "cli,demo",
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
