package org.observatory.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code observatory serve} in a new JVM, as the operator starts it, for tests that need a server process. */
final class ServeProcess {
    /** The line {@code serve} prints once it listens. */
    static final String READY = "Observatory API ready at ";

    private ServeProcess() {}

    /**
     * The command of {@code observatory serve} with the given options in a new JVM of at most {@code maxHeap} (e.g.
     * {@code 256m}), on this test's class path; the caller chooses where its output goes and starts it.
     */
    static ProcessBuilder command(String maxHeap, String... options) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-cp",
                System.getProperty("java.class.path"),
                ObservatoryCommand.class.getName(),
                "serve"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command);
    }

    /** The first line in which the server (started with its errors in its output) says where it listens, if any. */
    static Optional<String> readyLine(Process server) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        return output.lines().filter(line -> line.startsWith(READY)).findFirst();
    }
}
