package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.RunManifests;
import org.observatory.api.registry.RunStatus;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline runs the server starts: one at a time, each a separate process (see {@link PipelineLauncher}) handed
 * a run manifest built from the accepted submissions and the registry's approvals, written to
 * {@code runs/<run-id>/manifest.json}; the process answers with {@code runs/<run-id>/report.json} and logs to
 * {@code runs/<run-id>/pipeline.log}. The registry records each run's status; a run the server did not see finish
 * (it stopped meanwhile) is recorded as failed. Stopping the server stops a running pipeline (a killed run leaves
 * the published snapshot serving, invariant 4).
 */
public final class PipelineRuns implements AutoCloseable {
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String REPORT_FILE = "report.json";
    public static final String LOG_FILE = "pipeline.log";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuns.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DataDirectory data;
    private final Registry registry;
    private final SubmissionIntake intake;
    private final ApprovalPolicy policy;
    private final PipelineLauncher launcher;
    private Process active;
    private String activeRunId;
    private boolean closed;

    public PipelineRuns(
            DataDirectory data,
            Registry registry,
            SubmissionIntake intake,
            ApprovalPolicy policy,
            PipelineLauncher launcher) {
        this.data = requireNonNull(data, "data is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.intake = requireNonNull(intake, "intake is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        for (PipelineRunRecord unfinished : registry.unfinishedRuns()) {
            registry.saveRun(unfinished.finished(
                    RunStatus.FAILED,
                    Instant.now().toString(),
                    null,
                    null,
                    "the server stopped before the run finished; start a new run"));
        }
    }

    /**
     * Starts a run for the secretariat and answers with its record (status {@code running}).
     *
     * @throws ObservatoryException {@code CONFLICT} when a run is still going
     */
    public synchronized PipelineRunRecord start(Account requester) throws IOException {
        requireNonNull(requester, "requester is null");
        if (closed) {
            throw new ObservatoryException(ErrorCode.NOT_CONFIGURED, "The server is stopping; start the run again");
        }
        if (active != null && active.isAlive()) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    ("Pipeline run %s is still running; runs go one at a time. Follow it at GET /api/v1/pipeline-runs/%s"
                                    + " and start a new run when it has finished")
                            .formatted(activeRunId, activeRunId));
        }
        String runId = "run-" + RUN_ID.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        PipelineRunRecord queued = new PipelineRunRecord(
                runId, RunStatus.QUEUED, requester.accountId(), Instant.now().toString(), null, null, null, null, null);
        registry.saveRun(queued);
        Path directory = data.runs().resolve(runId);
        Files.createDirectories(directory);
        RunManifest manifest =
                RunManifests.build(runId, data, intake.acceptedSubmissions(), policy, registry.approvals());
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        JSON.writeValue(manifestFile.toFile(), manifest);
        long parts = manifest.submissions().stream()
                .mapToLong(submission -> submission.approvedCountries().size())
                .sum();
        registry.audit(
                requester.describe(),
                "pipeline-run",
                runId,
                "started a pipeline run on %d submission(s), %d approved country part(s), approval policy %s"
                        .formatted(manifest.submissions().size(), parts, policy.settingName()));
        Process process;
        try {
            process = launcher.start(manifestFile, directory.resolve(REPORT_FILE), directory.resolve(LOG_FILE));
        } catch (IOException e) {
            PipelineRunRecord failed = queued.finished(
                    RunStatus.FAILED,
                    Instant.now().toString(),
                    null,
                    null,
                    "the pipeline command could not be started (%s); check the server's pipeline command"
                            .formatted(e.getMessage()));
            registry.saveRun(failed);
            return failed;
        }
        PipelineRunRecord running = queued.running(Instant.now().toString());
        registry.saveRun(running);
        active = process;
        activeRunId = runId;
        process.onExit().thenAccept(exited -> finish(runId, exited));
        return running;
    }

    private synchronized void finish(String runId, Process process) {
        if (closed) {
            return;
        }
        Optional<PipelineRunRecord> run = registry.run(runId);
        if (run.isEmpty() || run.get().status().finished()) {
            return;
        }
        int exit = process.exitValue();
        Optional<JsonNode> report = report(runId);
        PipelineRunRecord finished;
        if (exit == 0 && report.isPresent()) {
            finished = run.get()
                    .finished(
                            RunStatus.SUCCEEDED,
                            Instant.now().toString(),
                            exit,
                            report.get().path("snapshotId").asText(null),
                            null);
        } else {
            finished = run.get().finished(RunStatus.FAILED, Instant.now().toString(), exit, null, failure(runId, exit));
        }
        registry.saveRun(finished);
        registry.audit(
                "pipeline",
                "pipeline-run",
                runId,
                finished.status() == RunStatus.SUCCEEDED
                        ? "published snapshot " + finished.snapshotId()
                        : "failed: " + finished.message());
        if (runId.equals(activeRunId)) {
            active = null;
            activeRunId = null;
        }
    }

    /** Why a run failed: the pipeline's one-line reason from its log, or its exit code. */
    private String failure(String runId, int exit) {
        Path log = data.runs().resolve(runId).resolve(LOG_FILE);
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            for (int index = lines.size() - 1; index >= 0; index--) {
                if (lines.get(index).startsWith("pipeline run failed:")) {
                    return lines.get(index) + " (exit code %d; the log is runs/%s/%s)".formatted(exit, runId, LOG_FILE);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot read the log of pipeline run {}", runId, e);
        }
        return "the pipeline process ended with exit code %d without a run report; see runs/%s/%s in the data directory"
                .formatted(exit, runId, LOG_FILE);
    }

    public Optional<PipelineRunRecord> find(String runId) {
        return registry.run(runId);
    }

    /** The run report the pipeline answered with, once it has. */
    public Optional<JsonNode> report(String runId) {
        Path report = data.runs().resolve(runId).resolve(REPORT_FILE);
        if (!runId.matches("run-[0-9A-Za-z-]+") || !Files.isRegularFile(report)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(report.toFile()));
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot read the report of pipeline run " + runId, e);
        }
    }

    /** Stops a running pipeline process and records its run as failed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (active != null && active.isAlive()) {
            active.destroy();
            try {
                if (!active.waitFor(20, TimeUnit.SECONDS)) {
                    active.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                active.destroyForcibly();
            }
            registry.run(activeRunId)
                    .ifPresent(run -> registry.saveRun(run.finished(
                            RunStatus.FAILED,
                            Instant.now().toString(),
                            null,
                            null,
                            "the server stopped during the run and stopped it; start a new run")));
        }
    }
}
