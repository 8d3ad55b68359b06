package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.observatory.schemas.record.RunReport;

/**
 * What a benchmark run measured, printed as one table with the ratios against the references measured in the same
 * run. A failed run prints what it had measured, then where it failed and why.
 */
final class BenchmarkReport {
    static final String BARE_SPARK = "bare Spark: read -> aggregate -> write";
    static final String DUCKDB = "DuckDB SQL: read -> aggregate -> write";
    static final String PIPELINE_FULL = "pipeline: full run (PipelineJob.run)";
    static final String PIPELINE_INCREMENTAL = "pipeline: incremental run";

    private static final double GOAL_PIPELINE_OVER_SPARK = 1.5;
    private static final double GOAL_INCREMENTAL_OVER_FULL = 0.1;
    private static final double GOAL_COMMAND_LINE_SECONDS = 30;

    private final BenchmarkOptions options;
    private final int members;
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, Map<String, Double>> steps = new LinkedHashMap<>();
    private final List<String> warmups = new ArrayList<>();
    private String staged = "";
    private String session = "";
    private String heap = "";
    private String fullRun = "";
    private String incrementalRun = "";
    private String commandLine = "";
    private String referencesAgree = "";
    private String step = "starting";
    private Optional<String> failure = Optional.empty();

    BenchmarkReport(BenchmarkOptions options, int members) {
        this.options = requireNonNull(options, "options is null");
        this.members = members;
    }

    /** One timed run of a candidate. */
    record Measurement(int round, String candidate, double seconds, long rows) {}

    void step(String current) {
        step = current;
    }

    String step() {
        return step;
    }

    boolean completed() {
        return failure.isEmpty();
    }

    void failed(String where, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        failure = Optional.of(
                "%s: %s".formatted(where, message.strip().lines().findFirst().orElse(message)));
    }

    void staged(int submissions, long incidents, long rows, long bytes, double seconds) {
        staged = ("%,d incident rows across %d member states (seed %d), staged with DuckDB directly in the StagedRows"
                        + " schema, not through ingest, in %.1f s: %d submissions (national incident-level, correspondence"
                        + " tables, population), %,d staged rows, %.1f MiB of zstd Parquet")
                .formatted(incidents, members, options.seed(), seconds, submissions, rows, bytes / (double) (1 << 20));
    }

    void session(SparkSession spark) {
        session = "Java %s, %d cores, max heap %.1f GiB; Spark %s %s, %s shuffle partitions"
                .formatted(
                        System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / (double) (1L << 30),
                        spark.version(),
                        spark.conf().get("spark.master"),
                        spark.conf().get("spark.sql.shuffle.partitions"));
    }

    void warmup(String candidate, double seconds) {
        warmups.add("%s %.1f s".formatted(candidate, seconds));
    }

    void measured(int round, String candidate, double seconds, long rows) {
        measurements.add(new Measurement(round, candidate, seconds, rows));
    }

    void full(int round, double seconds, RunReport report) {
        measurements.add(new Measurement(round, PIPELINE_FULL, seconds, report.rowsIn()));
        fullRun = "full run report: %,d rows in = %,d used + %,d excluded %s; %d countries with accepted rows"
                .formatted(
                        report.rowsIn(),
                        report.rowsOut(),
                        report.rowsExcludedTotal(),
                        new TreeMap<>(report.rowsExcluded()),
                        report.countriesRecomputed().size());
    }

    /** The seconds per step ({@link StepTimes}) of a pipeline run, e.g. "full, round 1". */
    void steps(String run, Map<String, Double> seconds) {
        steps.put(run, seconds);
    }

    void incremental(int round, double seconds, RunReport report, String country, long rows) {
        measurements.add(new Measurement(round, PIPELINE_INCREMENTAL, seconds, report.rowsIn()));
        List<String> recomputed = report.countriesRecomputed();
        incrementalRun = ("incremental run: %s sent a new submission of %,d rows (revising all its values); report: %,d"
                        + " rows in, %d revised, %d added, %d withdrawn values; countriesRecomputed: %d%s")
                .formatted(
                        country,
                        rows,
                        report.rowsIn(),
                        report.changedValues(),
                        report.addedValues(),
                        report.withdrawnValues(),
                        recomputed.size(),
                        recomputed.size() == members ? " (every member state)" : " " + recomputed);
    }

    void checkReferencesAgree(long[] spark, long[] duckDb, long incidents) {
        if (spark[0] != duckDb[0] || spark[1] != duckDb[1] || spark[1] != incidents) {
            throw new IllegalStateException(
                    "the references disagree: bare Spark wrote %d groups of %d incidents, DuckDB %d groups of %d; %d staged"
                            .formatted(spark[0], spark[1], duckDb[0], duckDb[1], incidents));
        }
        referencesAgree = "both references wrote %,d groups holding all %,d incidents".formatted(spark[0], spark[1]);
    }

    void heap(long peakBytes, long maxBytes) {
        heap = "peak heap in use in the benchmark JVM (sampled every 100 ms): %.2f GiB of -Xmx %.1f GiB"
                .formatted(peakBytes / (double) (1L << 30), maxBytes / (double) (1L << 30));
    }

    void commandLine(long rows, long fileBytes, CommandLineRun.Result result) {
        commandLine =
                ("./observatory pipeline run, one national file of %,d incident rows (COL, %.1f MiB), new process,"
                                + " JVM start included: %.1f s wall (goal <= %.0f s on 2 cores)%n"
                                + "  %,d rows in, %,d used; the run report says %.1f s inside the job; ./observatory ingest before"
                                + " it took %.1f s; the run before it, on a copy of the data directory (after a build, the"
                                + " one that writes the command's class archive), took %.1f s; heap: %s")
                        .formatted(
                                rows,
                                fileBytes / (double) (1 << 20),
                                result.pipelineSeconds(),
                                GOAL_COMMAND_LINE_SECONDS,
                                result.report().rowsIn(),
                                result.report().rowsOut(),
                                result.report().seconds(),
                                result.ingestSeconds(),
                                result.firstPipelineSeconds(),
                                CommandLineRun.heapSetting());
    }

    void print(PrintStream out) {
        out.println();
        out.printf("bench/pipeline: %,d incident rows (synthetic), %d round(s)%n", options.rows(), options.rounds());
        if (!staged.isEmpty()) {
            out.println("  " + staged);
        }
        if (!session.isEmpty()) {
            out.println("  " + session);
        }
        if (!warmups.isEmpty()) {
            out.printf("  warm-up on %,d rows: %s%n", options.warmupRows(), String.join(", ", warmups));
        }
        out.println();
        out.printf("%-6s %-42s %10s %14s%n", "round", "candidate", "seconds", "rows/s");
        for (Measurement measurement : measurements) {
            out.printf(
                    "%-6d %-42s %10.1f %,14.0f%n",
                    measurement.round(),
                    measurement.candidate(),
                    measurement.seconds(),
                    measurement.rows() / measurement.seconds());
        }
        out.println();
        Optional<Double> bare = median(BARE_SPARK);
        Optional<Double> duckDb = median(DUCKDB);
        Optional<Double> full = median(PIPELINE_FULL);
        Optional<Double> incremental = median(PIPELINE_INCREMENTAL);
        out.println("ratios (medians of the measured rounds):");
        ratio(out, "pipeline / bare Spark", full, bare, "goal <= " + GOAL_PIPELINE_OVER_SPARK);
        ratio(out, "pipeline / DuckDB", full, duckDb, "context");
        ratio(out, "bare Spark / DuckDB", bare, duckDb, "context");
        ratio(out, "incremental / full", incremental, full, "goal <= " + GOAL_INCREMENTAL_OVER_FULL);
        for (String line : List.of(fullRun, incrementalRun, referencesAgree, heap)) {
            if (!line.isEmpty()) {
                out.println("  " + line);
            }
        }
        printSteps(out);
        out.println();
        if (!commandLine.isEmpty()) {
            out.println(commandLine);
        } else if (options.cliRows() == 0) {
            out.println("./observatory pipeline run: not measured (--cli-rows 0)");
        }
        failure.ifPresent(message -> out.println("FAILED while " + message));
    }

    private void printSteps(PrintStream out) {
        if (steps.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        steps.values().forEach(run -> names.addAll(run.keySet()));
        out.println();
        out.println("where the pipeline runs' time went: wall seconds of each step's Spark queries (the responses table"
                + " and the four writes overlap other steps; the driver's work between queries is in none):");
        out.printf("  %-32s", "step");
        steps.keySet().forEach(run -> out.printf(" %22s", run));
        out.println();
        for (String name : names) {
            out.printf("  %-32s", name);
            steps.values()
                    .forEach(run -> out.printf(" %22s", run.containsKey(name) ? "%.1f".formatted(run.get(name)) : "-"));
            out.println();
        }
    }

    private Optional<Double> median(String candidate) {
        List<Double> seconds = measurements.stream()
                .filter(measurement -> measurement.candidate().equals(candidate))
                .map(Measurement::seconds)
                .sorted()
                .toList();
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        int middle = seconds.size() / 2;
        return Optional.of(
                seconds.size() % 2 == 1 ? seconds.get(middle) : (seconds.get(middle - 1) + seconds.get(middle)) / 2);
    }

    private static void ratio(
            PrintStream out, String name, Optional<Double> numerator, Optional<Double> denominator, String note) {
        if (numerator.isPresent() && denominator.isPresent()) {
            out.printf("  %-24s %8.2f   (%s)%n", name, numerator.get() / denominator.get(), note);
        } else {
            out.printf("  %-24s %8s   (%s)%n", name, "n/a", note);
        }
    }
}
