package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the server starts a pipeline run as a separate process: a command line in which {@value #MANIFEST} and
 * {@value #REPORT} stand for the run manifest to read and the run report to write, and {@value #SERVER_PID} for the
 * server's process id (the pipeline's {@code --parent-pid}: the run stops before publishing when the server is
 * gone). The app's default runs the pipeline in a local JVM; a cluster deployment configures a {@code spark-submit}
 * command instead. The process's standard output and error go to a log file next to the manifest.
 */
public record PipelineLauncher(List<String> command) {
    public static final String MANIFEST = "{manifest}";
    public static final String REPORT = "{report}";
    public static final String SERVER_PID = "{server-pid}";

    public PipelineLauncher {
        command = List.copyOf(requireNonNull(command, "command is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the pipeline command is empty; give a program and its arguments");
        }
        if (command.stream().noneMatch(argument -> argument.contains(MANIFEST))) {
            throw new IllegalArgumentException(
                    "the pipeline command %s does not name the run manifest; put %s where the manifest's path goes"
                            .formatted(command, MANIFEST));
        }
    }

    /** Starts the command for a manifest and report, its output appended to {@code log}. */
    public Process start(Path manifest, Path report, Path log) throws IOException {
        String serverPid = Long.toString(ProcessHandle.current().pid());
        List<String> arguments = command.stream()
                .map(argument -> argument.replace(MANIFEST, manifest.toString())
                        .replace(REPORT, report.toString())
                        .replace(SERVER_PID, serverPid))
                .toList();
        return new ProcessBuilder(arguments)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
