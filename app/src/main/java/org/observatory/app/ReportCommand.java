package org.observatory.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.report.ReportFormat;
import org.observatory.api.report.ResponseDeadlines;
import org.observatory.api.report.ResponseRateReport;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.schemas.storage.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code observatory report response-rates --cycle YEAR}: the secretariat's response-rate and completeness report of
 * a UN-CTS cycle over the published snapshot, printed as text, CSV, JSON or HTML (the same report the API serves at
 * {@code /api/v1/reports/response-rates}), in the language of {@code --lang}. It reads the snapshot only, so it runs
 * while the server runs.
 */
@Command(
        name = "report",
        description = "Reports for the secretariat over the published snapshot.",
        mixinStandardHelpOptions = true,
        subcommands = ReportCommand.ResponseRates.class)
final class ReportCommand {
    @Command(
            name = "response-rates",
            description = "Who replied to a UN-CTS cycle, on time or late, how completely, by subregion, with the"
                    + " change against the previous cycle and the trend over every cycle.",
            mixinStandardHelpOptions = true)
    static final class ResponseRates implements Callable<Integer> {
        // Not the CommonOptions mixin: its --format takes text|json for every command, this one also csv and html.
        @Mixin
        DataOptions location;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                defaultValue = "text")
        ReportFormat format;

        @Option(names = "--cycle", required = true, paramLabel = "YEAR", description = "The UN-CTS cycle, e.g. 2010.")
        int cycle;

        @Option(
                names = "--deadlines",
                paramLabel = "FILE",
                description = "Reply deadlines, a CSV file 'cycle,deadline' (YYYY-MM-DD); default: "
                        + ResponseDeadlines.DEFAULT_FILE + " in the data directory when it exists. Without a"
                        + " deadline for the cycle, timeliness is not assessed.")
        Path deadlines;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!ResponseRateReporter.isCycle(cycle)) {
                throw new ParameterException(
                        spec.commandLine(),
                        CliLanguage.text(
                                spec,
                                CliMessage.REPORT_CYCLE_INVALID,
                                "cycle",
                                String.valueOf(cycle),
                                "earliest",
                                String.valueOf(ResponseRateReporter.EARLIEST_CYCLE),
                                "latest",
                                String.valueOf(ResponseRateReporter.LATEST_CYCLE)));
            }
            DataDirectory directory = location.dataDirectory();
            ResponseDeadlines configured =
                    deadlines == null ? ResponseDeadlines.of(directory) : ResponseDeadlines.read(deadlines);
            ResponseRateReport report;
            try (SnapshotRepository repository =
                    SnapshotRepository.open(directory, ApiConfig.DEFAULT_SNAPSHOT_CHECK_INTERVAL)) {
                report = new ResponseRateReporter(repository, location.codelists())
                        .report(repository.requireCurrent(), cycle, configured);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.render(report, CliLanguage.of(spec)));
            out.flush();
            return 0;
        }
    }
}
