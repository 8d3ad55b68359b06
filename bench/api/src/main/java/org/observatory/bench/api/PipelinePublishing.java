package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The real publication path, through the {@code observatory} command as separate processes: {@code observatory
 * demo} loads the synthetic sample data and publishes the first snapshot (then stops), {@code observatory accounts
 * add} makes a secretariat account, and {@code observatory serve} serves the data directory. A publication is what
 * the secretariat does: it uploads a revised national file for Jamaica ({@code POST /api/v1/submissions}; the
 * sample file with Windows line endings, same values) and starts a pipeline run ({@code POST
 * /api/v1/pipeline-runs}), which the server runs in a child JVM (Spark, {@code local[*]}); the run recomputes
 * Jamaica, carries the other countries over and replaces {@code CURRENT}.
 */
final class PipelinePublishing implements PublishingServer {
    static final String REVISED_FILE = "sample-data/data/national/synthetic-jam-aggregated-2015-2023.csv";
    private static final String READY = "Observatory API ready at ";
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path observatory;
    private final Path work;
    private final DataDirectory data;
    private final Process server;
    private final URI base;
    private final String token;
    private final List<String> series;

    private PipelinePublishing(
            Path observatory, Path work, DataDirectory data, Process server, URI base, String token) {
        this.observatory = requireNonNull(observatory, "observatory is null");
        this.work = requireNonNull(work, "work is null");
        this.data = requireNonNull(data, "data is null");
        this.server = requireNonNull(server, "server is null");
        this.base = requireNonNull(base, "base is null");
        this.token = requireNonNull(token, "token is null");
        this.series = discoverSeries(base);
    }

    /**
     * Prepares {@code work/data} with the {@code observatory} command (the script at the repository's root, which
     * builds the platform when needed) and starts the server on a free port.
     */
    static PipelinePublishing start(Path observatory, Path work, PrintStream progress) {
        if (!Files.isExecutable(observatory)) {
            throw new IllegalArgumentException(
                    ("The pipeline publisher runs the observatory command, but %s is not an executable file; start the"
                                    + " benchmark with bench/api/run, or give --observatory PATH to the repository's"
                                    + " observatory script")
                            .formatted(observatory));
        }
        DataDirectory data = new DataDirectory(work.resolve("data"));
        String dataOption = data.root().toString();
        progress.println("Loading the sample data and publishing the first snapshot (observatory demo, Spark) ...");
        Process demo = launch(observatory, work.resolve("demo.log"), "demo", "--data", dataOption, "--port", "0");
        awaitReady(demo, work.resolve("demo.log"), "observatory demo");
        stop(demo);
        String token = secretariatToken(observatory, work, dataOption);
        progress.println("Starting observatory serve ...");
        Process server = launch(observatory, work.resolve("server.log"), "serve", "--data", dataOption, "--port", "0");
        try {
            URI base = awaitReady(server, work.resolve("server.log"), "observatory serve");
            return new PipelinePublishing(observatory, work, data, server, base, token);
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        }
    }

    private static Process launch(Path observatory, Path log, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(observatory.toString());
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the server's ready line in its log; answers the base address it names. */
    private static URI awaitReady(Process process, Path log, String what) {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                for (String line : lines) {
                    int at = line.indexOf(READY);
                    if (at >= 0) {
                        String address = line.substring(at + READY.length()).strip();
                        return URI.create(address.substring(0, address.indexOf("/api/v1")) + "/");
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("%s ended with exit code %d before serving; its output:%n%s"
                            .formatted(what, process.exitValue(), tail(lines)));
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
        stop(process);
        throw new IllegalStateException(
                "%s did not serve within %d minutes; see %s".formatted(what, SETUP_TIMEOUT.toMinutes(), log));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** SIGTERM (the server's shutdown hook stops it cleanly), then SIGKILL after 30 s. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String secretariatToken(Path observatory, Path work, String dataOption) {
        Path log = work.resolve("accounts.log");
        Process process = launch(
                observatory, log, "accounts", "add", "--role", "secretariat", "--data", dataOption, "--format", "json");
        try {
            int status = process.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IllegalStateException(
                        "observatory accounts add ended with exit code %d: %s".formatted(status, output.strip()));
            }
            JsonNode account = MAPPER.readTree(output.substring(output.indexOf('{')));
            return account.path("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the secretariat account", e);
        }
    }

    /** Every country x indicator series the published snapshot has, in a fixed shuffled order. */
    private static List<String> discoverSeries(URI base) {
        List<String> paths = new ArrayList<>();
        for (JsonNode country :
                json(send(base, "GET", "/api/v1/countries", null, null, null)).path("countries")) {
            String iso3 = country.path("iso3").asText();
            for (JsonNode indicator : json(send(
                            base, "GET", "/api/v1/countries/" + iso3 + "/indicators", null, null, null))
                    .path("indicators")) {
                paths.add("/api/v1/countries/" + iso3 + "/indicators/"
                        + indicator.path("code").asText());
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException("The served snapshot has no series; the sample data did not publish");
        }
        Collections.shuffle(paths, new Random(42));
        return List.copyOf(paths);
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public Path currentPointer() {
        return data.currentPointer();
    }

    @Override
    public List<String> seriesPaths() {
        return series;
    }

    @Override
    public String description() {
        return "the real pipeline: a revised national file uploaded and POST /api/v1/pipeline-runs on `observatory"
                + " serve`, which runs the pipeline (Spark, local[*]) in a child JVM";
    }

    @Override
    public Publication publish() {
        long started = System.nanoTime();
        String submission = uploadRevision();
        JsonNode run = json(send(base, "POST", "/api/v1/pipeline-runs", token, null, null));
        String runId = run.path("runId").asText();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String status = run.path("status").asText();
            if (status.equals("succeeded")) {
                JsonNode report = run.path("report");
                return new Publication(
                        run.path("snapshotId").asText(),
                        ("submission %s uploaded, pipeline run %s: recomputed %s, carried %d countries over; upload and"
                                        + " run took %.1f s (the run's own report: %.1f s)")
                                .formatted(
                                        submission,
                                        runId,
                                        String.join(" ", texts(report.path("countriesRecomputed"))),
                                        report.path("countriesCarriedOver").size(),
                                        (System.nanoTime() - started) / 1e9,
                                        report.path("seconds").asDouble()));
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("Pipeline run %s failed: %s (its log: %s)"
                        .formatted(runId, run.path("message").asText(), work.resolve("data/runs/" + runId)));
            }
            sleep(250);
            run = json(send(base, "GET", "/api/v1/pipeline-runs/" + runId, token, null, null));
        }
        throw new IllegalStateException(
                "Pipeline run %s did not finish within %d minutes".formatted(runId, RUN_TIMEOUT.toMinutes()));
    }

    /** The sample JAM file with CRLF line endings: other bytes, so a new submission that revises JAM's scopes. */
    private String uploadRevision() {
        Path home = observatory.toAbsolutePath().getParent();
        Path sample = home.resolve(REVISED_FILE);
        try {
            String text = Files.readString(sample, StandardCharsets.UTF_8);
            byte[] revised = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            String boundary = "bench-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            field(body, boundary, "source", "national");
            field(body, boundary, "country", "JAM");
            body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                            + "Content-Type: text/csv\r\n\r\n")
                    .formatted(boundary, sample.getFileName())
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(revised);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            JsonNode answer = json(send(
                    base,
                    "POST",
                    "/api/v1/submissions",
                    token,
                    "multipart/form-data; boundary=" + boundary,
                    body.toByteArray()));
            return answer.path("submissionId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                .formatted(boundary, name, value)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(
            URI base, String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "%s %s answered %d: %s".formatted(method, path, response.statusCode(), response.body()));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop(server);
    }
}
