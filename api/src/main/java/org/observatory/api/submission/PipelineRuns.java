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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.observatory.api.query.SnapshotManifests;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.RunManifests;
import org.observatory.api.registry.RunStatus;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline runs the server starts: one at a time, each a separate process (see {@link PipelineLauncher}) handed
 * a run manifest built from the accepted submissions and the registry's approvals, written to
 * {@code runs/<run-id>/manifest.json}; the process answers with {@code runs/<run-id>/report.json} and logs to
 * {@code runs/<run-id>/pipeline.log}, and {@code runs/<run-id>/process.json} names it. The registry records each
 * run's status. Stopping the server stops a running pipeline (a killed run leaves the published snapshot serving,
 * invariant 4).
 *
 * <p>A server that was killed cannot record how its runs ended, so on start it reconciles every run it had left
 * unfinished: it waits for the run's process to end (the pipeline watches the server and stops before publishing
 * when the server is gone; one that does not end is killed, and its warehouse lock goes with it), then records the
 * run as succeeded with its snapshot when the run report or the warehouse's publication log shows that it
 * published, and as failed otherwise, and audits either.
 */
public final class PipelineRuns implements AutoCloseable {
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String REPORT_FILE = "report.json";
    public static final String LOG_FILE = "pipeline.log";
    public static final String PROCESS_FILE = "process.json";
    /** How long a starting server waits for the process of a run it had left to end by itself. */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(60);

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
        reconcile();
    }

    /** Records how the runs ended that a server before this one started and did not see end. */
    private void reconcile() {
        for (PipelineRunRecord unfinished : registry.unfinishedRuns()) {
            awaitEndOfProcess(unfinished.runId());
            record(
                    unfinished,
                    null,
                    "the server stopped before the run finished, and the run did not publish; start a new run");
        }
    }

    /**
     * Waits for the process of a run that a stopped server started, if it still runs: it notices that the server is
     * gone and stops before publishing; one that has not ended after {@link #ORPHAN_GRACE} is killed.
     */
    private void awaitEndOfProcess(String runId) {
        Optional<ProcessHandle> process = process(runId);
        if (process.isEmpty()) {
            return;
        }
        LOG.info(
                "Waiting for the process {} of pipeline run {} to end",
                process.get().pid(),
                runId);
        try {
            process.get().onExit().get(ORPHAN_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn(
                    "Killing the process {} of pipeline run {}: it did not end",
                    process.get().pid(),
                    runId);
            process.get().destroyForcibly();
            try {
                process.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException killed) {
                LOG.warn(
                        "The process {} of pipeline run {} did not end when killed",
                        process.get().pid(),
                        runId);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            LOG.warn("Cannot wait for the process of pipeline run {}", runId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The still running process of a run, as {@code process.json} names it (its id and start time). */
    private Optional<ProcessHandle> process(String runId) {
        Path file = data.runs().resolve(runId).resolve(PROCESS_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode process = JSON.readTree(file.toFile());
            String startedAt = process.path("startedAt").asText("");
            return ProcessHandle.of(process.path("pid").asLong(-1))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> startedAt.isEmpty()
                            || handle.info()
                                    .startInstant()
                                    .map(instant -> instant.toString().equals(startedAt))
                                    .orElse(true));
        } catch (IOException e) {
            LOG.warn("Cannot read {}", file, e);
            return Optional.empty();
        }
    }

    /** Writes {@code process.json}: the run's process id and start time. */
    private void describeProcess(Path directory, Process process) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("pid", process.pid());
        description.put(
                "startedAt",
                process.info().startInstant().map(Instant::toString).orElse(null));
        try {
            JSON.writeValue(directory.resolve(PROCESS_FILE).toFile(), description);
        } catch (IOException e) {
            LOG.warn("Cannot write {} of pipeline run {}", PROCESS_FILE, directory.getFileName(), e);
        }
    }

    /**
     * Records a run whose process has ended: succeeded with its snapshot when it published (its report, or else
     * the warehouse's publication log, says so), failed with {@code failure} otherwise; and audits it.
     */
    private void record(PipelineRunRecord run, Integer exit, String failure) {
        Optional<String> snapshot = publishedSnapshot(run);
        PipelineRunRecord finished = snapshot.isPresent()
                ? run.finished(RunStatus.SUCCEEDED, Instant.now().toString(), exit, snapshot.get(), null)
                : run.finished(RunStatus.FAILED, Instant.now().toString(), exit, null, failure);
        registry.saveRun(finished);
        registry.audit(
                "pipeline",
                "pipeline-run",
                run.runId(),
                finished.status() == RunStatus.SUCCEEDED
                        ? "published snapshot " + finished.snapshotId()
                        : "failed: " + finished.message());
    }

    /**
     * The snapshot a run published: the one its report names, or else the published snapshot (in {@code
     * PUBLISHED} or {@code CURRENT}) whose manifest names the run, for a run that ended between publishing and
     * writing its report.
     */
    private Optional<String> publishedSnapshot(PipelineRunRecord run) {
        Optional<String> reported = report(run.runId())
                .map(report -> report.path("snapshotId").asText(""))
                .filter(id -> !id.isEmpty());
        if (reported.isPresent()) {
            return reported;
        }
        Instant requested = Instant.parse(run.requestedAt());
        List<String> published = new ArrayList<>(data.publishedSnapshotIds());
        Collections.reverse(published);
        for (String snapshotId : published) {
            SnapshotManifest manifest;
            try {
                manifest = SnapshotManifests.read(data.snapshot(snapshotId));
            } catch (ObservatoryException e) {
                continue; // removed by retention, or broken: not this run's
            }
            if (manifest.runId().equals(run.runId())) {
                return Optional.of(snapshotId);
            }
            if (createdBefore(manifest, requested)) {
                return Optional.empty(); // older snapshots were made before the run was asked for
            }
        }
        return Optional.empty();
    }

    /** Starts a run for the secretariat as {@link #start(Account, PolicyChange.Confirmation)} without confirmation. */
    public PipelineRunRecord start(Account requester) throws IOException {
        return start(requester, PolicyChange.Confirmation.NOT_GIVEN);
    }

    /**
     * Starts a run for the secretariat and answers with its record (status {@code running}).
     *
     * @param confirmation whether the run may unpublish the values that a change of the approval policy leaves out
     *     ({@link PolicyChange})
     * @throws ObservatoryException {@code CONFLICT} when a run is still going, or when a change of the approval
     *     policy would unpublish values and is not confirmed
     */
    public synchronized PipelineRunRecord start(Account requester, PolicyChange.Confirmation confirmation)
            throws IOException {
        requireNonNull(requester, "requester is null");
        requireNonNull(confirmation, "confirmation is null");
        if (closed) {
            throw new ObservatoryException(ErrorCode.NOT_CONFIGURED, Message.of(ApiMessage.SERVER_STOPPING));
        }
        if (active != null && active.isAlive()) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT, Message.of(ApiMessage.RUN_STILL_RUNNING, "id", activeRunId));
        }
        String runId = "run-" + RUN_ID.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Approvals approvals = registry.approvals();
        RunManifest manifest = RunManifests.build(runId, data, intake.acceptedSubmissions(), policy, approvals);
        Optional<PolicyChange> policyChange = PolicyChange.check(data, manifest, policy, approvals, confirmation);
        PipelineRunRecord queued = new PipelineRunRecord(
                runId, RunStatus.QUEUED, requester.accountId(), Instant.now().toString(), null, null, null, null, null);
        registry.saveRun(queued);
        Path directory = data.runs().resolve(runId);
        Files.createDirectories(directory);
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        JSON.writeValue(manifestFile.toFile(), manifest);
        long parts = manifest.submissions().stream()
                .mapToLong(submission -> submission.approvedCountries().size())
                .sum();
        registry.audit(
                requester.describe(),
                "pipeline-run",
                runId,
                "started a pipeline run on %d submission(s), %d approved country part(s), approval policy %s%s"
                        .formatted(
                                manifest.submissions().size(),
                                parts,
                                policy.settingName(),
                                policyChange
                                        .map(change -> "; " + change.confirmed())
                                        .orElse("")));
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
        describeProcess(directory, process);
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
        record(run.get(), exit, failure(runId, exit));
        if (runId.equals(activeRunId)) {
            active = null;
            activeRunId = null;
        }
    }

    private static boolean createdBefore(SnapshotManifest manifest, Instant moment) {
        try {
            return Instant.parse(manifest.createdAt()).isBefore(moment);
        } catch (DateTimeParseException e) {
            return false;
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
        if (active == null) {
            return;
        }
        boolean stopped = active.isAlive();
        if (stopped) {
            active.destroy();
            try {
                if (!active.waitFor(20, TimeUnit.SECONDS)) {
                    active.destroyForcibly();
                    active.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                active.destroyForcibly();
            }
        }
        registry.run(activeRunId).filter(run -> !run.status().finished()).ifPresent(run -> {
            Integer exit = active.isAlive() ? null : active.exitValue();
            record(
                    run,
                    exit,
                    stopped || exit == null
                            ? "the server stopped during the run and stopped it; start a new run"
                            : failure(run.runId(), exit));
        });
    }
}
