package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.StagedRows;

/**
 * Times {@code ./observatory pipeline run} as a user runs it: a new process (JVM start, the engine, the run,
 * publication, exit) over a fresh data directory into which {@code ./observatory ingest} has just put one national
 * file, beside its reference: a fresh JVM that only runs DuckDB's bare aggregation of the same staged rows ({@link
 * DuckDbReference#main}), once before and once after the timed run (their mean is the reference). A first pipeline
 * run on a copy of the data directory goes before, which after a build writes the script's class archive (timed
 * too). The load average is read before and after the timed run.
 */
public final class CommandLineRun {
    private final Path observatory;
    private final Optional<String> engine;

    public CommandLineRun(Path home, Optional<String> engine) {
        this.observatory = requireNonNull(home, "home is null").resolve("observatory");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** What the processes took, the run report of the timed run, and the load averages around it. */
    public record Result(
            double ingestSeconds,
            double firstPipelineSeconds,
            double pipelineSeconds,
            double referenceBefore,
            double referenceAfter,
            RunReport report,
            boolean published,
            String loadBefore,
            String loadAfter) {
        /** The mean of the two reference runs. */
        public double referenceSeconds() {
            return (referenceBefore + referenceAfter) / 2;
        }
    }

    /** Ingests {@code file} for {@link NationalIncidentFile#COUNTRY} into {@code data}, then times the pipeline run. */
    public Result run(Path file, Path data, Path logs) throws IOException, InterruptedException {
        double ingest = ChildProcess.run(
                        List.of(
                                observatory.toString(),
                                "ingest",
                                file.toString(),
                                "--source",
                                "national",
                                "--country",
                                NationalIncidentFile.COUNTRY,
                                "--data",
                                data.toString()),
                        logs.resolve("ingest.log"))
                .seconds();
        List<String> staged = stagedFiles(new DataDirectory(data));
        Path copy = data.resolveSibling(data.getFileName() + "-first-run");
        copyTree(data, copy);
        double first = ChildProcess.run(pipelineRun(copy), logs.resolve("pipeline-run-first.log"))
                .seconds();
        double before = reference(staged, data.resolveSibling("reference-1"), logs.resolve("reference-1.log"));
        String loadBefore = Machine.loadAverage();
        double pipeline = ChildProcess.run(pipelineRun(data), logs.resolve("pipeline-run.log"))
                .seconds();
        String loadAfter = Machine.loadAverage();
        double after = reference(staged, data.resolveSibling("reference-2"), logs.resolve("reference-2.log"));
        DataDirectory directory = new DataDirectory(data);
        RunReport report;
        try (Stream<Path> reports = Files.find(directory.runs(), 2, (path, attributes) -> path.getFileName()
                .toString()
                .equals("report.json"))) {
            Path found = reports.findFirst()
                    .orElseThrow(() -> new IllegalStateException("./observatory pipeline run wrote no run report under "
                            + directory.runs() + "; see " + logs.resolve("pipeline-run.log")));
            report = JsonFiles.read(found, RunReport.class);
        }
        Optional<String> current = directory.currentSnapshotId();
        return new Result(
                ingest,
                first,
                pipeline,
                before,
                after,
                report,
                current.equals(Optional.of(report.snapshotId())),
                loadBefore,
                loadAfter);
    }

    private List<String> pipelineRun(Path data) {
        List<String> command =
                new ArrayList<>(List.of(observatory.toString(), "pipeline", "run", "--data", data.toString()));
        engine.ifPresent(name -> command.addAll(List.of("--engine", name)));
        return command;
    }

    /** The reference: a fresh JVM that aggregates the staged rows with DuckDB and exits. */
    private static double reference(List<String> staged, Path output, Path log)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(output.toString());
        args.add(output.resolveSibling(output.getFileName() + "-spill").toString());
        args.addAll(staged);
        return ChildProcess.run(ChildProcess.java(List.of(), DuckDbReference.class, args), log)
                .seconds();
    }

    /** The staged Parquet files that ingest wrote. */
    private static List<String> stagedFiles(DataDirectory data) throws IOException {
        try (Stream<Path> files = Files.find(data.staging(), 3, (path, attributes) -> path.getFileName()
                .toString()
                .equals(StagedRows.FILE_NAME))) {
            List<String> found = files.map(Path::toString).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException(
                        "./observatory ingest staged no " + StagedRows.FILE_NAME + " under " + data.staging());
            }
            return found;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** The JVM heap the command line runs with: OBSERVATORY_JAVA_OPTS, or the JVM's default. */
    public static String heapSetting() {
        String options = System.getenv("OBSERVATORY_JAVA_OPTS");
        if (options != null && options.contains("-Xmx")) {
            return "OBSERVATORY_JAVA_OPTS=" + options.strip();
        }
        return "the JVM's default max heap";
    }
}
