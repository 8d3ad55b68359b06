package org.observatory.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.pipeline.job.PublicationGate;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunReport;

/**
 * The pipeline's command line, for {@code java -jar} and {@code spark-submit}: {@code --manifest FILE --report
 * FILE [--parent-pid PID] [--engine duckdb|spark]}. Runs the {@link PipelineJob} on the run manifest and writes the
 * run report as JSON. The engine is DuckDB in this process unless {@code --engine spark} says otherwise or {@code
 * spark-submit} started the JVM ({@link Engines#defaultKind}).
 * With {@code --parent-pid} (the server passes its own), the run watches that process ({@link ParentWatch}) and,
 * when it ends, stops without publishing. Exit codes: 0 done, 1 the run failed (one line on standard error says
 * why), 2 wrong arguments, 3 the process that started the run ended, so the run stopped before publishing.
 */
public final class PipelineMain {
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int ORPHANED = 3;

    static final String USAGE_LINE =
            "usage: PipelineMain --manifest FILE --report FILE [--parent-pid PID] [--engine duckdb|spark]";

    private PipelineMain() {}

    public static void main(String[] args) {
        // the JVM's shutdown hooks stop Spark and remove its temporary files
        System.exit(run(args, System.out, System.err, Engines::open, () -> System.exit(ORPHANED)));
    }

    /**
     * Runs the pipeline and answers with the exit code; {@link #main} exits with it. With {@code --parent-pid}, the
     * run does not publish once that process has ended (and {@link #main} exits then).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Engines::open);
    }

    /**
     * Opens the engine of a run. Spark is written in Scala, which declares no checked exceptions but throws them (a
     * {@code SparkException} for a master URL it cannot parse, a {@code BindException} when no port is free).
     */
    @FunctionalInterface
    interface EngineFactory {
        Engine open(EngineKind kind) throws Exception;
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the engines of {@code engines}: tests fail them. */
    static int run(String[] args, PrintStream out, PrintStream err, EngineFactory engines) {
        return run(args, out, err, engines, () -> {});
    }

    /**
     * {@link #run(String[], PrintStream, PrintStream, EngineFactory)} that also runs {@code whenParentEnds} once the
     * process named by {@code --parent-pid} has ended.
     */
    static int run(String[] args, PrintStream out, PrintStream err, EngineFactory engines, Runnable whenParentEnds) {
        Optional<Arguments> arguments = Arguments.parse(args);
        if (arguments.isEmpty()) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        PublicationGate gate = PublicationGate.OPEN;
        AtomicBoolean stopSaid = new AtomicBoolean();
        if (arguments.get().parentPid().isPresent()) {
            long parentPid = arguments.get().parentPid().getAsLong();
            Optional<ParentWatch> watch = ParentWatch.start(parentPid, () -> {
                sayStopped(err, stopSaid, ParentWatch.endedMessage(parentPid).english());
                whenParentEnds.run();
            });
            if (watch.isEmpty()) {
                sayStopped(err, stopSaid, ParentWatch.endedMessage(parentPid).english());
                return ORPHANED;
            }
            gate = watch.get();
        }
        try {
            RunManifest manifest = JsonFiles.readRunManifest(arguments.get().manifest());
            Codelists codelists = Codelists.load();
            RunReport report;
            try (Engine engine = engines.open(arguments.get().engine())) {
                report = new PipelineJob(engine, codelists)
                        .publishingThrough(gate)
                        .run(manifest);
            }
            JsonFiles.write(arguments.get().report(), report);
            out.printf(
                    "snapshot %s published (engine %s): %d rows in, %d used, %d excluded; report %s%n",
                    report.snapshotId(),
                    report.engine(),
                    report.rowsIn(),
                    report.rowsOut(),
                    report.rowsExcludedTotal(),
                    arguments.get().report());
            return DONE;
        } catch (ObservatoryException e) {
            if (e.errorCode() == ErrorCode.RUN_ORPHANED) {
                sayStopped(err, stopSaid, oneLine(e));
                return ORPHANED;
            }
            err.println("pipeline run failed: " + oneLine(e));
            return FAILED;
        } catch (Exception e) {
            // checked ones too: whatever fails, the user gets one line and the exit code, never a stack trace
            err.println("pipeline run failed: " + oneLine(e));
            return FAILED;
        }
    }

    /** Says once why the run stopped: the watch and the refused publication may both find out. */
    private static void sayStopped(PrintStream err, AtomicBoolean said, String why) {
        if (said.compareAndSet(false, true)) {
            err.println("pipeline run stopped: " + why);
        }
    }

    static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        return message.strip().lines().findFirst().orElse(error.getClass().getName());
    }

    /** The parsed command line. */
    record Arguments(Path manifest, Path report, OptionalLong parentPid, EngineKind engine) {
        Arguments {
            requireNonNull(manifest, "manifest is null");
            requireNonNull(report, "report is null");
            requireNonNull(parentPid, "parentPid is null");
            requireNonNull(engine, "engine is null");
        }

        static Optional<Arguments> parse(String[] args) {
            if (args == null || args.length % 2 != 0) {
                return Optional.empty();
            }
            Path manifest = null;
            Path report = null;
            OptionalLong parentPid = OptionalLong.empty();
            EngineKind engine = Engines.defaultKind();
            for (int index = 0; index < args.length; index += 2) {
                try {
                    switch (args[index]) {
                        case "--manifest" -> manifest = Path.of(args[index + 1]);
                        case "--report" -> report = Path.of(args[index + 1]);
                        case "--parent-pid" -> parentPid = OptionalLong.of(Long.parseLong(args[index + 1]));
                        case "--engine" -> {
                            Optional<EngineKind> kind = EngineKind.of(args[index + 1]);
                            if (kind.isEmpty()) {
                                return Optional.empty();
                            }
                            engine = kind.get();
                        }
                        default -> {
                            return Optional.empty();
                        }
                    }
                } catch (InvalidPathException | NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (Engines.submittedBySpark()) {
                // spark-submit always runs the Spark engine: the cluster is what it was submitted to
                engine = EngineKind.SPARK;
            }
            return manifest == null || report == null
                    ? Optional.empty()
                    : Optional.of(new Arguments(manifest, report, parentPid, engine));
        }
    }
}
