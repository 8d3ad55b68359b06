package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.NO_INGEST;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.get;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.AuditEntry;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.RunStatus;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.schemas.storage.DataDirectory;

/**
 * What a server starting on a data directory that a killed server left finds and settles, on a real server: the
 * pipeline runs the killed server started and never saw end are recorded from what they left (their run report, the
 * warehouse's publication log, or nothing) and audited, after their process has ended; and the files that killed
 * uploads left in the upload folder are removed, except those of live processes. (The kill itself, with a real
 * pipeline JVM, is in the app module's {@code KilledServerTest}.)
 */
class ServerRestartTest {
    /** A pipeline that must not be started by these tests. */
    private static final PipelineLauncher NEVER =
            new PipelineLauncher(List.of("false", "never started", PipelineLauncher.MANIFEST));

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;

    @BeforeEach
    void createSecretariat() {
        data = dataDirectory(root);
        secretariat = addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
    }

    @Test
    void aRunThatPublishedBeforeTheServerWasKilledIsRecordedAsSucceededFromItsReport() throws Exception {
        new SnapshotFixture(data)
                .writeAndPublish("snap-a", false, List.of(IndicatorRow.total("JAM", 2021, "x", 1, null)));
        unfinishedRun("run-a", "2026-11-22T09:00:00Z");
        Files.writeString(
                data.runs().resolve("run-a").resolve(PipelineRuns.REPORT_FILE),
                "{\"runId\": \"run-a\", \"snapshotId\": \"snap-a\"}",
                StandardCharsets.UTF_8);

        try (ApiServer server = start(NEVER)) {
            JsonNode run = read(server, "/api/v1/pipeline-runs/run-a");

            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(run.get("snapshotId").asText()).isEqualTo("snap-a");
            assertThat(run.get("snapshotId").asText())
                    .isEqualTo(data.currentSnapshotId().orElseThrow());
        }
        assertThat(audit("run-a")).containsExactly("pipeline: published snapshot snap-a");
    }

    @Test
    void aRunKilledBetweenPublishingAndItsReportIsFoundInThePublicationLog() throws Exception {
        // the fixture's manifest names run "run-<snapshot id>"
        new SnapshotFixture(data)
                .writeAndPublish("snap-b", false, List.of(IndicatorRow.total("JAM", 2021, "x", 1, null)));
        new SnapshotFixture(data)
                .writeAndPublish("snap-c", false, List.of(IndicatorRow.total("JAM", 2021, "x", 2, null)));
        unfinishedRun("run-snap-b", "2026-11-22T09:00:00Z");

        try (ApiServer server = start(NEVER)) {
            JsonNode run = read(server, "/api/v1/pipeline-runs/run-snap-b");

            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(run.get("snapshotId").asText()).isEqualTo("snap-b");
        }
        assertThat(audit("run-snap-b")).containsExactly("pipeline: published snapshot snap-b");
    }

    @Test
    void aRunThatDidNotPublishIsRecordedAsFailedAndAudited() throws Exception {
        new SnapshotFixture(data)
                .writeAndPublish("snap-d", false, List.of(IndicatorRow.total("JAM", 2021, "x", 1, null)));
        unfinishedRun("run-d", Instant.now().toString());

        try (ApiServer server = start(NEVER)) {
            JsonNode run = read(server, "/api/v1/pipeline-runs/run-d");

            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.get("snapshotId").isNull()).isTrue();
            assertThat(run.get("message").asText())
                    .isEqualTo("the server stopped before the run finished, and the run did not publish; start a new"
                            + " run");
        }
        assertThat(audit("run-d"))
                .containsExactly("pipeline: failed: the server stopped before the run finished, and the run did not"
                        + " publish; start a new run");
        assertThat(data.currentSnapshotId()).contains("snap-d");
    }

    @Test
    void aStartingServerWaitsForTheProcessOfAnUnfinishedRunBeforeRecordingIt() throws Exception {
        new SnapshotFixture(data).write("snap-e", false, List.of(IndicatorRow.total("JAM", 2021, "x", 1, null)));
        unfinishedRun("run-e", "2026-11-22T09:00:00Z");
        Path report = data.runs().resolve("run-e").resolve(PipelineRuns.REPORT_FILE);
        // the killed server's pipeline, still finishing: it publishes and reports a moment later
        Process orphan = new ProcessBuilder(
                        "sh",
                        "-c",
                        "sleep 2; printf 'snap-e\\n' > \"$1/CURRENT\"; printf '{\"snapshotId\": \"snap-e\"}' > \"$2\"",
                        "orphan",
                        data.warehouse().toString(),
                        report.toString())
                .start();
        Files.writeString(
                data.runs().resolve("run-e").resolve(PipelineRuns.PROCESS_FILE),
                "{\"pid\": %d, \"startedAt\": %s}"
                        .formatted(
                                orphan.pid(),
                                orphan.info()
                                        .startInstant()
                                        .map(instant -> "\"" + instant + "\"")
                                        .orElse("null")),
                StandardCharsets.UTF_8);

        try (ApiServer server = start(NEVER)) {
            assertThat(orphan.isAlive())
                    .as("the server started only once the run's process had ended")
                    .isFalse();
            JsonNode run = read(server, "/api/v1/pipeline-runs/run-e");

            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(run.get("snapshotId").asText()).isEqualTo("snap-e");
        }
        assertThat(data.currentSnapshotId()).contains("snap-e");
    }

    @Test
    void crashLeftoversOfDeadProcessesAreRemovedAtStart() throws Exception {
        Path uploads = data.registry().resolve("uploads");
        Files.createDirectories(uploads);
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path ofDeadProcess = Files.writeString(uploads.resolve("upload-" + dead.pid() + "-123.part"), "x");
        Path ofLiveProcess = Files.writeString(
                uploads.resolve("upload-"
                        + ProcessHandle.current().parent().orElseThrow().pid() + "-456.part"),
                "x");
        Path withoutProcess = Files.writeString(uploads.resolve("upload-789.part"), "x");
        Path jettyMultipart = Files.writeString(uploads.resolve("MultiPart12345678"), "x");

        try (ApiServer server = start(NEVER)) {
            assertThat(ofDeadProcess).doesNotExist();
            assertThat(withoutProcess).doesNotExist();
            assertThat(jettyMultipart).doesNotExist();
            assertThat(ofLiveProcess).exists();
        }
        try (Stream<Path> left = Files.list(uploads)) {
            assertThat(left.toList()).containsExactly(ofLiveProcess);
        }
    }

    /** A run the killed server recorded as running, with its directory. */
    private void unfinishedRun(String runId, String requestedAt) throws Exception {
        Files.createDirectories(data.runs().resolve(runId));
        try (Registry registry = Registry.open(data)) {
            registry.saveRun(new PipelineRunRecord(
                            runId, RunStatus.QUEUED, "acct-test", requestedAt, null, null, null, null, null)
                    .running(requestedAt));
        }
    }

    /** The audit entries about a run other than its start, as {@code actor: detail}. */
    private List<String> audit(String runId) {
        try (Registry registry = Registry.open(data)) {
            return registry.auditLog().stream()
                    .filter(entry -> entry.target() != null && entry.target().equals(runId))
                    .map((AuditEntry entry) -> entry.actor() + ": " + entry.detail())
                    .toList();
        }
    }

    private ApiServer start(PipelineLauncher launcher) {
        return WriteSideSupport.start(
                data, SubmissionsConfig.NONE.withIntake(NO_INGEST).withPipeline(launcher));
    }

    /** What the secretariat reads at {@code path}, which must answer 200. */
    private JsonNode read(ApiServer server, String path) throws Exception {
        HttpResponse<String> response = send(server, get(path, secretariat));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
