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
import org.observatory.schemas.record.RunReport;

/**
 * What a benchmark run measured: every timed run, then one table of the goals (measurement, value, reference, ratio,
 * goal, met) with the machine and its load, the run reports' accounting, and where the engine runs' time went, call by
 * call. A part that failed prints where and why; the others still print what they measured.
 */
final class BenchmarkReport {
    private final BenchmarkOptions options;
    private final int members;
    private final String machine = Machine.describe();
    private final String loadAtStart = Machine.loadAverage();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final Map<String, Map<String, Double>> calls = new LinkedHashMap<>();
    private final List<String> warmups = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private String staged = "";
    private String step = "starting";

    BenchmarkReport(BenchmarkOptions options, int members) {
        this.options = requireNonNull(options, "options is null");
        this.members = members;
    }

    /** One timed run of a candidate. */
    record Measurement(int round, String candidate, double seconds, long rows) {}

    /**
     * One line of the goal table.
     *
     * @param met empty when the goal does not apply (a size the goal does not name)
     */
    record Goal(String measurement, String value, String reference, String ratio, String goal, Optional<Boolean> met) {}

    void step(String current) {
        step = current;
    }

    String step() {
        return step;
    }

    boolean completed() {
        return failures.isEmpty();
    }

    void failed(String where, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        failures.add("%s: %s".formatted(where, message.strip()));
    }

    void staged(String description) {
        staged = description;
    }

    void warmup(String candidate, double seconds) {
        warmups.add("%s %.1f s".formatted(candidate, seconds));
    }

    void measured(int round, String candidate, double seconds, long rows) {
        measurements.add(new Measurement(round, candidate, seconds, rows));
    }

    void detail(String line) {
        details.add(line);
    }

    /** The seconds of each engine call of a pipeline run ({@link TimingEngine}). */
    void calls(String run, Map<String, Double> seconds) {
        calls.put(run, seconds);
    }

    /** A ratio against a reference, with an upper bound as the goal (or none: reported only). */
    void ratio(String measurement, double value, double reference, String referenceName, Optional<Double> bound) {
        double ratio = value / reference;
        goals.add(new Goal(
                measurement,
                "%.2f s".formatted(value),
                "%.2f s %s".formatted(reference, referenceName),
                "%.2f".formatted(ratio),
                bound.map(limit -> "<= " + number(limit)).orElse("reported"),
                bound.map(limit -> ratio <= limit)));
    }

    /** A value with an upper bound as the goal. */
    void bound(String measurement, String value, double amount, String goal, double limit, boolean strict) {
        goals.add(new Goal(measurement, value, "", "", goal, Optional.of(strict ? amount < limit : amount <= limit)));
    }

    void goal(Goal goal) {
        goals.add(goal);
    }

    /** A goal that could not be measured. */
    void notMeasured(String measurement, String goal, String why) {
        goals.add(new Goal(measurement, why, "", "", goal, Optional.of(false)));
    }

    /** The run report's accounting, in one line. */
    static String accounting(RunReport report) {
        return "%,d rows in = %,d used + %,d excluded %s; %d revised, %d added, %d withdrawn values; recomputed %s;"
                        .formatted(
                                report.rowsIn(),
                                report.rowsOut(),
                                report.rowsExcludedTotal(),
                                new TreeMap<>(report.rowsExcluded()),
                                report.changedValues(),
                                report.addedValues(),
                                report.withdrawnValues(),
                                report.countriesRecomputed().size() > 5
                                        ? report.countriesRecomputed().size() + " countries"
                                        : report.countriesRecomputed().toString())
                + " engine " + report.engine() + ", %.1f s inside the job".formatted(report.seconds());
    }

    void print(PrintStream out) {
        out.println();
        out.printf(
                "bench/pipeline: %,d incident rows (synthetic) across %d member states, %d round(s); %s; load average"
                        + " %s at the start, %s at the end%n",
                options.rows(), members, options.rounds(), machine, loadAtStart, Machine.loadAverage());
        if (!staged.isEmpty()) {
            out.println("  " + staged);
        }
        if (!warmups.isEmpty()) {
            out.printf("  warm-up on %,d rows: %s%n", options.warmupRows(), String.join(", ", warmups));
        }
        if (!measurements.isEmpty()) {
            out.println();
            out.printf("%-6s %-58s %10s %14s%n", "round", "candidate", "seconds", "rows/s");
            for (Measurement measurement : measurements) {
                out.printf(
                        "%-6d %-58s %10.2f %,14.0f%n",
                        measurement.round(),
                        measurement.candidate(),
                        measurement.seconds(),
                        measurement.rows() / measurement.seconds());
            }
        }
        printCalls(out);
        if (!details.isEmpty()) {
            out.println();
            details.forEach(line -> out.println("  " + line));
        }
        out.println();
        out.println("| measurement | value | reference | ratio | goal | met |");
        out.println("|---|---|---|---|---|---|");
        for (Goal goal : goals) {
            out.printf(
                    "| %s | %s | %s | %s | %s | %s |%n",
                    goal.measurement(),
                    goal.value(),
                    goal.reference(),
                    goal.ratio(),
                    goal.goal(),
                    goal.met().map(met -> met ? "yes" : "**no**").orElse("-"));
        }
        out.printf(
                "machine: %s; load average (1, 5, 15 min) %s at the start, %s at the end%n",
                machine, loadAtStart, Machine.loadAverage());
        failures.forEach(message -> out.println("FAILED while " + message));
    }

    private void printCalls(PrintStream out) {
        if (calls.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        calls.values().forEach(run -> names.addAll(run.keySet()));
        out.println();
        out.println("where the engine runs' time went: seconds of each engine call (define = compute a relation,"
                + " write = one table; the job's own I/O is the rest):");
        out.printf("  %-40s", "call");
        calls.keySet().forEach(run -> out.printf(" %16s", run));
        out.println();
        for (String name : names) {
            out.printf("  %-40s", name);
            calls.values()
                    .forEach(run -> out.printf(" %16s", run.containsKey(name) ? "%.2f".formatted(run.get(name)) : "-"));
            out.println();
        }
        out.printf("  %-40s", "sum of the calls");
        calls.values()
                .forEach(run -> out.printf(
                        " %16.2f",
                        run.values().stream().mapToDouble(Double::doubleValue).sum()));
        out.println();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
