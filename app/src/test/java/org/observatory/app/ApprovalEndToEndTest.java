package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Invariant 7 end to end under the {@code required} policy, set in the data directory's settings file as an operator
 * would, with the server's own write side and pipeline runs started through the API as separate JVMs: a MEX
 * submission is not public after a run; approved, the next run publishes it; withdrawn, the next run removes its
 * values while its raw file stays. A COL submission approved from the start is the control.
 */
class ApprovalEndToEndTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String MEX_SERIES = "/api/v1/countries/MEX/indicators/intentional-homicide";
    private static final String COL_SERIES = "/api/v1/countries/COL/indicators/intentional-homicide";

    @TempDir
    Path temporary;

    @Test
    void aCountrysPartIsPublicOnlyBetweenItsApprovalAndItsWithdrawal() throws Exception {
        Path root = temporary.resolve("data");
        DataDirectory data = new DataDirectory(root);
        Files.createDirectories(root.resolve("config"));
        Files.writeString(
                root.resolve(DeploymentSettings.FILE),
                "approval-policy=required\npipeline-command="
                        + String.join(" ", childPipeline().command()) + "\n",
                StandardCharsets.UTF_8);
        String secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        String mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        String colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "COL");
        ApprovalPolicy policy = DeploymentSettings.load(data).approvalPolicy();
        assertThat(policy).isEqualTo(ApprovalPolicy.REQUIRED);

        try (ApiServer server = ApiServer.start(
                ApiConfig.of(data, CODELISTS).withSubmissions(ServeCommand.writeSide(data, CODELISTS, policy)),
                "127.0.0.1",
                0)) {
            WriteApi api = new WriteApi(server);
            Path mexFile = WriteApi.homicides(temporary, "mex.csv", "MEX,2020,36579", "MEX,2021,35700");
            String mex = json(api.submit(mexAnalyst, mexFile, "source", "cts"))
                    .get("submissionId")
                    .asText();
            String col = json(api.submit(
                            colAnalyst, WriteApi.homicides(temporary, "col.csv", "COL,2021,13709"), "source", "cts"))
                    .get("submissionId")
                    .asText();
            assertThat(api.post("/api/v1/submissions/%s/approve?country=COL".formatted(col), colAnalyst)
                            .statusCode())
                    .isEqualTo(200);

            // 1. submitted, not approved: a run publishes COL only
            JsonNode first = run(api, secretariat);
            assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("succeeded");
            awaitServing(api, first.get("snapshotId").asText());
            assertThat(counts(api, COL_SERIES)).containsExactly(13709.0);
            assertThat(counts(api, MEX_SERIES)).isEmpty();

            // 2. approved by MEX: the next run publishes it
            HttpResponse<String> approved =
                    api.post("/api/v1/submissions/%s/approve?country=MEX".formatted(mex), mexAnalyst);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(counts(api, MEX_SERIES))
                    .as("approval alone publishes nothing")
                    .isEmpty();
            JsonNode second = run(api, secretariat);
            assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("succeeded");
            assertThat(second.get("report").get("addedValues").asInt()).isPositive();
            awaitServing(api, second.get("snapshotId").asText());
            assertThat(counts(api, MEX_SERIES)).containsExactly(36579.0, 35700.0);

            // 3. withdrawn by MEX: the next run removes its values; the raw file stays
            HttpResponse<String> withdrawn =
                    api.post("/api/v1/submissions/%s/withdraw?country=MEX".formatted(mex), mexAnalyst);
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
            assertThat(json(withdrawn).get("effect").asText())
                    .isEqualTo("the next pipeline run removes MEX's values of this submission; the raw file stays");
            JsonNode third = run(api, secretariat);
            assertThat(third.get("status").asText()).as(third.toString()).isEqualTo("succeeded");
            assertThat(third.get("report").get("withdrawnValues").asInt()).isPositive();
            awaitServing(api, third.get("snapshotId").asText());
            assertThat(counts(api, MEX_SERIES)).isEmpty();
            assertThat(counts(api, COL_SERIES)).containsExactly(13709.0);
            HttpResponse<byte[]> raw = api.getBytes("/api/v1/submissions/%s/file".formatted(mex), mexAnalyst);
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.body()).isEqualTo(Files.readAllBytes(mexFile));

            // the earlier vintage still shows what was public then
            JsonNode vintage = json(
                    api.get(MEX_SERIES + "?vintage=" + second.get("snapshotId").asText(), null));
            assertThat(vintage.get("observations")).hasSize(2);

            JsonNode audit = json(api.get("/api/v1/audit", secretariat)).get("entries");
            assertThat(audit.findValuesAsText("action"))
                    .containsSubsequence(
                            "submission",
                            "submission",
                            "approval",
                            "pipeline-run",
                            "pipeline-run",
                            "approval",
                            "pipeline-run",
                            "pipeline-run",
                            "withdrawal",
                            "pipeline-run",
                            "pipeline-run");
        }
    }

    /** The pipeline in a child JVM as the server starts it (DuckDB, the test JVM's heap). */
    static PipelineLauncher childPipeline() {
        List<String> options = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx")) {
                options.add(argument);
            }
        }
        return LocalPipeline.launcher(options);
    }

    /** Starts a run as the secretariat and waits for it to finish; answers its final view. */
    static JsonNode run(WriteApi api, String secretariat) throws Exception {
        HttpResponse<String> started = api.post("/api/v1/pipeline-runs", secretariat);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json(started).get("runId").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = json(api.get("/api/v1/pipeline-runs/" + runId, secretariat));
            if (run.get("status").asText().matches("succeeded|failed")) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("pipeline run " + runId + " did not finish within 4 minutes");
    }

    /** Waits until the server serves the snapshot (it checks CURRENT twice a second). */
    static void awaitServing(WriteApi api, String snapshotId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode health = json(api.get("/health", null));
            if (snapshotId.equals(health.get("snapshotId").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not switch to snapshot " + snapshotId);
    }

    /** The counts of a series as an anonymous caller reads them, by year. */
    private static List<Double> counts(WriteApi api, String series) throws Exception {
        HttpResponse<String> response = api.get(series, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Double> counts = new ArrayList<>();
        for (JsonNode observation : json(response).get("observations")) {
            counts.add(observation.get("count").asDouble());
        }
        return counts;
    }
}
