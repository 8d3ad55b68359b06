package org.observatory.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.observatory.api.registry.Registry;
import org.observatory.api.submission.ReportLanguage;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code observatory ingest FILE --source KIND}: validates a file, lands it, stages it when it has no error and
 * records the submission in the registry (which a running server holds: then it points to {@code POST
 * /api/v1/submissions}).
 */
@Command(
        name = "ingest",
        description = "Validate a file and, when it has no error, stage it for the next pipeline run.",
        mixinStandardHelpOptions = true)
final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "file", description = "The file to ingest.")
    Path file;

    @Option(
            names = "--source",
            required = true,
            paramLabel = "KIND",
            description = "cts, national, population, sdmx-csv or correspondence.")
    String source;

    @Option(
            names = "--country",
            paramLabel = "ISO3",
            description = "The submitting country (required for national and correspondence files).")
    String country;

    @Option(names = "--cycle", paramLabel = "YEAR", description = "The CTS survey cycle the file answers.")
    Integer cycle;

    @Override
    public Integer call() throws Exception {
        SourceKind kind = sourceKind();
        if (!Files.isRegularFile(file)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), CliLanguage.text(spec, CliMessage.FILE_NOT_FOUND, "file", file.toString()));
        }
        IngestService service = new IngestService(common.dataDirectory(), common.codelists());
        IngestResult result;
        try (Registry registry = Registry.open(common.dataDirectory(), Message.of(CliMessage.REGISTRY_HINT_INGEST))) {
            String actor = IngestIntake.commandLineActor();
            result = service.ingest(new IngestRequest(
                    file,
                    kind,
                    Optional.ofNullable(country),
                    cycle == null ? OptionalInt.empty() : OptionalInt.of(cycle),
                    actor,
                    file.getFileName().toString()));
            IngestIntake.record(registry, common.dataDirectory(), result, actor);
        }
        PrintWriter out = spec.commandLine().getOut();
        Locale locale = CliLanguage.of(spec);
        java.util.OptionalLong peak = ProcessMemory.peakResidentBytes();
        if (common.format() == OutputFormat.json) {
            // codes, lines, columns and arguments stay language-free; each issue's message is in the chosen language
            ObjectNode json = (ObjectNode) ReportLanguage.localised(Json.MAPPER.valueToTree(result), locale);
            peak.ifPresent(bytes -> json.put("peakResidentMemoryBytes", bytes));
            out.println(Json.write(json));
        } else {
            out.println(describe(result, locale));
            peak.ifPresent(bytes -> out.println(
                    Message.of(CliMessage.PEAK_MEMORY, "mebibytes", bytes >> 20).in(locale)));
        }
        out.flush();
        return result.accepted() ? 0 : 1;
    }

    /**
     * The ingest report for people, in the locale's language: the same codes (status, issue codes, severities),
     * lines and columns in every language; counts formatted by the locale.
     */
    static String describe(IngestResult result, Locale locale) {
        StringBuilder text = new StringBuilder();
        String status = result.status().toUpperCase(Locale.ROOT);
        text.append(Message.of(
                                result.alreadySubmitted()
                                        ? CliMessage.INGEST_SUBMISSION_REPEATED
                                        : CliMessage.INGEST_SUBMISSION,
                                "id",
                                result.submissionId(),
                                "status",
                                status)
                        .in(locale))
                .append('\n');
        text.append(Message.of(CliMessage.INGEST_FILE, "file", result.fileName(), "sha256", result.sha256())
                        .in(locale))
                .append('\n');
        if (result.encoding() != null) {
            text.append(Message.of(
                                    CliMessage.INGEST_DETECTED,
                                    "encoding",
                                    result.encoding(),
                                    "delimiter",
                                    result.delimiter(),
                                    "decimal",
                                    result.decimalSeparator(),
                                    "preamble",
                                    result.preambleLines(),
                                    "layout",
                                    result.layout() == null ? "" : ", " + result.layout())
                            .in(locale))
                    .append('\n');
        }
        text.append(Message.of(
                                CliMessage.INGEST_ROWS,
                                "read",
                                result.rowsRead(),
                                "accepted",
                                result.rowsAccepted(),
                                "skipped",
                                result.rowsSkipped().values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum(),
                                "reasons",
                                skipped(result.rowsSkipped(), locale))
                        .in(locale))
                .append('\n');
        text.append(Message.of(CliMessage.INGEST_ISSUES, "errors", result.errors(), "warnings", result.warnings())
                        .in(locale))
                .append('\n');
        for (ValidationIssue issue : result.issues()) {
            text.append("  %s %s: %s%n"
                    .formatted(issue.severity().code().toUpperCase(Locale.ROOT), issue.code(), issue.message(locale)));
        }
        long listed = result.issues().size();
        if (listed < result.errors() + result.warnings()) {
            text.append("  ")
                    .append(Message.of(
                                    CliMessage.INGEST_MORE_ISSUES,
                                    "more",
                                    result.errors() + result.warnings() - listed,
                                    "counts",
                                    result.issueCounts().toString())
                            .in(locale))
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String skipped(Map<String, Long> byReason, Locale locale) {
        return byReason.isEmpty()
                ? ""
                : byReason.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + Messages.format(entry.getValue(), locale))
                        .collect(Collectors.joining(", ", " (", ")"));
    }

    /**
     * The kind {@code --source} names; an unknown one is a usage error in the language of {@code --lang} (read here
     * rather than by a converter, which may run before {@code --lang} is parsed).
     */
    private SourceKind sourceKind() {
        return SourceKind.find(source)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        CliLanguage.text(
                                spec,
                                CliMessage.SOURCE_KIND_UNKNOWN,
                                "value",
                                source,
                                "kinds",
                                SourceKind.cliNames())));
    }
}
