package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Times {@code ./observatory pipeline run} as a user runs it: a new process (JVM start, Spark session, the run,
 * publication, exit) over a fresh data directory into which {@code ./observatory ingest} has just put one national
 * file. Both commands run through the repository's {@code observatory} script, which rebuilds nothing when the jar
 * is up to date (bench/pipeline/run builds first). The timed run is a user's usual one: a first run on a copy of the
 * data directory goes before it, which is the one that writes the script's class archive after a build (timed
 * too, and reported next to it).
 */
public final class CommandLineRun {
    private final Path observatory;

    public CommandLineRun(Path home) {
        this.observatory = requireNonNull(home, "home is null").resolve("observatory");
    }

    /**
     * What the processes took (ingest, the first pipeline run on a copy of the data directory, the timed pipeline
     * run), and the run report the timed run wrote.
     */
    public record Result(
            double ingestSeconds,
            double firstPipelineSeconds,
            double pipelineSeconds,
            RunReport report,
            boolean published) {}

    /** Ingests {@code file} for {@link NationalIncidentFile#COUNTRY} into {@code data}, then times the pipeline run. */
    public Result run(Path file, Path data, Path logs) throws IOException, InterruptedException {
        double ingest = time(
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
                logs.resolve("ingest.log"));
        Path copy = data.resolveSibling(data.getFileName() + "-first-run");
        copyTree(data, copy);
        double first = time(
                List.of(observatory.toString(), "pipeline", "run", "--data", copy.toString()),
                logs.resolve("pipeline-run-first.log"));
        double pipeline = time(
                List.of(observatory.toString(), "pipeline", "run", "--data", data.toString()),
                logs.resolve("pipeline-run.log"));
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
        return new Result(ingest, first, pipeline, report, current.equals(Optional.of(report.snapshotId())));
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
        long ram = ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "the JVM default max heap (a quarter of RAM, about %.1f GiB here)".formatted(ram / 4.0 / (1L << 30));
    }

    private static double time(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            throw new IllegalStateException("'%s' exited with %d after %.1f s; its output ends:%n  %s"
                    .formatted(String.join(" ", command), exit, seconds, tail));
        }
        return seconds;
    }
}
