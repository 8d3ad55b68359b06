package org.observatory.app;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.RunManifests;
import org.observatory.api.submission.PolicyChange;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Starts a pipeline run the way DESIGN.md says processes meet: it writes the run manifest (the approved
 * submissions, from the registry's decisions under the approval policy) to {@code runs/<run-id>/manifest.json},
 * runs the pipeline on it in this process (DuckDB, or Spark in {@code local[*]}), and stores the run report next to
 * it.
 */
final class PipelineRunner {
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PipelineRunner() {}

    static RunReport run(DataDirectory data, Codelists codelists, ApprovalPolicy policy, EngineKind engine)
            throws IOException {
        return run(data, codelists, policy, RunSettings.DEFAULTS, PolicyChange.Confirmation.NOT_GIVEN, engine);
    }

    /**
     * Runs the pipeline on the accepted submissions whose parts the policy and the registry's decisions publish. The
     * registry is read (and the run audited) before the engine starts and closed while it runs; a server running on the
     * data directory holds the registry, and then this fails, pointing to {@code POST /api/v1/pipeline-runs}.
     *
     * @throws ObservatoryException {@code CONFLICT} when a change of the approval policy would unpublish values and
     *     {@code confirmation} does not confirm it ({@link PolicyChange})
     */
    static RunReport run(
            DataDirectory data,
            Codelists codelists,
            ApprovalPolicy policy,
            RunSettings settings,
            PolicyChange.Confirmation confirmation,
            EngineKind engine)
            throws IOException {
        String runId = "run-" + RUN_ID.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        RunManifest manifest;
        try (Registry registry = Registry.open(
                data,
                "If an observatory server runs on this data directory, start the run there with POST"
                        + " /api/v1/pipeline-runs and a secretariat token; otherwise wait until the other command"
                        + " has finished.")) {
            Approvals approvals = registry.approvals();
            manifest = RunManifests.build(
                            runId, data, new IngestService(data, codelists).acceptedSubmissions(), policy, approvals)
                    .withSettings(settings);
            Optional<PolicyChange> change = PolicyChange.check(data, manifest, policy, approvals, confirmation);
            registry.audit(
                    IngestIntake.commandLineActor(),
                    "pipeline-run",
                    runId,
                    "started a pipeline run from the command line, approval policy " + policy.settingName()
                            + change.map(confirmed -> "; " + confirmed.confirmed())
                                    .orElse(""));
        }
        Json.writeFile(data.runs().resolve(runId).resolve("manifest.json"), manifest);
        try (Engine running = Engines.open(engine)) {
            RunReport report = new PipelineJob(running, codelists).run(manifest);
            Json.writeFile(data.runs().resolve(runId).resolve("report.json"), report);
            auditOutcome(data, runId, "published snapshot " + report.snapshotId());
            return report;
        } catch (RuntimeException e) {
            auditOutcome(data, runId, "failed: " + e.getMessage());
            throw e;
        }
    }

    /** Records how a run ended, unless a server took the registry meanwhile (its log then lacks this line). */
    private static void auditOutcome(DataDirectory data, String runId, String outcome) {
        try (Registry registry = Registry.open(data, "")) {
            registry.audit(IngestIntake.commandLineActor(), "pipeline-run", runId, outcome);
        } catch (ObservatoryException e) {
            if (e.errorCode() != ErrorCode.REGISTRY_IN_USE) {
                throw e;
            }
        }
    }

    /** The run report as text, for people; {@code --format json} prints the record itself. */
    static String describe(RunReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Published snapshot %s (previous: %s) in %.1f s on %s%n"
                .formatted(
                        report.snapshotId(),
                        report.previousSnapshotId() == null ? "none" : report.previousSnapshotId(),
                        report.seconds(),
                        report.engine()));
        text.append("Rows: %d in = %d out + %d excluded %s%n"
                .formatted(
                        report.rowsIn(),
                        report.rowsOut(),
                        report.rowsExcludedTotal(),
                        new TreeMap<>(report.rowsExcluded())));
        text.append("Values against the previous snapshot: %d revised, %d added, %d withdrawn%n"
                .formatted(report.changedValues(), report.addedValues(), report.withdrawnValues()));
        text.append("Countries recomputed: %d %s (%d input rows); carried over unchanged: %d%n"
                .formatted(
                        report.countriesRecomputed().size(),
                        report.countriesRecomputed(),
                        report.rowsInRecomputed(),
                        report.countriesCarriedOver().size()));
        text.append("Small cells: %d indicator values below %d suppressed and flagged confidential%n"
                .formatted(report.suppressedValues(), report.smallCellThreshold()));
        if (!report.unmappedNationalCodes().isEmpty()) {
            text.append("Unmapped national codes (add them to the country's correspondence table): %s%n"
                    .formatted(new TreeMap<>(report.unmappedNationalCodes())));
        }
        if (!report.orphansRemoved().isEmpty()) {
            text.append("Removed unpublished snapshots of runs that died: %s%n".formatted(report.orphansRemoved()));
        }
        if (!report.snapshotsRemoved().isEmpty()) {
            text.append("Removed by retention: %s%n".formatted(report.snapshotsRemoved()));
        }
        report.warnings()
                .forEach(warning -> text.append("Warning: ").append(warning).append('\n'));
        return text.toString().stripTrailing();
    }
}
