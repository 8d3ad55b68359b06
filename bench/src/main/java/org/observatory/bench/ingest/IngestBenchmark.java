package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.observatory.bench.ingest.Measurement.Subject;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.ExclusionReason;

/**
 * The ingest benchmark: writes a large synthetic upload (fixed seed, streaming), then, in this JVM, measures a bare
 * Commons CSV parse of it (the reference floor) and a full {@code IngestService.ingest} (landing, layout
 * detection, validation, staging to Parquet), each after a warm-up, alternating their order round by round so that
 * machine noise hits both. Prints rows per second for both, their ratio, and peak heap and resident memory. Run it
 * with {@code bench/ingest/run} (see bench/README.md); the build never runs it.
 */
public final class IngestBenchmark {
    /** The CTS cycle the generated replies answer (every shipped member is a member in it). */
    static final int CTS_CYCLE = 2024;

    /** Bytes of disk a run needs per byte of generated file: the file, its landed copy, DuckDB spill, Parquet. */
    private static final double DISK_FACTOR = 2.6;

    private static final long ESTIMATED_BYTES_PER_ROW = 200;

    /** How often {@code --phases} samples the ingest thread. */
    private static final long SAMPLE_MILLIS = 10;

    private final BenchmarkOptions options;
    private final PrintStream progress;
    /** When the running validation started (System.nanoTime), or 0 outside one. */
    private long ingestStart;

    public IngestBenchmark(BenchmarkOptions options, PrintStream progress) {
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public static void main(String[] arguments) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkReport report;
        try {
            report = new IngestBenchmark(options, System.err).run();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("The benchmark could not run: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.print(report.format());
        System.exit(report.completed() ? 0 : 1);
    }

    /** Runs the whole benchmark and returns what it measured; the work directory is deleted unless --keep. */
    public BenchmarkReport run() throws IOException {
        Path work = workDirectory();
        log("work directory %s", work);
        try {
            return measure(work);
        } finally {
            if (!options.keep()) {
                deleteRecursively(work);
            }
        }
    }

    private BenchmarkReport measure(Path work) {
        Codelists codelists = Codelists.load();
        MemoryProbe probe = new MemoryProbe();
        List<Measurement> measurements = new ArrayList<>();
        List<StepTiming> steps = List.of();
        double profiledSeconds = 0;
        java.util.Map<String, Double> threadCpu = java.util.Map.of();
        java.util.Map<String, Double> threadWait = java.util.Map.of();
        double processCpu = 0;
        Optional<GeneratedFile> generated = Optional.empty();
        Optional<IngestResult> lastResult = Optional.empty();
        Optional<String> failure = Optional.empty();
        double generationSeconds = 0;
        try {
            if (options.sizedInBytes()) {
                log(
                        "writing a %s file of about %s ...",
                        options.kind().cliName(), BenchmarkReport.mebibytes(options.targetBytes()));
            } else {
                log("writing a %s file of %,d rows ...", options.kind().cliName(), options.rows());
            }
            long start = System.nanoTime();
            GeneratedFile file = SyntheticSubmission.write(
                    work.resolve("bench-" + options.kind().cliName() + ".csv"),
                    options.kind(),
                    options.rows(),
                    options.targetBytes(),
                    options.seed(),
                    codelists);
            generationSeconds = (System.nanoTime() - start) / 1e9;
            generated = Optional.of(file);
            log("  %,d rows, %s in %.1f s", file.rows(), BenchmarkReport.mebibytes(file.bytes()), generationSeconds);

            long warmupRows = Math.min(options.warmupRows(), file.rows());
            if (warmupRows > 0) {
                GeneratedFile warmup = SyntheticSubmission.write(
                        work.resolve("warmup-" + options.kind().cliName() + ".csv"),
                        options.kind(),
                        warmupRows,
                        0,
                        options.seed() + 1,
                        codelists);
                log("warm-up: %,d rows, twice through both", warmup.rows());
                for (int pass = 0; pass < 2; pass++) {
                    bare(warmup, 0, probe);
                    validate(warmup, 0, codelists, work, probe);
                }
                Files.delete(warmup.path());
            }

            for (int round = 1; round <= options.rounds(); round++) {
                List<Subject> order = round % 2 == 1
                        ? List.of(Subject.BARE, Subject.VALIDATION)
                        : List.of(Subject.VALIDATION, Subject.BARE);
                for (Subject subject : order) {
                    log("round %d: %s ...", round, subject.label());
                    if (subject == Subject.BARE) {
                        measurements.add(bare(file, round, probe));
                    } else {
                        Validated validated = validate(file, round, codelists, work, probe);
                        measurements.add(validated.measurement());
                        lastResult = Optional.of(validated.result());
                    }
                    Measurement last = measurements.get(measurements.size() - 1);
                    log("  %.2f s, %,.0f rows/s", last.seconds(), last.rowsPerSecond());
                }
            }
            if (options.phases()) {
                log("one more validation run, sampling its steps ...");
                StepSampler sampler = StepSampler.start(Thread.currentThread(), SAMPLE_MILLIS);
                Validated profiled;
                try {
                    profiled = validate(file, options.rounds() + 1, codelists, work, probe);
                } finally {
                    sampler.close();
                }
                steps = sampler.stop(profiled.measurement().nanos());
                threadCpu = sampler.cpuSeconds();
                threadWait = sampler.waitSeconds();
                processCpu = sampler.processCpuSeconds();
                profiledSeconds = profiled.measurement().seconds();
                log("  %.2f s", profiledSeconds);
            }
        } catch (ValidationFailure e) {
            failure = Optional.of(e.getMessage());
            lastResult = Optional.ofNullable(e.result);
        } catch (OutOfMemoryError e) {
            failure = Optional.of(where(e) + "OutOfMemoryError: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            failure = Optional.of(where(e) + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        boolean completed = failure.isEmpty() && !measurements.isEmpty();
        return new BenchmarkReport(
                options,
                generated,
                generationSeconds,
                measurements,
                steps,
                profiledSeconds,
                threadCpu,
                threadWait,
                processCpu,
                lastResult,
                completed,
                failure,
                probe.rssResettable(),
                probe.processResidentPeak(),
                Runtime.getRuntime().maxMemory(),
                runtime());
    }

    private Measurement bare(GeneratedFile file, int round, MemoryProbe probe) throws IOException {
        probe.reset();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        BareParse.Outcome outcome = BareParse.read(file);
        long nanos = System.nanoTime() - start;
        long cpuNanos = cpuNanos(cpuStart);
        if (outcome.rows() != file.rows()) {
            throw new IllegalStateException(
                    "The bare parse read %,d rows of %,d; the generated file is not what it should be"
                            .formatted(outcome.rows(), file.rows()));
        }
        return new Measurement(Subject.BARE, round, outcome.rows(), file.bytes(), nanos, cpuNanos, probe.peaks());
    }

    private record Validated(Measurement measurement, IngestResult result) {}

    private Validated validate(GeneratedFile file, int round, Codelists codelists, Path work, MemoryProbe probe)
            throws IOException {
        Path data = work.resolve("data-round-" + round);
        deleteRecursively(data);
        IngestService service = new IngestService(new DataDirectory(data), codelists);
        IngestRequest request = new IngestRequest(
                file.path(),
                file.kind().sourceKind(),
                Optional.empty(),
                cycle(),
                "bench",
                file.path().getFileName().toString());
        probe.reset();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        ingestStart = start;
        IngestResult result = service.ingest(request);
        long nanos = System.nanoTime() - start;
        long cpuNanos = cpuNanos(cpuStart);
        ingestStart = 0;
        MemoryProbe.Peaks peaks = probe.peaks();
        deleteRecursively(data);
        check(result, file);
        return new Validated(
                new Measurement(Subject.VALIDATION, round, result.rowsRead(), file.bytes(), nanos, cpuNanos, peaks),
                result);
    }

    /** The processor time of this process so far (every thread, native ones too), or -1 when unknown. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system
                ? system.getProcessCpuTime()
                : -1;
    }

    private static long cpuNanos(long start) {
        long end = processCpuNanos();
        return start < 0 || end < 0 ? -1 : end - start;
    }

    /**
     * Where a failure happened: the validation run's elapsed time, and the ingest step, from the deepest stack trace
     * of its causes that names one.
     */
    private String where(Throwable failure) {
        String elapsed = ingestStart == 0
                ? ""
                : String.format(Locale.ROOT, "after %.1f s of validation, ", (System.nanoTime() - ingestStart) / 1e9);
        String step = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String found = StepSampler.attribute(cause.getStackTrace());
            if (found != null) {
                step = found;
            }
        }
        if (step == null && elapsed.isEmpty()) {
            return "";
        }
        return "[" + elapsed + (step == null ? "step unknown" : "in step: " + step) + "] ";
    }

    private OptionalInt cycle() {
        return options.kind() == FileKind.CTS ? OptionalInt.of(CTS_CYCLE) : OptionalInt.empty();
    }

    /** The file must be accepted whole, with every row read and every out-of-scope row skipped with its reason. */
    private static void check(IngestResult result, GeneratedFile file) {
        Map<String, Long> skipped = result.rowsSkipped();
        long outOfScope = skipped.getOrDefault(ExclusionReason.OUT_OF_SCOPE_COUNTRY.code(), 0L);
        long unknown = skipped.getOrDefault(ExclusionReason.UNKNOWN_COUNTRY.code(), 0L);
        if (!result.accepted()
                || result.rowsRead() != file.rows()
                || result.rowsAccepted() != file.memberRows()
                || outOfScope != file.outOfScopeRows()
                || unknown != file.unknownCountryRows()) {
            throw new ValidationFailure(
                    "ingest returned %s with %,d rows read, %,d accepted, skipped %s, issues %s; expected accepted with %,d read, %,d accepted, %,d out of scope and %,d unknown"
                            .formatted(
                                    result.status(),
                                    result.rowsRead(),
                                    result.rowsAccepted(),
                                    skipped,
                                    result.issueCounts(),
                                    file.rows(),
                                    file.memberRows(),
                                    file.outOfScopeRows(),
                                    file.unknownCountryRows()),
                    result);
        }
    }

    private Path workDirectory() throws IOException {
        Path parent = options.directory()
                .orElse(Path.of(System.getProperty("java.io.tmpdir")))
                .toAbsolutePath();
        Files.createDirectories(parent);
        long expected = options.sizedInBytes()
                ? options.targetBytes()
                : Math.multiplyExact(options.rows(), ESTIMATED_BYTES_PER_ROW);
        long needed = (long) (expected * DISK_FACTOR);
        long usable = Files.getFileStore(parent).getUsableSpace();
        if (usable < needed) {
            throw new IllegalStateException(
                    "%s has %s free but this run needs about %s (the file, its landed copy and the staged Parquet); use --dir on a larger disk or fewer rows"
                            .formatted(parent, BenchmarkReport.mebibytes(usable), BenchmarkReport.mebibytes(needed)));
        }
        return Files.createTempDirectory(parent, "observatory-bench-");
    }

    private static String runtime() {
        return String.format(
                Locale.ROOT,
                "%s %s, %d CPUs, %s",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(argument -> argument.startsWith("-Xm") || argument.startsWith("-XX:+Use"))
                        .reduce((left, right) -> left + " " + right)
                        .orElse("default JVM options"));
    }

    private void log(String format, Object... arguments) {
        progress.println(String.format(Locale.ROOT, format, arguments));
        progress.flush();
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The file was not accepted as the generator wrote it: a benchmark of a failing ingest measures nothing. */
    private static final class ValidationFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient IngestResult result;

        ValidationFailure(String message, IngestResult result) {
            super(message);
            this.result = result;
        }
    }
}
