package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/**
 * {@code kill -9} of the server during a pipeline run (defect 2 of issue 14): the server is a real {@code observatory
 * serve} process and its runs are child JVMs, as in production. Killed while its run starts, the server leaves an
 * orphan that stops by itself without publishing; the restarted server records the run as failed, the audit log says
 * so and {@code CURRENT} is unchanged, and the next run takes the warehouse lock and publishes. Killed after its run
 * published but before it saw the run end (the server is frozen with SIGSTOP meanwhile, so it records nothing), the
 * restarted server records the run as succeeded with the snapshot that {@code CURRENT} names, and audits it.
 */
class KilledServerTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("Observatory API ready at (\\S+)/api/v1/countries");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path temporary;

    private final List<Process> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        for (Process server : servers) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void killingTheServerMidRunLeavesNoOrphanThatPublishesAndTheRegistryAuditAndCurrentAgree() throws Exception {
        Path root = temporary.resolve("data");
        DataDirectory data = new DataDirectory(root);
        Files.createDirectories(root.resolve("config"));
        Files.writeString(
                root.resolve(DeploymentSettings.FILE),
                "pipeline-command="
                        + String.join(" ", ApprovalEndToEndTest.childPipeline().command()) + "\n",
                StandardCharsets.UTF_8);
        String secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        IngestResult ingested = new IngestService(data, CODELISTS)
                .ingest(IngestRequest.of(
                        WriteApi.homicides(temporary, "jam.csv", "JAM,2020,1323", "JAM,2021,1463"),
                        SourceKind.CTS,
                        Optional.empty(),
                        OptionalInt.empty()));
        assertThat(ingested.accepted()).as(ingested.issues().toString()).isTrue();

        // 1. the server is killed as soon as its run's JVM exists: the orphan stops by itself, without publishing
        Server first = serve(root, "first");
        String killedRun = startRun(first, secretariat);
        ProcessHandle orphan = pipelineOf(first);
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing is recorded
        first.process().waitFor(30, TimeUnit.SECONDS);
        assertThat(orphan.onExit().get(2, TimeUnit.MINUTES).isAlive())
                .as("the orphaned pipeline stopped by itself")
                .isFalse();
        assertThat(data.currentSnapshotId()).as("the orphan published nothing").isEmpty();
        assertThat(data.publishedSnapshotIds()).isEmpty();
        assertThat(Files.readString(data.runs().resolve(killedRun).resolve("pipeline.log")))
                .contains(("pipeline run stopped: the process that started this pipeline run (pid %d, the server) has"
                                + " ended, so the run stopped before publishing and CURRENT is unchanged")
                        .formatted(first.process().pid()));

        // 2. the restarted server records the run as failed, and a new run takes the lock and publishes
        Server second = serve(root, "second");
        JsonNode failed = run(second, secretariat, killedRun);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("snapshotId").isNull()).isTrue();
        assertThat(failed.get("message").asText())
                .isEqualTo("the server stopped before the run finished, and the run did not publish; start a new run");
        assertThat(auditOf(second, secretariat, killedRun))
                .containsExactly(
                        "started a pipeline run on 1 submission(s), 1 approved country part(s), approval policy"
                                + " automatic",
                        "failed: the server stopped before the run finished, and the run did not publish; start a"
                                + " new run");
        assertThat(data.currentSnapshotId()).isEmpty();

        // 3. the server is frozen while its run publishes, then killed: it never saw the run end
        String publishedRun = startRun(second, secretariat);
        ProcessHandle pipeline = pipelineOf(second);
        signal("-STOP", second.process().pid());
        Path report = data.runs().resolve(publishedRun).resolve("report.json");
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!Files.isRegularFile(report) && pipeline.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(report)
                .as("the run went on while the server was frozen, and reported")
                .isRegularFile();
        second.process().destroyForcibly();
        second.process().waitFor(30, TimeUnit.SECONDS);
        pipeline.onExit().get(2, TimeUnit.MINUTES);
        String snapshotId = JSON.readTree(report.toFile()).get("snapshotId").asText();
        assertThat(data.currentSnapshotId()).contains(snapshotId);

        // 4. the restarted server records it as succeeded with that snapshot, audits it, and serves it
        Server third = serve(root, "third");
        JsonNode succeeded = run(third, secretariat, publishedRun);
        assertThat(succeeded.get("status").asText()).isEqualTo("succeeded");
        assertThat(succeeded.get("snapshotId").asText()).isEqualTo(snapshotId);
        assertThat(auditOf(third, secretariat, publishedRun))
                .containsExactly(
                        "started a pipeline run on 1 submission(s), 1 approved country part(s), approval policy"
                                + " automatic",
                        "published snapshot " + snapshotId);
        assertThat(data.currentSnapshotId()).contains(snapshotId);
        assertThat(data.publishedSnapshotIds()).containsExactly(snapshotId);
        JsonNode health = JSON.readTree(get(third, "/health", null).body());
        assertThat(health.get("snapshotId").asText()).isEqualTo(snapshotId);
    }

    /** A running {@code observatory serve} process and the base URI it printed. */
    private record Server(Process process, String base) {}

    /** Starts {@code observatory serve} on a free port in a new JVM and waits until it says where it listens. */
    private Server serve(Path root, String name) throws Exception {
        Path log = temporary.resolve("server-" + name + ".log");
        Process process = ServeProcess.command("384m", "--data", root.toString(), "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        servers.add(process);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (ready.find()) {
                return new Server(process, ready.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server ended with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start within 2 minutes: " + Files.readString(log));
    }

    private String startRun(Server server, String secretariat) throws Exception {
        HttpResponse<String> started = send(server, "/api/v1/pipeline-runs", secretariat, true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return JSON.readTree(started.body()).get("runId").asText();
    }

    /** The pipeline JVM the server started (its only descendant). */
    private static ProcessHandle pipelineOf(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = server.process().descendants().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the server started no pipeline process");
    }

    private JsonNode run(Server server, String secretariat, String runId) throws Exception {
        HttpResponse<String> response = get(server, "/api/v1/pipeline-runs/" + runId, secretariat);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The audit log's details about a run, oldest first. */
    private List<String> auditOf(Server server, String secretariat, String runId) throws Exception {
        HttpResponse<String> response = get(server, "/api/v1/audit", secretariat);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode entries = body.isArray() ? body : body.get("entries");
        return StreamSupport.stream(entries.spliterator(), false)
                .filter(entry -> runId.equals(entry.path("target").asText()))
                .map(entry -> entry.get("detail").asText())
                .toList();
    }

    private HttpResponse<String> get(Server server, String path, String token) throws Exception {
        return send(server, path, token, false);
    }

    private HttpResponse<String> send(Server server, String path, String token, boolean post) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
        assertThat(kill.waitFor()).as("kill %s %d", signal, pid).isZero();
    }
}
