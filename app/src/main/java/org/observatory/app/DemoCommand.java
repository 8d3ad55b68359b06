package org.observatory.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Registry;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code observatory demo}: loads the SYNTHETIC sample data for the 35 member states (idempotently: landed bytes
 * are not staged twice), runs the pipeline when anything new was accepted, and serves the API. The demo always
 * uses the {@code automatic} approval policy, whatever the data directory's settings say.
 */
@Command(
        name = "demo",
        description = "Load the synthetic sample data, run the pipeline and serve the API.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE_MANIFEST = "sample-data/data/manifest.csv";

    @Mixin
    CommonOptions common;

    @Mixin
    ServerOptions server;

    @picocli.CommandLine.Option(
            names = "--engine",
            paramLabel = "duckdb|spark",
            description = "The engine of the demo's pipeline run: duckdb, in this process (the default), or spark in"
                    + " local[*].")
    String engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        server.check();
        PrintWriter out = spec.commandLine().getOut();
        DataDirectory data = common.dataDirectory();
        Codelists codelists = common.codelists();
        Locale locale = CliLanguage.of(spec);
        out.println(CliLanguage.text(
                spec, CliMessage.DEMO_LOADING, "directory", data.root().toString()));
        out.flush();
        int newlyAccepted = load(data, codelists, sampleManifest(), out, locale);
        if (newlyAccepted > 0 || data.currentSnapshotId().isEmpty()) {
            EngineKind kind = engine == null ? EngineKind.DUCKDB : EngineOption.resolve(spec, engine, null);
            out.println(CliLanguage.text(
                    spec, CliMessage.DEMO_RUNNING, "engine", kind == EngineKind.SPARK ? "Spark, local[*]" : "DuckDB"));
            out.flush();
            RunReport report = PipelineRunner.run(data, codelists, ApprovalPolicy.AUTOMATIC, kind);
            out.println(PipelineRunner.describe(report, locale));
        } else {
            out.println(CliLanguage.text(
                    spec,
                    CliMessage.DEMO_NOTHING_NEW,
                    "snapshot",
                    data.currentSnapshotId().orElseThrow()));
        }
        out.flush();
        ServeCommand.serveUntilStopped(data, codelists, ApprovalPolicy.AUTOMATIC, server, out, locale);
        return 0;
    }

    static Path sampleManifest() {
        Path home = Path.of(System.getProperty("observatory.home", "."));
        return home.resolve(SAMPLE_MANIFEST);
    }

    /** Ingests every file of the sample-data manifest, printing a line per file in English. */
    static int load(DataDirectory data, Codelists codelists, Path manifest, PrintWriter out) throws IOException {
        return load(data, codelists, manifest, out, Language.ENGLISH.defaultLocale());
    }

    /**
     * Ingests every file of the sample-data manifest, printing a line per file in the locale's language; returns how
     * many were accepted for the first time.
     */
    static int load(DataDirectory data, Codelists codelists, Path manifest, PrintWriter out, Locale locale)
            throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(CliMessage.DEMO_MANIFEST_MISSING, "manifest", manifest.toString()));
        }
        IngestService service = new IngestService(data, codelists);
        int newlyAccepted = 0;
        String actor = IngestIntake.commandLineActor();
        try (Registry registry = Registry.open(data, Message.of(CliMessage.REGISTRY_HINT_DEMO));
                Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                Path file = manifest.getParent().resolve(row.get("file"));
                String country = row.get("country");
                String cycle = row.get("cycle");
                IngestResult result = service.ingest(new IngestRequest(
                        file,
                        SourceKind.fromCliName(row.get("source")),
                        country.isBlank() ? Optional.empty() : Optional.of(country),
                        cycle.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cycle)),
                        actor,
                        file.getFileName().toString()));
                IngestIntake.record(registry, data, result, actor);
                if (!result.accepted()) {
                    throw new ObservatoryException(
                            ErrorCode.INTERNAL_ERROR,
                            Message.of(
                                    CliMessage.DEMO_SAMPLE_REJECTED,
                                    "file",
                                    file.toString(),
                                    "report",
                                    IngestCommand.describe(result, locale)));
                }
                if (!result.alreadySubmitted()) {
                    newlyAccepted++;
                }
                out.printf(
                        "  %-55s %-11s %s%s%n",
                        row.get("file"),
                        row.get("source"),
                        Message.of(CliMessage.DEMO_ROWS_ACCEPTED, "rows", result.rowsAccepted())
                                .in(locale),
                        result.alreadySubmitted()
                                ? " "
                                        + Message.of(CliMessage.DEMO_ALREADY_LOADED)
                                                .in(locale)
                                : "");
                out.flush();
            }
        }
        return newlyAccepted;
    }
}
