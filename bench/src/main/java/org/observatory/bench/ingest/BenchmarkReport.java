package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.observatory.bench.ingest.Measurement.Subject;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.validate.IngestSettings;

/**
 * What one benchmark run measured, and the table it prints. Throughputs are medians over the measured rounds; the
 * ratio is validation over bare parse (the goal is at least {@link #RATIO_GOAL}: validation adds at most 40 %).
 *
 * @param completed every validation run finished and accepted the file with the expected row counts
 * @param failure why not, when not completed
 * @param lastResult the last validation run's result, when there was one
 * @param residentPerRun whether the resident peaks are per run (VmHWM reset before each) or since the start
 */
public record BenchmarkReport(
        BenchmarkOptions options,
        Optional<GeneratedFile> file,
        double generationSeconds,
        List<Measurement> measurements,
        List<StepTiming> steps,
        double profiledSeconds,
        java.util.Map<String, Double> threadCpu,
        java.util.Map<String, Double> threadWait,
        double processCpu,
        Optional<IngestResult> lastResult,
        boolean completed,
        Optional<String> failure,
        boolean residentPerRun,
        OptionalLong processResidentPeak,
        long maxHeap,
        String runtime) {
    public static final double RATIO_GOAL = 0.6;

    public BenchmarkReport {
        requireNonNull(options, "options is null");
        requireNonNull(file, "file is null");
        measurements = List.copyOf(requireNonNull(measurements, "measurements is null"));
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        threadCpu = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(requireNonNull(threadCpu, "threadCpu is null")));
        threadWait = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(requireNonNull(threadWait, "threadWait is null")));
        requireNonNull(lastResult, "lastResult is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(processResidentPeak, "processResidentPeak is null");
        requireNonNull(runtime, "runtime is null");
    }

    public List<Measurement> of(Subject subject) {
        return measurements.stream().filter(m -> m.subject() == subject).toList();
    }

    /** The median rows per second of the measured runs of {@code subject}. */
    public OptionalDouble rowsPerSecond(Subject subject) {
        double[] sorted = of(subject).stream()
                .mapToDouble(Measurement::rowsPerSecond)
                .sorted()
                .toArray();
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /** Validation throughput over bare-parse throughput. */
    public OptionalDouble ratio() {
        OptionalDouble bare = rowsPerSecond(Subject.BARE);
        OptionalDouble validation = rowsPerSecond(Subject.VALIDATION);
        if (bare.isEmpty() || validation.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(validation.getAsDouble() / bare.getAsDouble());
    }

    /**
     * The median processor seconds of the validation runs over those of the bare parses: what validation costs in
     * processor time whatever else the machine runs, unlike the wall-time ratio. Empty when unknown.
     */
    public OptionalDouble cpuRatio() {
        OptionalDouble bare = medianCpu(Subject.BARE);
        OptionalDouble validation = medianCpu(Subject.VALIDATION);
        if (bare.isEmpty() || validation.isEmpty() || bare.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(validation.getAsDouble() / bare.getAsDouble());
    }

    private OptionalDouble medianCpu(Subject subject) {
        double[] sorted = of(subject).stream()
                .mapToDouble(Measurement::cpuSeconds)
                .sorted()
                .toArray();
        if (sorted.length == 0 || Double.isNaN(sorted[0]) || Double.isNaN(sorted[sorted.length - 1])) {
            return OptionalDouble.empty();
        }
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /** The largest peaks over the measured runs of {@code subject}. */
    public Optional<MemoryProbe.Peaks> peaks(Subject subject) {
        return of(subject).stream().map(Measurement::peaks).reduce(MemoryProbe.Peaks::max);
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("\nIngest benchmark (bench/ingest): bare Commons CSV parse vs IngestService.ingest, same JVM\n");
        file.ifPresent(generated -> out.append(String.format(
                Locale.ROOT,
                "  file      %s, %,d rows (%,d member-state, %,d out of scope, %,d non-ISO code), %s, seed %d,"
                        + " written in %.1f s%n",
                generated.kind().cliName(),
                generated.rows(),
                generated.memberRows(),
                generated.outOfScopeRows(),
                generated.unknownCountryRows(),
                mebibytes(generated.bytes()),
                generated.seed(),
                generationSeconds)));
        out.append(String.format(
                Locale.ROOT,
                "  JVM       %s, max heap %s; warm-up: %s; rounds: %d (bare and validation alternate)%n",
                runtime,
                mebibytes(maxHeap),
                options.warmupRows() == 0 ? "none" : "%,d rows, twice each".formatted(options.warmupRows()),
                options.rounds()));
        out.append(String.format(
                Locale.ROOT,
                "  threads   bare parse: 1; validation: %d reading the file, 4 landing it (reading; copy, SHA-256"
                        + " and byte scan, each on its own), DuckDB's writer of the Parquet file (1, pulling rows as they"
                        + " are validated) and its threads for the whole-file checks%n",
                IngestSettings.DEFAULTS.threads()));
        out.append('\n');
        out.append(String.format(
                Locale.ROOT,
                "  %-28s %5s %9s %9s %12s %9s %11s %13s %11s%n",
                "run",
                "round",
                "seconds",
                "cpu s",
                "rows/s",
                "MiB/s",
                "peak heap",
                "heap after GC",
                "peak RSS"));
        for (Measurement measurement : measurements) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-28s %5d %9.2f %9.2f %,12.0f %9.1f %11s %13s %11s%n",
                    measurement.subject().label(),
                    measurement.round(),
                    measurement.seconds(),
                    measurement.cpuSeconds(),
                    measurement.rowsPerSecond(),
                    measurement.megabytesPerSecond(),
                    mebibytes(measurement.peaks().heap()),
                    mebibytes(measurement.peaks().heapAfterGc()),
                    resident(measurement.peaks().resident())));
        }
        out.append('\n');
        out.append("  summary (median over rounds)\n");
        out.append(line("bare parse", rate(rowsPerSecond(Subject.BARE))));
        out.append(line("validation", rate(rowsPerSecond(Subject.VALIDATION))));
        out.append(line(
                "ratio validation/bare",
                ratio().isEmpty()
                        ? "n/a"
                        : String.format(
                                Locale.ROOT,
                                "%.3f   (goal >= %.2f: %s)",
                                ratio().getAsDouble(),
                                RATIO_GOAL,
                                ratio().getAsDouble() >= RATIO_GOAL ? "met" : "NOT met")));
        cpuRatio()
                .ifPresent(cpu -> out.append(line(
                        "processor time",
                        String.format(
                                Locale.ROOT,
                                "validation uses %.2f times the processor seconds of the bare parse (medians; the"
                                        + " wall-time ratio above is the goal)",
                                cpu))));
        peaks(Subject.BARE)
                .ifPresent(peaks -> out.append(
                        line("peak heap / RSS, bare", mebibytes(peaks.heap()) + " / " + resident(peaks.resident()))));
        peaks(Subject.VALIDATION)
                .ifPresent(peaks -> out.append(line(
                        "peak heap / RSS, validation",
                        "%s (after GC %s) of %s max heap / %s"
                                .formatted(
                                        mebibytes(peaks.heap()),
                                        mebibytes(peaks.heapAfterGc()),
                                        mebibytes(maxHeap),
                                        resident(peaks.resident())))));
        out.append(line(
                "peak RSS, whole process",
                resident(processResidentPeak)
                        + (residentPerRun
                                ? "  (VmHWM, largest over the run; per-run peaks reset through clear_refs)"
                                : "  (VmHWM; the per-run peaks above are process peaks, not reset)")));
        lastResult.ifPresent(result -> out.append(line(
                "ingest result",
                "%s: %,d read, %,d accepted, skipped %s; encoding %s, delimiter %s, decimal %s"
                        .formatted(
                                result.status(),
                                result.rowsRead(),
                                result.rowsAccepted(),
                                result.rowsSkipped(),
                                result.encoding(),
                                result.delimiter(),
                                result.decimalSeparator()))));
        lastResult.ifPresent(result -> out.append(line(
                "issues found by ingest",
                "%,d errors, %,d warnings %s".formatted(result.errors(), result.warnings(), result.issueCounts()))));
        out.append(line("completed", completed ? "yes" : "NO: " + failure.orElse("unknown failure")));
        if (!steps.isEmpty()) {
            out.append(formatSteps());
        }
        return out.toString();
    }

    private String formatSteps() {
        StringBuilder out = new StringBuilder();
        long samples = steps.stream()
                .filter(step -> !step.name().startsWith(StepSampler.READER))
                .mapToLong(StepTiming::samples)
                .sum();
        out.append(String.format(
                Locale.ROOT,
                "%n  where ingest's time goes (--phases: one more validation run, %.2f s, sampled every 10 ms, %,d samples)%n",
                profiledSeconds,
                samples));
        out.append(
                "  the ingest thread's steps add up to the run's time; while it waits for the reader threads, their\n");
        out.append("  steps are in thread-seconds (with two threads, up to twice the wait)\n");
        out.append(String.format(Locale.ROOT, "  %-52s %9s %6s %11s%n", "step", "seconds", "share", "RSS (max)"));
        for (StepTiming step : steps) {
            boolean reader = step.name().startsWith(StepSampler.READER);
            out.append(String.format(
                    Locale.ROOT,
                    "  %-52s %9.2f %6s %11s%n",
                    (reader ? "  " : "") + step.name(),
                    step.seconds(),
                    reader || samples == 0
                            ? ""
                            : String.format(Locale.ROOT, "%5.1f%%", 100.0 * step.samples() / samples),
                    resident(step.peakResident())));
        }
        if (!threadCpu.isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n  processor time of that run by thread (from /proc: seconds the threads ran, and seconds they were%n"
                            + "  ready to run but waited for a processor, taken by other threads of this or another process)%n"
                            + "  %.2f s for the process over %.2f s of wall time; waited for a processor: %.2f s%n",
                    processCpu,
                    profiledSeconds,
                    threadWait.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()));
            out.append(String.format(Locale.ROOT, "    %-58s %8s %8s%n", "threads", "ran", "waited"));
            threadCpu.forEach((name, seconds) -> {
                Double waited = threadWait.get(name);
                if (seconds >= 0.05) {
                    out.append(String.format(
                            Locale.ROOT,
                            "    %-58s %8.2f %8s%n",
                            name,
                            seconds,
                            waited == null ? "" : String.format(Locale.ROOT, "%.2f", waited)));
                }
            });
            Double javaWait = threadWait.get("java");
            if (javaWait != null) {
                out.append(String.format(
                        Locale.ROOT,
                        "    %-58s %8s %8.2f%n",
                        "ingest thread and DuckDB's (Linux name java)",
                        "",
                        javaWait));
            }
        }
        double reading = seconds(StepSampler.READING) + seconds(StepSampler.READER + StepSampler.READING);
        file.ifPresent(generated -> out.append(String.format(
                Locale.ROOT,
                "  rows read once: %.2f thread-seconds in the CSV parser; one bare parse: %.2f s%n",
                reading,
                of(Subject.BARE).stream()
                        .mapToDouble(Measurement::seconds)
                        .min()
                        .orElse(Double.NaN))));
        return out.toString();
    }

    private double seconds(String step) {
        return steps.stream()
                .filter(timing -> timing.name().equals(step))
                .mapToDouble(StepTiming::seconds)
                .sum();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-28s %s%n", label, value);
    }

    private static String rate(OptionalDouble rowsPerSecond) {
        return rowsPerSecond.isEmpty()
                ? "n/a"
                : String.format(Locale.ROOT, "%,.0f rows/s", rowsPerSecond.getAsDouble());
    }

    private static String resident(OptionalLong bytes) {
        return bytes.isEmpty() ? "n/a" : mebibytes(bytes.getAsLong());
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1_048_576.0);
    }
}
