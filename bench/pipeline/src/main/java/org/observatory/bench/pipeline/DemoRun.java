package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Times {@code ./observatory demo} on an empty data directory (it loads the sample data, runs the pipeline and
 * serves) from the start of the process until {@code GET /health} answers 200, with the load average before and
 * after, then stops the process and every process it started.
 */
final class DemoRun {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final Path observatory;

    DemoRun(Path home) {
        this.observatory = requireNonNull(home, "home is null").resolve("observatory");
    }

    record Result(double seconds, int port, String loadBefore, String loadAfter) {}

    Result run(Path data, Path log) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(log.getParent());
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(List.of(
                        observatory.toString(), "demo", "--data", data.toString(), "--port", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "./observatory demo exited with %d before /health answered; see %s:%n  %s"
                                    .formatted(process.exitValue(), log, tail(log)));
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        return new Result(seconds, port, loadBefore, Machine.loadAverage());
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() - started > LIMIT.toNanos()) {
                    throw new IllegalStateException("./observatory demo did not answer /health within %d s; see %s"
                            .formatted(LIMIT.toSeconds(), log));
                }
                Thread.sleep(50);
            }
        } finally {
            ChildProcess.stopTree(process);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
