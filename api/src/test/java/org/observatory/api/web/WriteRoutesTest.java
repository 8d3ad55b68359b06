package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.NO_INGEST;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.get;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.post;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The write routes that need no ingest service, on a real server: authentication (401 with a Bearer challenge),
 * the secretariat-only routes (403 naming why), accounts, the audit log, the upload limit (413), a server without
 * the ingest service (503), and pipeline runs started as a separate process (a small shell command standing in for
 * the pipeline: it checks the manifest and writes a report). Submissions through the real ingest service are tested
 * in the app module.
 */
class WriteRoutesTest {
    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;
    private String mexAnalyst;

    @BeforeEach
    void createAccounts() {
        data = dataDirectory(root);
        secretariat = addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
        mexAnalyst = addAccount(data, Role.ANALYST, Optional.of("MEX")).token();
    }

    private ApiServer start(SubmissionsConfig submissions) {
        return WriteSideSupport.start(data, submissions);
    }

    @Test
    void anonymousAndBadTokensGetA401WithABearerChallenge() throws Exception {
        try (ApiServer server = start(SubmissionsConfig.NONE.withIntake(NO_INGEST))) {
            HttpResponse<String> anonymous = send(server, post("/api/v1/submissions/sub-x/approve?country=MEX", null));
            HttpResponse<String> badToken =
                    send(server, post("/api/v1/submissions/sub-x/approve?country=MEX", mexAnalyst + "x"));
            HttpResponse<String> otherScheme = send(
                    server,
                    request("/api/v1/audit")
                            .header("Authorization", "Basic dXNlcjpwYXNz")
                            .GET());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"observatory\"");
            assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(json(anonymous).get("detail").asText())
                    .isEqualTo("Send 'Authorization: Bearer <token>' with the token of your account to approve a"
                            + " country's part of a submission; the secretariat creates accounts");
            assertThat(badToken.statusCode()).isEqualTo(401);
            assertThat(badToken.headers().firstValue("WWW-Authenticate"))
                    .contains("Bearer realm=\"observatory\", error=\"invalid_token\"");
            assertThat(json(badToken).get("detail").asText())
                    .isEqualTo("The bearer token matches no account; check that you copied the whole token, or ask"
                            + " the secretariat for a new account");
            assertThat(otherScheme.statusCode()).isEqualTo(401);
            assertThat(json(otherScheme).get("detail").asText())
                    .isEqualTo("The Authorization header must be 'Bearer <token>' with the token of your account");
        }
    }

    @Test
    void onlyTheSecretariatCreatesAccountsAndReadsTheAuditLogWhichNeverHoldsAToken() throws Exception {
        try (ApiServer server = start(SubmissionsConfig.NONE.withIntake(NO_INGEST))) {
            HttpResponse<String> byAnalyst =
                    send(server, post("/api/v1/accounts", mexAnalyst, "{\"role\": \"secretariat\"}"));
            HttpResponse<String> created = send(
                    server, post("/api/v1/accounts", secretariat, "{\"role\": \"analyst\", \"country\": \"col\"}"));
            HttpResponse<String> notMember = send(
                    server, post("/api/v1/accounts", secretariat, "{\"role\": \"analyst\", \"country\": \"FRA\"}"));
            HttpResponse<String> unknownField = send(
                    server,
                    post("/api/v1/accounts", secretariat, "{\"role\": \"analyst\", \"country\": \"COL\", \"x\": 1}"));
            HttpResponse<String> auditByAnalyst = send(server, get("/api/v1/audit", mexAnalyst));

            assertThat(byAnalyst.statusCode()).isEqualTo(403);
            assertThat(json(byAnalyst).get("detail").asText())
                    .isEqualTo("Only the secretariat can create accounts; a MEX analyst cannot");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode account = json(created);
            assertThat(account.get("role").asText()).isEqualTo("analyst");
            assertThat(account.get("country").asText()).isEqualTo("COL");
            String colToken = account.get("token").asText();
            assertThat(colToken).startsWith(account.get("accountId").asText() + ".");
            assertThat(notMember.statusCode()).isEqualTo(400);
            assertThat(json(notMember).get("detail").asText())
                    .isEqualTo("'FRA' is not a member state of this deployment; give the ISO alpha-3 code of a member"
                            + " state, e.g. MEX");
            assertThat(json(unknownField).get("detail").asText())
                    .isEqualTo("Unknown field 'x'; an account has the fields role, country and expires");
            assertThat(auditByAnalyst.statusCode()).isEqualTo(403);
            assertThat(json(auditByAnalyst).get("detail").asText())
                    .isEqualTo("Only the secretariat can read the audit log; a MEX analyst cannot");

            // the new token works at once: a COL analyst is not the secretariat either
            HttpResponse<String> auditByNewAccount = send(server, get("/api/v1/audit", colToken));
            assertThat(json(auditByNewAccount).get("detail").asText())
                    .isEqualTo("Only the secretariat can read the audit log; a COL analyst cannot");

            HttpResponse<String> audit = send(server, get("/api/v1/audit", secretariat));
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).doesNotContain(colToken, secretariat, mexAnalyst);
            JsonNode last = json(audit).get("entries").get(2);
            assertThat(last.get("action").asText()).isEqualTo("account");
            assertThat(last.get("actor").asText()).endsWith("(secretariat)");
            assertThat(last.get("detail").asText())
                    .isEqualTo("created analyst account %s (analyst COL)"
                            .formatted(account.get("accountId").asText()));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anUploadAboveTheLimitGetsA413SayingTheLimitAndHowToProceed() throws Exception {
        byte[] large = "x".repeat(300_000).getBytes(StandardCharsets.UTF_8);
        try (ApiServer server =
                start(SubmissionsConfig.NONE.withIntake(NO_INGEST).withUploadLimitBytes(100_000))) {
            Multipart body = Multipart.of("big.csv", large, "source", "cts");
            HttpResponse<String> declared = send(
                    server,
                    request("/api/v1/submissions")
                            .header("Authorization", "Bearer " + secretariat)
                            .header("Content-Type", body.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
            HttpResponse<String> chunked = send(
                    server,
                    request("/api/v1/submissions")
                            .header("Authorization", "Bearer " + secretariat)
                            .header("Content-Type", body.contentType())
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new ByteArrayInputStream(body.bytes()))));

            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(declared.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(json(declared).get("detail").asText())
                    .isEqualTo("The upload is %d bytes; this server accepts files up to 100000 bytes. Split the file"
                                    .formatted(body.bytes().length)
                            + " (e.g. one file per year or per country) and upload the parts, or ask the operators"
                            + " to raise upload-limit-megabytes");
            assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
            assertThat(json(chunked).get("detail").asText())
                    .startsWith("The upload is above the limit; this server accepts files up to 100000 bytes.");
            assertThat(Files.exists(data.landing())).isFalse();
        }
    }

    @Test
    void aServerWithoutTheIngestServiceSaysHowToSubmitInstead() throws Exception {
        try (ApiServer server = start(SubmissionsConfig.NONE)) {
            Multipart body = Multipart.of("mex.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), "source", "national");
            HttpResponse<String> response = send(
                    server,
                    request("/api/v1/submissions")
                            .header("Authorization", "Bearer " + mexAnalyst)
                            .header("Content-Type", body.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("This server was started without the ingest service and takes no submissions; start"
                            + " it with './observatory serve', or ingest with './observatory ingest' while no server"
                            + " runs");
        }
    }

    @Test
    void pipelineRunsAreSeparateProcessesOneAtATimeWithTheirStatusAndReport() throws Exception {
        Path release = root.resolve("release");
        // stands in for the pipeline: waits for the test's go-ahead, checks the manifest, answers with a report
        PipelineLauncher launcher = new PipelineLauncher(List.of(
                "sh",
                "-c",
                "while [ ! -f \"$3\" ]; do sleep 0.1; done; grep -q '\"submissions\" : \\[ \\]' \"$1\""
                        + " && printf '{\"snapshotId\": \"snap-test\", \"rowsIn\": 0}' > \"$2\"",
                "pipeline",
                PipelineLauncher.MANIFEST,
                PipelineLauncher.REPORT,
                release.toString()));
        try (ApiServer server =
                start(SubmissionsConfig.NONE.withIntake(NO_INGEST).withPipeline(launcher))) {
            HttpResponse<String> byAnalyst = send(server, post("/api/v1/pipeline-runs", mexAnalyst));
            assertThat(byAnalyst.statusCode()).isEqualTo(403);
            assertThat(json(byAnalyst).get("detail").asText())
                    .isEqualTo("Only the secretariat can start pipeline runs; a MEX analyst cannot");

            HttpResponse<String> started = send(server, post("/api/v1/pipeline-runs", secretariat));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String runId = json(started).get("runId").asText();
            assertThat(json(started).get("status").asText()).isEqualTo("running");
            assertThat(started.headers().firstValue("Location")).contains("/api/v1/pipeline-runs/" + runId);
            assertThat(data.runs().resolve(runId).resolve("manifest.json")).exists();

            HttpResponse<String> second = send(server, post("/api/v1/pipeline-runs", secretariat));
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(json(second).get("detail").asText())
                    .isEqualTo("Pipeline run %s is still running; runs go one at a time. Follow it at GET"
                                    .formatted(runId)
                            + " /api/v1/pipeline-runs/%s and start a new run when it has finished".formatted(runId));
            assertThat(json(send(server, get("/api/v1/pipeline-runs/" + runId, secretariat)))
                            .get("status")
                            .asText())
                    .isEqualTo("running");

            Files.writeString(release, "go");
            JsonNode finished = awaitFinished(server, runId);
            assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("succeeded");
            assertThat(finished.get("snapshotId").asText()).isEqualTo("snap-test");
            assertThat(finished.get("exitCode").asInt()).isZero();
            assertThat(finished.get("report").get("rowsIn").asInt()).isZero();

            HttpResponse<String> unknown = send(server, get("/api/v1/pipeline-runs/run-nope", secretariat));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).get("detail").asText())
                    .isEqualTo("No pipeline run 'run-nope' started through this API; POST /api/v1/pipeline-runs"
                            + " answers run ids");
        }
    }

    @Test
    void aFailedRunSaysWhyFromThePipelinesOwnLine() throws Exception {
        PipelineLauncher launcher = new PipelineLauncher(List.of(
                "sh",
                "-c",
                "echo 'starting'; echo 'pipeline run failed: Conservation violated for MEX'; exit 1",
                "pipeline",
                PipelineLauncher.MANIFEST));
        try (ApiServer server =
                start(SubmissionsConfig.NONE.withIntake(NO_INGEST).withPipeline(launcher))) {
            String runId = json(send(server, post("/api/v1/pipeline-runs", secretariat)))
                    .get("runId")
                    .asText();

            JsonNode finished = awaitFinished(server, runId);

            assertThat(finished.get("status").asText()).isEqualTo("failed");
            assertThat(finished.get("exitCode").asInt()).isEqualTo(1);
            assertThat(finished.get("message").asText())
                    .isEqualTo("pipeline run failed: Conservation violated for MEX (exit code 1; the log is runs/%s/"
                                    .formatted(runId)
                            + "pipeline.log)");
            assertThat(finished.get("report").isNull()).isTrue();
        }
    }

    @Test
    void stoppingTheServerStopsARunningPipelineAndRecordsItAsFailed() throws Exception {
        PipelineLauncher launcher =
                new PipelineLauncher(List.of("sh", "-c", "sleep 300", "pipeline", PipelineLauncher.MANIFEST));
        String runId;
        ProcessHandle pipeline;
        try (ApiServer server =
                start(SubmissionsConfig.NONE.withIntake(NO_INGEST).withPipeline(launcher))) {
            runId = json(send(server, post("/api/v1/pipeline-runs", secretariat)))
                    .get("runId")
                    .asText();
            pipeline = ProcessHandle.current()
                    .children()
                    .filter(ProcessHandle::isAlive)
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(pipeline.isAlive()).isFalse();
        try (Registry registry = Registry.open(data)) {
            var run = registry.run(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(org.observatory.api.registry.RunStatus.FAILED);
            assertThat(run.message()).isEqualTo("the server stopped during the run and stopped it; start a new run");
        }
    }

    private JsonNode awaitFinished(ApiServer server, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = json(send(server, get("/api/v1/pipeline-runs/" + runId, secretariat)));
            if (run.get("status").asText().matches("succeeded|failed")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not finish within a minute");
    }

    /** A multipart/form-data body: one file field named {@code file} and text fields. */
    record Multipart(String boundary, byte[] bytes) {
        static Multipart of(String fileName, byte[] content, String... fields) throws Exception {
            String boundary = "observatory-test-boundary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int index = 0; index < fields.length; index += 2) {
                body.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                                .formatted(boundary, fields[index], fields[index + 1]))
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                            + "Content-Type: text/csv\r\n\r\n")
                    .formatted(boundary, fileName)
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write("\r\n--%s--\r\n".formatted(boundary).getBytes(StandardCharsets.UTF_8));
            return new Multipart(boundary, body.toByteArray());
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }
}
