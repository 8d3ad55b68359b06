package org.observatory.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.observatory.api.registry.Registry;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.SourceKind;
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

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to ingest.")
    Path file;

    @Option(
            names = "--source",
            required = true,
            paramLabel = "KIND",
            description = "cts, national, population, sdmx-csv or correspondence.",
            converter = SourceKindConverter.class)
    SourceKind source;

    @Option(
            names = "--country",
            paramLabel = "ISO3",
            description = "The submitting country (required for national and correspondence files).")
    String country;

    @Option(names = "--cycle", paramLabel = "YEAR", description = "The CTS survey cycle the file answers.")
    Integer cycle;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "File '%s' does not exist or is not a file; give the path of the file to ingest".formatted(file));
        }
        IngestService service = new IngestService(common.dataDirectory(), common.codelists());
        IngestResult result;
        try (Registry registry = Registry.open(
                common.dataDirectory(),
                "If an observatory server runs on this data directory, submit the file there with POST"
                        + " /api/v1/submissions (multipart fields file, source, country, cycle) and your account's"
                        + " token; otherwise wait until the other command has finished.")) {
            String actor = IngestIntake.commandLineActor();
            result = service.ingest(new IngestRequest(
                    file,
                    source,
                    Optional.ofNullable(country),
                    cycle == null ? OptionalInt.empty() : OptionalInt.of(cycle),
                    actor,
                    file.getFileName().toString()));
            IngestIntake.record(registry, common.dataDirectory(), result, actor);
        }
        PrintWriter out = spec.commandLine().getOut();
        java.util.OptionalLong peak = ProcessMemory.peakResidentBytes();
        if (common.format() == OutputFormat.json) {
            com.fasterxml.jackson.databind.node.ObjectNode json = Json.MAPPER.valueToTree(result);
            peak.ifPresent(bytes -> json.put("peakResidentMemoryBytes", bytes));
            out.println(Json.write(json));
        } else {
            out.println(describe(result));
            peak.ifPresent(bytes -> out.printf("Peak resident memory of this process: %d MiB%n", bytes >> 20));
        }
        out.flush();
        return result.accepted() ? 0 : 1;
    }

    static String describe(IngestResult result) {
        StringBuilder text = new StringBuilder();
        text.append("Submission %s: %s%s%n"
                .formatted(
                        result.submissionId(),
                        result.status().toUpperCase(java.util.Locale.ROOT),
                        result.alreadySubmitted() ? " (these bytes were already submitted; nothing new staged)" : ""));
        text.append("File %s (sha256 %s)%n".formatted(result.fileName(), result.sha256()));
        if (result.encoding() != null) {
            text.append("Detected: encoding %s, delimiter '%s', decimal separator '%s', %d preamble line(s)%s%n"
                    .formatted(
                            result.encoding(),
                            result.delimiter(),
                            result.decimalSeparator(),
                            result.preambleLines(),
                            result.layout() == null ? "" : ", " + result.layout()));
        }
        text.append("Rows: %d read, %d accepted, %d skipped%s%n"
                .formatted(
                        result.rowsRead(),
                        result.rowsAccepted(),
                        result.rowsSkipped().values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        skipped(result.rowsSkipped())));
        text.append("Issues: %d error(s), %d warning(s)%n".formatted(result.errors(), result.warnings()));
        for (ValidationIssue issue : result.issues()) {
            text.append("  %s %s: %s%n"
                    .formatted(
                            issue.severity().code().toUpperCase(java.util.Locale.ROOT), issue.code(), issue.message()));
        }
        long listed = result.issues().size();
        if (listed < result.errors() + result.warnings()) {
            text.append("  ... %d more; counts by code: %s%n"
                    .formatted(result.errors() + result.warnings() - listed, result.issueCounts()));
        }
        return text.toString().stripTrailing();
    }

    private static String skipped(Map<String, Long> byReason) {
        return byReason.isEmpty()
                ? ""
                : byReason.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ", " (", ")"));
    }

    static final class SourceKindConverter implements picocli.CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            try {
                return SourceKind.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
