package org.observatory.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.pipeline.spark.Sessions;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The pipeline benchmark (bench/pipeline/README.md). In one JVM and one Spark session it stages a synthetic
 * incident-level data set across the member states, then measures {@link PipelineJob#run} (a full run into an
 * empty warehouse) against a bare Spark read, aggregate and write of the same rows and against the same aggregation
 * in DuckDB SQL, and an incremental run (one country sends a new submission) against the full run. Then, in new
 * processes, it times {@code ./observatory pipeline run} after {@code ./observatory ingest} of one national file.
 * Prints a table with the ratios to standard output, progress to standard error. Exit 0 when every run completed,
 * 1 when one failed (what was measured is still printed), 2 for a usage error.
 */
public final class PipelineBenchmark {
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final BenchmarkOptions options;
    private final PrintStream progress;
    private final Codelists codelists;
    private final BenchmarkReport report;

    private PipelineBenchmark(BenchmarkOptions options, Codelists codelists, PrintStream progress) {
        this.options = options;
        this.codelists = codelists;
        this.progress = progress;
        this.report = new BenchmarkReport(options, codelists.members().size());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark and answers with the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream progress) {
        BenchmarkOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                out.print(BenchmarkOptions.USAGE);
                return COMPLETED;
            }
            options = BenchmarkOptions.parse(
                    args,
                    Optional.ofNullable(System.getProperty("observatory.home")).map(Path::of));
        } catch (IllegalArgumentException e) {
            progress.println(e.getMessage());
            progress.print(BenchmarkOptions.USAGE);
            return USAGE;
        }
        Codelists codelists;
        try {
            codelists = options.members()
                    .map(file -> {
                        Countries countries = Countries.load();
                        return Codelists.withMembers(MemberList.load(file, countries), countries);
                    })
                    .orElseGet(Codelists::load);
        } catch (RuntimeException e) {
            progress.println("--members: " + e.getMessage());
            return USAGE;
        }
        PipelineBenchmark benchmark = new PipelineBenchmark(options, codelists, progress);
        try {
            return benchmark.measure();
        } finally {
            benchmark.report.print(out);
        }
    }

    private int measure() {
        Path work;
        try {
            Path parent = options.directory().orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            work = Files.createTempDirectory(parent, "bench-pipeline-");
        } catch (IOException e) {
            report.failed("creating the work directory", e);
            return FAILED;
        }
        try {
            measureIn(work);
            return report.completed() ? COMPLETED : FAILED;
        } catch (RuntimeException | IOException | SQLException e) {
            report.failed(report.step(), e);
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.failed(report.step(), e);
            return FAILED;
        } finally {
            if (options.keep()) {
                progress.println("kept " + work);
            } else {
                delete(work);
            }
        }
    }

    private void measureIn(Path work) throws IOException, SQLException, InterruptedException {
        report.step("staging " + options.rows() + " incident rows with DuckDB");
        progress.printf(
                "Staging %,d synthetic incident rows across %d member states with DuckDB ...%n",
                options.rows(), codelists.members().size());
        long started = System.nanoTime();
        SyntheticStaging data = new SyntheticStaging(work.resolve("staging"), options.seed(), codelists);
        data.writeAll(options.rows());
        List<ApprovedSubmission> full = data.submissions();
        List<Path> incidentFiles =
                data.nationalSubmissionIds().stream().map(data::file).toList();
        long stagedRows = data.stagedRows();
        long incidents = data.incidentRows();
        String country = options.incrementalCountry();
        long countryRows = data.nationalRows(SyntheticStaging.nationalSubmissionId(country, 1))
                .orElseThrow(() -> new IllegalArgumentException(
                        "--incremental-country " + country + " is not a member state of the deployment"));
        ApprovedSubmission revision = data.addNationalSubmission(country, Math.max(1, countryRows), 2);
        List<ApprovedSubmission> incremental = new ArrayList<>(full);
        incremental.add(revision);
        report.staged(full.size(), incidents, stagedRows, data.bytes(), (System.nanoTime() - started) / 1e9);

        Optional<SyntheticStaging> warmup = Optional.empty();
        if (options.warmupRows() > 0) {
            report.step("staging the warm-up data set");
            SyntheticStaging warm =
                    new SyntheticStaging(work.resolve("warmup").resolve("staging"), options.seed() + 1, codelists);
            warm.writeAll(options.warmupRows());
            warmup = Optional.of(warm);
        }

        HeapSampler heap = new HeapSampler();
        SparkSession spark = Sessions.create("bench-pipeline");
        try {
            report.session(spark);
            StepTimes steps = new StepTimes();
            spark.sparkContext().addSparkListener(steps);
            PipelineJob job = new PipelineJob(spark, codelists);
            if (warmup.isPresent()) {
                SyntheticStaging warm = warmup.get();
                List<Path> files =
                        warm.nationalSubmissionIds().stream().map(warm::file).toList();
                Path out = work.resolve("warmup");
                progress.printf("Warm-up on %,d rows: bare Spark, DuckDB, pipeline ...%n", options.warmupRows());
                report.step("warm-up");
                report.warmup("bare Spark", time(() -> References.bareSpark(spark, files, out.resolve("spark"))));
                report.warmup(
                        "DuckDB", time(() -> References.duckDb(files, out.resolve("duckdb"), out.resolve("spill"))));
                report.warmup(
                        "pipeline",
                        time(() -> job.run(
                                manifest("warmup", warm.staging(), out.resolve("warehouse"), warm.submissions()))));
            }
            for (int round = 1; round <= options.rounds(); round++) {
                // created here: DuckDB's partitioned COPY, first in even rounds, creates only its own folder
                Path out = Files.createDirectories(work.resolve("round-" + round));
                boolean bareFirst = round % 2 == 1; // alternate the references' order so that noise hits both
                if (bareFirst) {
                    bareSpark(spark, round, incidentFiles, out, incidents);
                } else {
                    duckDb(round, incidentFiles, out, incidents);
                }
                RunReport first =
                        pipeline(job, steps, round, data.staging(), out.resolve("warehouse"), full, stagedRows);
                report.step("round %d: incremental run".formatted(round));
                progress.printf(
                        "Round %d: incremental run (%s sends a new submission of %,d rows) ...%n",
                        round, country, countryRows);
                RunManifest incrementalRun =
                        manifest("incremental-" + round, data.staging(), out.resolve("warehouse"), incremental);
                Measured measured = measure(steps, "incremental, round " + round, () -> job.run(incrementalRun));
                RunReport second = measured.report();
                checkPublished(out.resolve("warehouse"), second);
                if (!first.snapshotId().equals(second.previousSnapshotId())) {
                    throw new IllegalStateException(
                            "the incremental run's previous snapshot is %s, not the full run's %s"
                                    .formatted(second.previousSnapshotId(), first.snapshotId()));
                }
                report.incremental(round, measured.seconds(), second, country, countryRows);
                if (bareFirst) {
                    duckDb(round, incidentFiles, out, incidents);
                } else {
                    bareSpark(spark, round, incidentFiles, out, incidents);
                }
                report.checkReferencesAgree(
                        References.groupsAndIncidents(out.resolve("spark")),
                        References.groupsAndIncidents(out.resolve("duckdb")),
                        incidents);
            }
        } finally {
            spark.stop();
            heap.close();
            report.heap(heap.peakBytes(), Runtime.getRuntime().maxMemory());
        }

        if (options.cliRows() > 0) {
            Path home = options.home().orElseThrow();
            report.step("./observatory ingest and pipeline run of " + options.cliRows() + " rows");
            Path file = work.resolve("cli").resolve("COL-incidents-%d.csv".formatted(options.cliRows()));
            Files.createDirectories(file.getParent());
            progress.printf(
                    "Writing a national file of %,d incident rows, ./observatory ingest, then timing"
                            + " ./observatory pipeline run ...%n",
                    options.cliRows());
            NationalIncidentFile.write(file, options.cliRows(), options.seed(), codelists.iccs());
            CommandLineRun.Result result = new CommandLineRun(home)
                    .run(
                            file,
                            work.resolve("cli").resolve("data"),
                            work.resolve("cli").resolve("logs"));
            if (!result.published()) {
                throw new IllegalStateException("./observatory pipeline run did not move CURRENT to "
                        + result.report().snapshotId());
            }
            report.commandLine(options.cliRows(), Files.size(file), result);
        }
        report.step("done");
    }

    private void bareSpark(SparkSession spark, int round, List<Path> files, Path out, long incidents) {
        report.step("round %d: bare Spark".formatted(round));
        progress.printf("Round %d: bare Spark read -> aggregate -> write ...%n", round);
        report.measured(
                round,
                BenchmarkReport.BARE_SPARK,
                time(() -> References.bareSpark(spark, files, out.resolve("spark"))),
                incidents);
    }

    private void duckDb(int round, List<Path> files, Path out, long incidents) {
        report.step("round %d: DuckDB".formatted(round));
        progress.printf("Round %d: DuckDB read -> aggregate -> write ...%n", round);
        report.measured(
                round,
                BenchmarkReport.DUCKDB,
                time(() -> References.duckDb(files, out.resolve("duckdb"), out.resolve("spill"))),
                incidents);
    }

    private RunReport pipeline(
            PipelineJob job,
            StepTimes steps,
            int round,
            Path staging,
            Path warehouse,
            List<ApprovedSubmission> submissions,
            long stagedRows)
            throws InterruptedException {
        report.step("round %d: pipeline full run".formatted(round));
        progress.printf("Round %d: pipeline, full run into an empty warehouse ...%n", round);
        Measured measured = measure(
                steps,
                "full, round " + round,
                () -> job.run(manifest("full-" + round, staging, warehouse, submissions)));
        RunReport result = measured.report();
        checkPublished(warehouse, result);
        if (result.rowsIn() != stagedRows) {
            throw new IllegalStateException(
                    "the full run read %d rows, %d are staged and approved".formatted(result.rowsIn(), stagedRows));
        }
        report.full(round, measured.seconds(), result);
        return result;
    }

    private static void checkPublished(Path warehouse, RunReport result) {
        Optional<String> current = DataDirectory.readSnapshotPointer(warehouse.resolve(DataDirectory.CURRENT));
        if (!current.equals(Optional.of(result.snapshotId()))) {
            throw new IllegalStateException(
                    "CURRENT is %s after the run that published %s".formatted(current, result.snapshotId()));
        }
    }

    private static RunManifest manifest(
            String runId, Path staging, Path warehouse, List<ApprovedSubmission> submissions) {
        return new RunManifest(
                "bench-" + runId,
                Instant.now().toString(),
                staging.toUri().toString(),
                warehouse.toUri().toString(),
                submissions);
    }

    /** A measured pipeline run: its report and its wall seconds. */
    private record Measured(RunReport report, double seconds) {}

    /**
     * Runs and times a pipeline run, and adds where its time went ({@link StepTimes}, by Spark's event times, hence
     * the wall clock next to the monotonic one) to the report as {@code run}.
     */
    private Measured measure(StepTimes steps, String run, Supplier<RunReport> pipelineRun) throws InterruptedException {
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        RunReport result = pipelineRun.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        report.steps(run, steps.between(startedAt, System.currentTimeMillis()));
        return new Measured(result, seconds);
    }

    /** Something to time that may throw a checked exception. */
    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) {
        long started = System.nanoTime();
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
