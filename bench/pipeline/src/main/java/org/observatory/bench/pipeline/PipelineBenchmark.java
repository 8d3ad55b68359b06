package org.observatory.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.observatory.bench.pipeline.BenchmarkOptions.Part;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.pipeline.engine.SparkEngine;
import org.observatory.pipeline.io.JsonFiles;
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
 * The pipeline benchmark (bench/pipeline/README.md): the goals of issue 16 in one run. It stages a synthetic
 * incident-level data set across the member states, then measures, each against a reference measured in the same
 * run: the DuckDB engine's full run against DuckDB's bare aggregation of the same rows and its incremental run (one
 * country changed) against the full run; the Spark engine's full run against a bare Spark aggregation in the same
 * session, at one or more sizes; in child processes, the DuckDB engine's peak resident memory with a 1 GiB heap and
 * {@code memory_limit}, {@code ./observatory pipeline run} on one national file against a fresh JVM's bare DuckDB
 * aggregation, and {@code ./observatory demo} until it serves. Prints a table of the goals to standard output,
 * progress to standard error. Exit 0 when every part completed (whether or not its goal was met), 1 when one failed
 * (the others still print what they measured), 2 for a usage error.
 */
public final class PipelineBenchmark {
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String DUCKDB_BARE = "DuckDB bare aggregation (fresh in-memory DuckDB)";
    static final String DUCKDB_FULL = "DuckDB engine: full run";
    static final String DUCKDB_INCREMENTAL = "DuckDB engine: incremental run";
    static final String SPARK_BARE = "bare Spark aggregation (same session)";
    static final String SPARK_FULL = "Spark engine: full run";
    static final double GOAL_DUCKDB_FULL = 3;
    static final double GOAL_INCREMENTAL = 0.1;
    static final double GOAL_SPARK_FULL = 3;
    static final long SPARK_GOAL_ROWS = 10_000_000;
    static final double GOAL_CLI_SECONDS = 5;
    static final double GOAL_CLI_RATIO = 2;
    static final double GOAL_DEMO_SECONDS = 15;
    static final double GOAL_PEAK_GIB = 2.5;
    static final String MEMORY_HEAP = "-Xmx1g";
    static final String MEMORY_LIMIT = "1GB";

    private final BenchmarkOptions options;
    private final PrintStream progress;
    private final Codelists codelists;
    private final BenchmarkReport report;
    /** The DuckDB engine's full-run report on the main data set, to compare the Spark engine's with. */
    private Optional<RunReport> duckDbFull = Optional.empty();

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
        } catch (Exception e) {
            report.failed(report.step(), e);
        } finally {
            if (options.keep()) {
                progress.println("kept " + work);
            } else {
                delete(work);
            }
        }
        return report.completed() ? COMPLETED : FAILED;
    }

    /** A part of the run: its failure is reported and the next part runs. */
    private interface PartRun {
        void run() throws Exception;
    }

    private void part(String name, String goal, PartRun part) {
        try {
            part.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.failed(report.step(), e);
            report.notMeasured(name, goal, "failed (below)");
        } catch (Exception e) {
            report.failed(report.step(), e);
            report.notMeasured(name, goal, "failed (below)");
        }
    }

    private void measureIn(Path work) throws IOException {
        report.step("staging " + options.rows() + " incident rows with DuckDB");
        progress.printf(
                "Staging %,d synthetic incident rows across %d member states with DuckDB ...%n",
                options.rows(), codelists.members().size());
        long started = System.nanoTime();
        String country = options.incrementalCountry();
        Data data = stage(work.resolve("staging"), options.rows(), options.seed());
        long countryRows = data.staging()
                .nationalRows(SyntheticStaging.nationalSubmissionId(country, 1))
                .orElseThrow(() -> new IllegalArgumentException(
                        "--incremental-country " + country + " is not a member state of the deployment"));
        ApprovedSubmission revision = data.staging().addNationalSubmission(country, Math.max(1, countryRows), 2);
        List<ApprovedSubmission> incremental = new ArrayList<>(data.submissions());
        incremental.add(revision);
        report.staged(("%,d incident rows (seed %d), staged with DuckDB directly in the StagedRows schema, not through"
                        + " ingest, in %.1f s: %d submissions (national incident-level, correspondence tables,"
                        + " population), %,d staged rows, %.1f MiB of zstd Parquet; the incremental run adds a"
                        + " submission of %,d rows for %s")
                .formatted(
                        data.incidents(),
                        options.seed(),
                        (System.nanoTime() - started) / 1e9,
                        data.submissions().size(),
                        data.stagedRows(),
                        data.staging().bytes() / (double) (1 << 20),
                        countryRows,
                        country));
        Optional<Data> warmup = Optional.empty();
        if (options.warmupRows() > 0) {
            report.step("staging the warm-up data set");
            warmup = Optional.of(
                    stage(work.resolve("warmup").resolve("staging"), options.warmupRows(), options.seed() + 1));
        }
        Optional<Data> warm = warmup;

        part(
                "DuckDB engine",
                "<= 3 and <= 0.1",
                () -> duckDb(work.resolve("duckdb"), data, incremental, countryRows, warm));
        if (options.runs(Part.SPARK)) {
            part("Spark engine", "<= 3 at 10 M", () -> spark(work.resolve("spark"), data, warm));
        }
        if (options.runs(Part.MEMORY)) {
            part("peak memory, DuckDB engine", "< 2.5 GiB", () -> memory(work.resolve("memory"), data));
        }
        if (options.runsCommandLine()) {
            part("./observatory pipeline run", "<= 5 s, <= 2x", () -> commandLine(work.resolve("cli")));
        }
        if (options.runs(Part.DEMO)) {
            part("./observatory demo", "<= 15 s", () -> demo(work.resolve("demo")));
        }
        report.step("done");
    }

    /** A staged data set. */
    private record Data(
            SyntheticStaging staging, List<ApprovedSubmission> submissions, long incidents, long stagedRows) {
        List<Path> incidentFiles() {
            return staging.nationalSubmissionIds().stream()
                    .filter(id -> submissions.stream()
                            .anyMatch(submission -> submission.submissionId().equals(id)))
                    .map(staging::file)
                    .toList();
        }
    }

    private Data stage(Path staging, long rows, long seed) {
        SyntheticStaging data = new SyntheticStaging(staging, seed, codelists);
        data.writeAll(rows);
        return new Data(data, data.submissions(), data.incidentRows(), data.stagedRows());
    }

    private void duckDb(
            Path out, Data data, List<ApprovedSubmission> incremental, long countryRows, Optional<Data> warmup)
            throws Exception {
        if (warmup.isPresent()) {
            Data warm = warmup.get();
            Path directory = Files.createDirectories(out.resolve("warmup"));
            report.step("DuckDB warm-up");
            progress.printf("Warm-up of the DuckDB engine on %,d rows ...%n", warm.incidents());
            report.warmup(
                    "DuckDB bare",
                    time(() -> References.duckDb(
                            warm.incidentFiles(), directory.resolve("bare"), directory.resolve("spill"))));
            report.warmup(
                    "DuckDB full run",
                    timedRun(
                                    EngineKind.DUCKDB,
                                    null,
                                    "warmup",
                                    warm.staging().staging(),
                                    directory.resolve("warehouse"),
                                    warm.submissions())
                            .seconds());
        }
        List<Double> bare = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> incrementalSeconds = new ArrayList<>();
        String country = options.incrementalCountry();
        for (int round = 1; round <= options.rounds(); round++) {
            Path directory = Files.createDirectories(out.resolve("round-" + round));
            boolean bareFirst = round % 2 == 1; // alternate the reference's place so that noise hits both
            if (bareFirst) {
                bare.add(duckDbBare(round, data, directory));
            }
            report.step("round %d: DuckDB engine, full run".formatted(round));
            progress.printf("Round %d: DuckDB engine, full run into an empty warehouse ...%n", round);
            Timed first = timedRun(
                    EngineKind.DUCKDB,
                    null,
                    "full-" + round,
                    data.staging().staging(),
                    directory.resolve("warehouse"),
                    data.submissions());
            checkFull(first, data, directory.resolve("warehouse"), "duckdb");
            full.add(first.seconds());
            report.measured(round, DUCKDB_FULL, first.seconds(), first.report().rowsIn());
            report.calls("DuckDB full", first.calls());
            duckDbFull = Optional.of(first.report());

            report.step("round %d: DuckDB engine, incremental run".formatted(round));
            progress.printf(
                    "Round %d: DuckDB engine, incremental run (%s sends a new submission of %,d rows) ...%n",
                    round, country, countryRows);
            Timed second = timedRun(
                    EngineKind.DUCKDB,
                    null,
                    "incremental-" + round,
                    data.staging().staging(),
                    directory.resolve("warehouse"),
                    incremental);
            checkPublished(directory.resolve("warehouse"), second.report());
            if (!first.report().snapshotId().equals(second.report().previousSnapshotId())) {
                throw new IllegalStateException("the incremental run's previous snapshot is %s, not the full run's %s"
                        .formatted(
                                second.report().previousSnapshotId(),
                                first.report().snapshotId()));
            }
            if (!second.report().countriesRecomputed().equals(List.of(country))) {
                throw new IllegalStateException("the incremental run recomputed %s, not only %s"
                        .formatted(second.report().countriesRecomputed(), country));
            }
            incrementalSeconds.add(second.seconds());
            report.measured(
                    round, DUCKDB_INCREMENTAL, second.seconds(), second.report().rowsIn());
            report.calls("DuckDB incr.", second.calls());
            if (round == options.rounds()) {
                report.detail("DuckDB full run: " + BenchmarkReport.accounting(first.report()));
                report.detail("DuckDB incremental run (%s sent a new submission of %,d rows): %s"
                        .formatted(country, countryRows, BenchmarkReport.accounting(second.report())));
            }
            if (!bareFirst) {
                bare.add(duckDbBare(round, data, directory));
            }
        }
        report.ratio(
                "DuckDB engine, full run, %s rows / DuckDB bare aggregation".formatted(millions(data.incidents())),
                median(full),
                median(bare),
                "bare",
                Optional.of(GOAL_DUCKDB_FULL));
        report.ratio(
                "DuckDB engine, incremental run (%s changed) / its full run".formatted(country),
                median(incrementalSeconds),
                median(full),
                "full",
                Optional.of(GOAL_INCREMENTAL));
    }

    private double duckDbBare(int round, Data data, Path directory) throws Exception {
        report.step("round %d: DuckDB bare aggregation".formatted(round));
        progress.printf("Round %d: DuckDB bare aggregation (read -> aggregate -> write) ...%n", round);
        Path output = directory.resolve("bare");
        double seconds = time(() -> References.duckDb(data.incidentFiles(), output, directory.resolve("spill")));
        checkAggregate("DuckDB", output, data.incidents());
        report.measured(round, DUCKDB_BARE, seconds, data.incidents());
        return seconds;
    }

    private void spark(Path out, Data main, Optional<Data> warmup) throws Exception {
        report.step("starting Spark");
        progress.println("Starting a Spark session ...");
        SparkSession spark = Sessions.create("bench-pipeline");
        try {
            report.detail("Spark %s, %s, %s shuffle partitions, bench JVM max heap %.1f GiB"
                    .formatted(
                            spark.version(),
                            spark.conf().get("spark.master"),
                            spark.conf().get("spark.sql.shuffle.partitions"),
                            Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
            if (warmup.isPresent()) {
                Data warm = warmup.get();
                Path directory = Files.createDirectories(out.resolve("warmup"));
                report.step("Spark warm-up");
                progress.printf("Warm-up of the Spark engine on %,d rows ...%n", warm.incidents());
                report.warmup(
                        "bare Spark",
                        time(() -> References.bareSpark(spark, warm.incidentFiles(), directory.resolve("bare"))));
                report.warmup(
                        "Spark full run",
                        timedRun(
                                        EngineKind.SPARK,
                                        spark,
                                        "warmup",
                                        warm.staging().staging(),
                                        directory.resolve("warehouse"),
                                        warm.submissions())
                                .seconds());
            }
            for (long size : options.sparkRows()) {
                Path sized = Files.createDirectories(out.resolve("rows-" + size));
                Data data = main;
                if (size != options.rows()) {
                    report.step("staging " + size + " incident rows for Spark");
                    progress.printf("Staging %,d incident rows for the Spark engine ...%n", size);
                    data = stage(sized.resolve("staging"), size, options.seed());
                }
                sparkSize(spark, sized, data);
                if (data != main) {
                    delete(sized);
                }
            }
        } finally {
            spark.stop();
        }
    }

    private void sparkSize(SparkSession spark, Path out, Data data) throws Exception {
        List<Double> bare = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        String rows = millions(data.incidents());
        for (int round = 1; round <= options.rounds(); round++) {
            Path directory = Files.createDirectories(out.resolve("round-" + round));
            boolean bareFirst = round % 2 == 1;
            if (bareFirst) {
                bare.add(sparkBare(spark, round, data, directory));
            }
            report.step("round %d: Spark engine, full run of %s rows".formatted(round, rows));
            progress.printf("Round %d: Spark engine, full run of %s rows into an empty warehouse ...%n", round, rows);
            Timed run = timedRun(
                    EngineKind.SPARK,
                    spark,
                    "spark-" + round,
                    data.staging().staging(),
                    directory.resolve("warehouse"),
                    data.submissions());
            checkFull(run, data, directory.resolve("warehouse"), "spark");
            full.add(run.seconds());
            report.measured(
                    round,
                    SPARK_FULL + ", " + rows + " rows",
                    run.seconds(),
                    run.report().rowsIn());
            report.calls("Spark " + rows, run.calls());
            if (round == options.rounds()) {
                report.detail("Spark full run, %s rows: %s".formatted(rows, BenchmarkReport.accounting(run.report())));
                if (data.incidents() == options.rows() && duckDbFull.isPresent()) {
                    RunReport duck = duckDbFull.get();
                    RunReport sparkRun = run.report();
                    boolean same = duck.rowsIn() == sparkRun.rowsIn()
                            && duck.rowsOut() == sparkRun.rowsOut()
                            && duck.rowsExcluded().equals(sparkRun.rowsExcluded())
                            && duck.suppressedValues() == sparkRun.suppressedValues();
                    report.detail(
                            same
                                    ? "the Spark and DuckDB engines' full runs account for the rows alike (in, used, excluded"
                                            + " by reason, suppressed values)"
                                    : "WARNING: the Spark and DuckDB engines' full runs account for the rows differently");
                }
            }
            if (!bareFirst) {
                bare.add(sparkBare(spark, round, data, directory));
            }
        }
        report.ratio(
                "Spark engine, full run, %s rows / bare Spark".formatted(rows),
                median(full),
                median(bare),
                "bare",
                data.incidents() == SPARK_GOAL_ROWS ? Optional.of(GOAL_SPARK_FULL) : Optional.empty());
    }

    private double sparkBare(SparkSession spark, int round, Data data, Path directory) throws Exception {
        report.step("round %d: bare Spark, %s rows".formatted(round, millions(data.incidents())));
        progress.printf("Round %d: bare Spark aggregation (read -> aggregate -> write) ...%n", round);
        Path output = directory.resolve("bare");
        double seconds = time(() -> References.bareSpark(spark, data.incidentFiles(), output));
        checkAggregate("bare Spark", output, data.incidents());
        report.measured(round, SPARK_BARE + ", " + millions(data.incidents()) + " rows", seconds, data.incidents());
        return seconds;
    }

    private void memory(Path out, Data data) throws Exception {
        report.step("memory: DuckDB engine in a child JVM with %s and memory_limit %s"
                .formatted(MEMORY_HEAP, MEMORY_LIMIT));
        progress.printf(
                "Peak memory: a full run of %,d rows on the DuckDB engine in a child JVM with %s and"
                        + " memory_limit %s ...%n",
                data.incidents(), MEMORY_HEAP, MEMORY_LIMIT);
        Path manifestFile = out.resolve("manifest.json");
        Files.createDirectories(out.resolve("tmp"));
        JsonFiles.write(
                manifestFile,
                manifest("memory", data.staging().staging(), out.resolve("warehouse"), data.submissions()));
        List<String> args = new ArrayList<>(List.of(manifestFile.toString()));
        options.members().ifPresent(members -> args.add(members.toAbsolutePath().toString()));
        ChildProcess.Finished finished = ChildProcess.run(
                ChildProcess.java(
                        List.of(
                                MEMORY_HEAP,
                                "-D" + Engines.DUCKDB_MEMORY_LIMIT + "=" + MEMORY_LIMIT,
                                "-Djava.io.tmpdir=" + out.resolve("tmp")),
                        MemoryRun.class,
                        args),
                out.resolve("memory-run.log"));
        long rowsIn = value(finished.output(), MemoryRun.ROWS_IN);
        long peak = Math.max(
                value(finished.output(), MemoryRun.PEAK),
                finished.peakResidentBytes().orElse(0));
        boolean completed = rowsIn == data.stagedRows();
        double gib = peak / (double) (1L << 30);
        report.goal(new BenchmarkReport.Goal(
                "peak resident memory (VmHWM), DuckDB engine, full run, %s rows, %s, memory_limit %s"
                        .formatted(millions(data.incidents()), MEMORY_HEAP, MEMORY_LIMIT),
                "%.2f GiB, %s".formatted(gib, completed ? "completed" : "did NOT complete"),
                "",
                "",
                "< %s GiB, completes".formatted(GOAL_PEAK_GIB),
                Optional.of(completed && gib < GOAL_PEAK_GIB)));
        report.detail(("memory run: %.1f s wall in a child JVM, %,d rows in; VmHWM as the child read it at its end"
                        + " and as the benchmark sampled it every 50 ms, the larger")
                .formatted(finished.seconds(), rowsIn));
    }

    private void commandLine(Path out) throws Exception {
        Path home = options.home().orElseThrow();
        report.step("./observatory ingest and pipeline run of " + options.cliRows() + " rows");
        Path file = out.resolve("COL-incidents-%d.csv".formatted(options.cliRows()));
        Files.createDirectories(out);
        progress.printf(
                "Writing a national file of %,d incident rows, ./observatory ingest, then timing"
                        + " ./observatory pipeline run against a fresh JVM's bare DuckDB aggregation ...%n",
                options.cliRows());
        NationalIncidentFile.write(file, options.cliRows(), options.seed(), codelists.iccs());
        CommandLineRun.Result result =
                new CommandLineRun(home, options.cliEngine()).run(file, out.resolve("data"), out.resolve("logs"));
        if (!result.published()) {
            throw new IllegalStateException("./observatory pipeline run did not move CURRENT to "
                    + result.report().snapshotId());
        }
        String what = "./observatory pipeline run, %s incident rows (COL), JVM start included"
                .formatted(millions(options.cliRows()));
        report.goal(new BenchmarkReport.Goal(
                what + ", wall",
                "%.2f s".formatted(result.pipelineSeconds()),
                "",
                "",
                "<= %s s".formatted((long) GOAL_CLI_SECONDS),
                Optional.of(result.pipelineSeconds() <= GOAL_CLI_SECONDS)));
        report.ratio(
                what + " / fresh JVM's bare DuckDB aggregation",
                result.pipelineSeconds(),
                result.referenceSeconds(),
                "reference (%.2f before, %.2f after)".formatted(result.referenceBefore(), result.referenceAfter()),
                Optional.of(GOAL_CLI_RATIO));
        report.detail(("./observatory pipeline run: load average %s before, %s after; ingest took %.1f s; the first"
                        + " run, on a copy (after a build it writes the class archive), %.1f s; %s; heap: %s%s")
                .formatted(
                        result.loadBefore(),
                        result.loadAfter(),
                        result.ingestSeconds(),
                        result.firstPipelineSeconds(),
                        BenchmarkReport.accounting(result.report()),
                        CommandLineRun.heapSetting(),
                        "duckdb".equals(result.report().engine())
                                ? ""
                                : "; NOTE: the command ran on "
                                        + result.report().engine() + ", not DuckDB"));
    }

    private void demo(Path out) throws Exception {
        report.step("./observatory demo");
        progress.println("Timing ./observatory demo on an empty data directory until /health answers ...");
        DemoRun.Result result =
                new DemoRun(options.home().orElseThrow()).run(out.resolve("data"), out.resolve("demo.log"));
        report.goal(new BenchmarkReport.Goal(
                "./observatory demo, empty data directory, until /health answers 200",
                "%.2f s".formatted(result.seconds()),
                "",
                "",
                "<= %s s".formatted((long) GOAL_DEMO_SECONDS),
                Optional.of(result.seconds() <= GOAL_DEMO_SECONDS)));
        report.detail("./observatory demo: load average %s before, %s when /health answered (port %d); stopped"
                .formatted(result.loadBefore(), result.loadAfter(), result.port()));
    }

    /** A timed pipeline run: its report, wall seconds and where they went. */
    private record Timed(RunReport report, double seconds, java.util.Map<String, Double> calls) {}

    /**
     * Opens the engine (DuckDB: a new one, as a run of the app does; Spark: on the given session), runs the manifest
     * through a {@link TimingEngine} and closes it; all of it timed.
     */
    private Timed timedRun(
            EngineKind kind,
            SparkSession spark,
            String runId,
            Path staging,
            Path warehouse,
            List<ApprovedSubmission> submissions) {
        RunManifest manifest = manifest(runId, staging, warehouse, submissions);
        long started = System.nanoTime();
        Engine inner = kind == EngineKind.SPARK ? new SparkEngine(spark) : Engines.open(kind);
        RunReport result;
        TimingEngine engine = new TimingEngine(inner);
        try (engine) {
            result = new PipelineJob(engine, codelists).run(manifest);
        }
        return new Timed(result, (System.nanoTime() - started) / 1e9, engine.seconds());
    }

    private void checkFull(Timed run, Data data, Path warehouse, String engine) {
        checkPublished(warehouse, run.report());
        if (run.report().rowsIn() != data.stagedRows()) {
            throw new IllegalStateException("the full run read %d rows, %d are staged and approved"
                    .formatted(run.report().rowsIn(), data.stagedRows()));
        }
        if (!engine.equals(run.report().engine())) {
            throw new IllegalStateException("the run report names the engine %s, not %s"
                    .formatted(run.report().engine(), engine));
        }
    }

    private static void checkPublished(Path warehouse, RunReport result) {
        Optional<String> current = DataDirectory.readSnapshotPointer(warehouse.resolve(DataDirectory.CURRENT));
        if (!current.equals(Optional.of(result.snapshotId()))) {
            throw new IllegalStateException(
                    "CURRENT is %s after the run that published %s".formatted(current, result.snapshotId()));
        }
    }

    /** A reference must have counted every staged incident. */
    private static void checkAggregate(String reference, Path output, long incidents) throws Exception {
        long[] counted = References.groupsAndIncidents(output);
        if (counted[1] != incidents) {
            throw new IllegalStateException("the %s reference counted %d incidents in %d groups; %d are staged"
                    .formatted(reference, counted[1], counted[0], incidents));
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

    private static long value(List<String> output, String prefix) {
        return output.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Long.parseLong(line.substring(prefix.length()).strip()))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("the child JVM printed no '" + prefix.strip() + "' line"));
    }

    static String millions(long rows) {
        if (rows % 1_000_000 == 0) {
            return (rows / 1_000_000) + " M";
        }
        return "%,d".formatted(rows);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Something to time that may throw a checked exception. */
    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
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
