package org.observatory.app;

import java.util.concurrent.Callable;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.api.submission.PolicyChange;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatory pipeline run}: normalises every approved submission (under the deployment's approval policy,
 * {@code config/observatory.properties}) and publishes a new snapshot. After a change of the approval policy, a run
 * that would unpublish values needs {@code --confirm-policy-change}.
 */
@Command(
        name = "pipeline",
        description = "Run the batch pipeline.",
        mixinStandardHelpOptions = true,
        subcommands = PipelineCommand.Run.class)
final class PipelineCommand {
    @Command(
            name = "run",
            description = "Normalise approved submissions and publish a new snapshot atomically. Only the countries"
                    + " whose inputs changed since the published snapshot are recomputed; the others are carried"
                    + " over.",
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--small-cell-threshold",
                paramLabel = "N",
                description = "Suppress (and flag confidential) counts of incident-level data below N"
                        + " (default: ${DEFAULT-VALUE}; 0 suppresses nothing).",
                defaultValue = "" + RunSettings.DEFAULT_SMALL_CELL_THRESHOLD)
        int smallCellThreshold;

        @Option(
                names = "--keep-snapshots",
                paramLabel = "N",
                description = "Keep only the N most recent published snapshots, the new one included (default:"
                        + " ${DEFAULT-VALUE}, keep all). A snapshot stays while it was current less than 15"
                        + " minutes ago or a reader leases it.",
                defaultValue = "0")
        int keepSnapshots;

        @Option(
                names = "--engine",
                paramLabel = "duckdb|spark",
                description = "The engine that runs the pipeline: duckdb, in this process (the default, or what the"
                        + " settings file's pipeline-engine says), or spark, in local[*] or on the master of"
                        + " -Dspark.master.")
        String engine;

        @Option(
                names = PolicyChange.CONFIRM_OPTION,
                description = "Run even though the approval policy changed since the published snapshot and the run"
                        + " unpublishes the values of parts their countries have not approved (without it, such a"
                        + " run is refused and says how many values it would unpublish).")
        boolean confirmPolicyChange;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (smallCellThreshold < 0 || keepSnapshots < 0) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), CliLanguage.text(spec, CliMessage.PIPELINE_NEGATIVE_OPTIONS));
            }
            RunSettings settings = RunSettings.DEFAULTS
                    .withSmallCellThreshold(smallCellThreshold)
                    .withKeepSnapshots(keepSnapshots);
            DeploymentSettings deployment = DeploymentSettings.load(common.dataDirectory());
            RunReport report = PipelineRunner.run(
                    common.dataDirectory(),
                    common.codelists(),
                    deployment.approvalPolicy(),
                    settings,
                    confirmPolicyChange ? PolicyChange.Confirmation.GIVEN : PolicyChange.Confirmation.NOT_GIVEN,
                    EngineOption.resolve(spec, engine, deployment));
            spec.commandLine()
                    .getOut()
                    .println(
                            common.format() == OutputFormat.json
                                    ? Json.write(report)
                                    : PipelineRunner.describe(report, CliLanguage.of(spec)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
