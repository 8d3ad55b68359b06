package org.observatory.app;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.RunManifests;
import org.observatory.api.submission.PolicyChange;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;

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
        try (Registry registry = Registry.open(data, Message.of(CliMessage.REGISTRY_HINT_PIPELINE))) {
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
        try (Registry registry = Registry.open(data)) {
            registry.audit(IngestIntake.commandLineActor(), "pipeline-run", runId, outcome);
        } catch (ObservatoryException e) {
            if (e.errorCode() != ErrorCode.REGISTRY_IN_USE) {
                throw e;
            }
        }
    }

    /** The run report as text, for people, in the locale's language; {@code --format json} prints the record. */
    static String describe(RunReport report, Locale locale) {
        List<Message> lines = new ArrayList<>();
        lines.add(Message.of(
                CliMessage.RUN_PUBLISHED,
                "snapshot",
                report.snapshotId(),
                "previous",
                report.previousSnapshotId() == null
                        ? Message.of(CliMessage.NONE).in(locale)
                        : report.previousSnapshotId(),
                "seconds",
                String.format(locale, "%.1f", report.seconds()),
                "engine",
                report.engine()));
        lines.add(Message.of(
                CliMessage.RUN_ROWS,
                "in",
                report.rowsIn(),
                "out",
                report.rowsOut(),
                "excluded",
                report.rowsExcludedTotal(),
                "reasons",
                new TreeMap<>(report.rowsExcluded()).toString()));
        lines.add(Message.of(
                CliMessage.RUN_VALUES,
                "revised",
                report.changedValues(),
                "added",
                report.addedValues(),
                "withdrawn",
                report.withdrawnValues()));
        lines.add(Message.of(
                CliMessage.RUN_COUNTRIES,
                "recomputed",
                report.countriesRecomputed().size(),
                "countries",
                report.countriesRecomputed().toString(),
                "rows",
                report.rowsInRecomputed(),
                "carried",
                report.countriesCarriedOver().size()));
        lines.add(Message.of(
                CliMessage.RUN_SMALL_CELLS,
                "values",
                report.suppressedValues(),
                "threshold",
                report.smallCellThreshold()));
        if (!report.unmappedNationalCodes().isEmpty()) {
            lines.add(Message.of(
                    CliMessage.RUN_UNMAPPED, "codes", new TreeMap<>(report.unmappedNationalCodes()).toString()));
        }
        if (!report.orphansRemoved().isEmpty()) {
            lines.add(Message.of(
                    CliMessage.RUN_ORPHANS, "snapshots", report.orphansRemoved().toString()));
        }
        if (!report.snapshotsRemoved().isEmpty()) {
            lines.add(Message.of(
                    CliMessage.RUN_RETENTION,
                    "snapshots",
                    report.snapshotsRemoved().toString()));
        }
        report.warnings().forEach(warning -> lines.add(Message.of(CliMessage.RUN_WARNING, "warning", warning)));
        return lines.stream().map(line -> line.in(locale)).collect(Collectors.joining("\n"));
    }
}
