package org.observatory.app;

import java.util.concurrent.Callable;
import org.observatory.schemas.record.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code observatory pipeline run}: normalises every approved submission and publishes a new snapshot. */
@Command(
        name = "pipeline",
        description = "Run the batch pipeline.",
        mixinStandardHelpOptions = true,
        subcommands = PipelineCommand.Run.class)
final class PipelineCommand {
    @Command(
            name = "run",
            description = "Normalise approved submissions and publish a new snapshot atomically.",
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RunReport report = PipelineRunner.run(common.dataDirectory(), common.codelists(), ApprovalPolicy.AUTOMATIC);
            spec.commandLine()
                    .getOut()
                    .println(
                            common.format() == OutputFormat.json
                                    ? Json.write(report)
                                    : PipelineRunner.describe(report));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
