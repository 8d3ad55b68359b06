package org.observatory.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.observatory.ingest.format.DecimalSeparator;
import org.observatory.ingest.format.DelimitedTable;
import org.observatory.ingest.format.FileLayout;
import org.observatory.ingest.format.InputFormat;
import org.observatory.ingest.format.TextProfile;
import org.observatory.ingest.format.TextScan;
import org.observatory.ingest.landing.LandedFile;
import org.observatory.ingest.landing.Landing;
import org.observatory.ingest.staging.StagingTable;
import org.observatory.ingest.validate.CorrespondenceRowValidator;
import org.observatory.ingest.validate.CtsRowValidator;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.KnownNationalCodes;
import org.observatory.ingest.validate.NationalRowValidator;
import org.observatory.ingest.validate.PopulationRowValidator;
import org.observatory.ingest.validate.RowValidator;
import org.observatory.ingest.validate.SdmxRowValidator;
import org.observatory.ingest.validate.ValidationContext;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * Ingests one upload: lands the raw file byte for byte, detects its layout, validates every row (reporting every
 * problem at once), and, when there is no error, stages the rows as Parquet under {@code staging/<submission-id>/}.
 * A file is accepted whole or not at all: staging is written to a hidden directory and moved into place in one
 * step, so a crash half-way leaves nothing visible. The same bytes with the same declaration give the same
 * submission id, and ingesting them again returns the first result without staging anything twice.
 */
public final class IngestService {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DataDirectory data;
    private final Codelists codelists;
    /** Hidden working directories in staging/ are named {@code .work-<pid>-...}: never visible as a submission. */
    private static final String WORK_PREFIX = ".work-";

    private static final long PROCESS_ID = ProcessHandle.current().pid();

    private final IngestSettings settings;

    public IngestService(DataDirectory data, Codelists codelists) {
        this(data, codelists, IngestSettings.DEFAULTS);
    }

    public IngestService(DataDirectory data, Codelists codelists, IngestSettings settings) {
        this.data = requireNonNull(data, "data is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public IngestResult ingest(IngestRequest request) throws IOException {
        Optional<String> country = request.country().map(code -> code.strip().toUpperCase(java.util.Locale.ROOT));
        checkDeclaration(request, country);
        String receivedAt = Instant.now().toString();
        Map<String, Object> landingFields = new LinkedHashMap<>();
        landingFields.put("submitter", request.submitter());
        landingFields.put("country", country.orElse(null));
        landingFields.put("sourceKind", request.sourceKind().cliName());
        landingFields.put("cycle", request.cycle().isPresent() ? request.cycle().getAsInt() : null);
        landingFields.put("receivedAt", receivedAt);
        // one read of the upload: copied, hashed, and scanned for its encoding and line starts
        TextScan scan = new TextScan(settings.segmentBytes());
        LandedFile landed =
                new Landing(data.landing()).land(request.file(), request.fileName(), landingFields, scan::accept);
        String submissionId = submissionId(landed.sha256(), request, country);

        Path staged = data.staging(submissionId);
        if (Files.exists(staged.resolve(DataDirectory.VALIDATION_REPORT))) {
            return JSON.readValue(
                            staged.resolve(DataDirectory.VALIDATION_REPORT).toFile(), IngestResult.class)
                    .asRepeat();
        }

        TextProfile profile = scan.profile();
        FileLayout layout;
        DelimitedTable table;
        try {
            table = DelimitedTable.open(landed.path(), InputFormat.columns(request.sourceKind()), profile);
            layout = table.layout();
        } catch (ObservatoryException e) {
            ValidationReport report = settings.report();
            ValidationIssue.fileErrors(e).forEach(report::add);
            return rejected(submissionId, request, country, landed, null, null, 0, 0, List.of(), report);
        }

        Files.createDirectories(data.staging());
        removeLeftoversOfDeadProcesses();
        Path working =
                Files.createTempDirectory(data.staging(), WORK_PREFIX + PROCESS_ID + "-incoming-" + submissionId + "-");
        Path scratch =
                Files.createTempDirectory(data.staging(), WORK_PREFIX + PROCESS_ID + "-scratch-" + submissionId + "-");
        try (StagingTable staging =
                new StagingTable(submissionId, request.sourceKind().cliName(), scratch)) {
            ValidationPass.Outcome pass = validate(request, country, table, profile, staging, settings);
            ValidationReport report = pass.report();
            DecimalSeparator separator = pass.separator();
            if (report.hasErrors()) {
                return rejected(
                        submissionId,
                        request,
                        country,
                        landed,
                        layout,
                        separator,
                        pass.rowsRead(),
                        pass.accepted(),
                        List.copyOf(pass.countries()),
                        report);
            }
            StagingTable.Summary summary = staging.summary();
            long accepted = summary.accepted();
            TreeSet<String> countries = new TreeSet<>(pass.countries());
            countries.retainAll(summary.countries());
            IngestResult result = result(
                    submissionId,
                    IngestResult.ACCEPTED,
                    request,
                    country,
                    landed,
                    layout,
                    separator,
                    pass.rowsRead(),
                    accepted,
                    List.copyOf(countries),
                    report);
            staging.moveTo(working.resolve(StagedRows.FILE_NAME));
            SubmissionManifest manifest = new SubmissionManifest(
                    submissionId,
                    landed.sha256(),
                    request.sourceKind().cliName(),
                    country.orElse(null),
                    request.cycle().isPresent() ? request.cycle().getAsInt() : null,
                    request.fileName(),
                    receivedAt,
                    request.submitter(),
                    pass.rowsRead(),
                    accepted,
                    report.skippedByReason(),
                    List.copyOf(countries),
                    StagedRows.FILE_NAME);
            JSON.writeValue(working.resolve(DataDirectory.SUBMISSION_MANIFEST).toFile(), manifest);
            JSON.writeValue(working.resolve(DataDirectory.VALIDATION_REPORT).toFile(), result);
            publish(working, staged);
            return result;
        } finally {
            deleteRecursively(working);
            deleteRecursively(scratch);
        }
    }

    /**
     * Validates a file that was landed before once more, as {@link #ingest} validated it (the same reading, row
     * validators and whole-file checks, with this service's thresholds), but listing every issue up to {@code issues}
     * in all, whatever their code, instead of the first of each code: what a fix list needs. Nothing is staged and no
     * report is written: the rows go to a hidden scratch directory that is deleted before this returns. The file is
     * checked against the reference data of now (e.g. a correspondence table accepted since it was ingested).
     *
     * @param request the landed file ({@code landing/<sha256>.<ext>}) as it was declared
     * @throws ObservatoryException {@code INVALID_PARAMETER} for a declaration {@link #ingest} refuses
     */
    public ValidationReport validateAgain(IngestRequest request, int issues) throws IOException {
        Optional<String> country = request.country().map(code -> code.strip().toUpperCase(java.util.Locale.ROOT));
        checkDeclaration(request, country);
        IngestSettings listing = settings.listing(issues);
        TextProfile profile = TextScan.profile(request.file(), listing.segmentBytes());
        DelimitedTable table;
        try {
            table = DelimitedTable.open(request.file(), InputFormat.columns(request.sourceKind()), profile);
        } catch (ObservatoryException e) {
            ValidationReport report = listing.report();
            ValidationIssue.fileErrors(e).forEach(report::add);
            return report;
        }
        Files.createDirectories(data.staging());
        removeLeftoversOfDeadProcesses();
        Path scratch = Files.createTempDirectory(data.staging(), WORK_PREFIX + PROCESS_ID + "-again-");
        try (StagingTable staging =
                new StagingTable("validated-again", request.sourceKind().cliName(), scratch)) {
            return validate(request, country, table, profile, staging, listing).report();
        } finally {
            deleteRecursively(scratch);
        }
    }

    /**
     * The one validation of a file: every row read, checked and staged into {@code staging} ({@link ValidationPass}),
     * then, when no row has an error, the whole-file checks over the staged rows.
     */
    private ValidationPass.Outcome validate(
            IngestRequest request,
            Optional<String> country,
            DelimitedTable table,
            TextProfile profile,
            StagingTable staging,
            IngestSettings settings)
            throws IOException {
        FileLayout layout = table.layout();
        String source = "%s (%s)".formatted(describe(request, country), request.fileName());
        KnownNationalCodes knownCodes = new KnownNationalCodes(this::nationalCodes);
        Function<ValidationContext, RowValidator> validators =
                switch (request.sourceKind()) {
                    case CTS -> CtsRowValidator::new;
                    case NATIONAL -> context -> new NationalRowValidator(context, layout, source, knownCodes);
                    case POPULATION -> context -> new PopulationRowValidator(context, source);
                    case CORRESPONDENCE ->
                        context -> new CorrespondenceRowValidator(context, country.orElseThrow(), source);
                    case SDMX_CSV -> context -> new SdmxRowValidator(context, layout, source);
                };
        Consumer<ValidationReport> headerCheck = request.sourceKind() == SourceKind.SDMX_CSV
                ? report -> SdmxRowValidator.checkHeader(layout, report)
                : report -> {};
        ValidationPass.Outcome pass = new ValidationPass(
                        table,
                        profile.lineStarts(),
                        codelists,
                        country,
                        request.cycle(),
                        numericColumn(request.sourceKind(), layout),
                        headerCheck,
                        validators,
                        settings,
                        staging::startWriting)
                .run();
        if (!pass.report().hasErrors()) {
            staging.check(request.sourceKind(), pass.report(), settings, populationFiles(), layout::nameOf);
        }
        return pass;
    }

    /** The column whose numbers decide the file's decimal separator, if the kind and the file have one. */
    private static Optional<ValidationPass.NumericColumn> numericColumn(SourceKind kind, FileLayout layout) {
        Optional<ValidationPass.NumericColumn> column =
                switch (kind) {
                    case CTS -> Optional.of(new ValidationPass.NumericColumn("value", "VALUE"));
                    case NATIONAL -> Optional.of(new ValidationPass.NumericColumn("count", layout.nameOf("count")));
                    case POPULATION ->
                        Optional.of(new ValidationPass.NumericColumn("population", layout.nameOf("population")));
                    case SDMX_CSV -> Optional.of(new ValidationPass.NumericColumn("obs_value", "OBS_VALUE"));
                    case CORRESPONDENCE -> Optional.empty();
                };
        return column.filter(numeric -> layout.has(numeric.name()));
    }

    /**
     * The national codes of a country's correspondence table: its latest accepted upload, or else the default shipped
     * in schemas.
     */
    private Optional<Set<String>> nationalCodes(String country) {
        try {
            Optional<SubmissionManifest> latest = acceptedSubmissions().stream()
                    .filter(submission -> SourceKind.CORRESPONDENCE.cliName().equals(submission.sourceKind()))
                    .filter(submission -> country.equals(submission.country()))
                    .reduce((first, second) -> second);
            if (latest.isPresent()) {
                return Optional.of(
                        StagingTable.nationalCodes(data.staging(latest.get().submissionId())
                                .resolve(latest.get().stagedFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the correspondence submissions of " + country, e);
        }
        return CorrespondenceTable.loadDefault(country, codelists.iccs()).map(table -> table.entries().stream()
                .map(CorrespondenceEntry::nationalCode)
                .collect(Collectors.toSet()));
    }

    /** The staged rows of every accepted population submission, in the order they were received. */
    private List<Path> populationFiles() throws IOException {
        return acceptedSubmissions().stream()
                .filter(submission -> SourceKind.POPULATION.cliName().equals(submission.sourceKind()))
                .map(submission -> data.staging(submission.submissionId()).resolve(submission.stagedFile()))
                .toList();
    }

    /**
     * Deletes the hidden working directories that a process killed during an ingest left behind (their process is
     * gone); those of running ingests, in this process or another, are left alone. Each ingest does it first; the
     * server does it when it starts.
     */
    public void removeLeftoversOfDeadProcesses() throws IOException {
        if (!Files.isDirectory(data.staging())) {
            return;
        }
        try (Stream<Path> entries = Files.list(data.staging())) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(WORK_PREFIX)) {
                    continue;
                }
                String pid = name.substring(WORK_PREFIX.length()).replaceFirst("-.*", "");
                boolean alive = pid.matches("[0-9]+")
                        && ProcessHandle.of(Long.parseLong(pid))
                                .map(ProcessHandle::isAlive)
                                .orElse(false);
                if (!alive) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    /** Every accepted submission in the staging area, in the order it was received. */
    public List<SubmissionManifest> acceptedSubmissions() throws IOException {
        if (!Files.isDirectory(data.staging())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(data.staging())) {
            return entries.filter(path -> !path.getFileName().toString().startsWith("."))
                    .map(path -> path.resolve(DataDirectory.SUBMISSION_MANIFEST))
                    .filter(Files::exists)
                    .map(IngestService::readManifest)
                    .sorted(Comparator.comparing(SubmissionManifest::receivedAt)
                            .thenComparing(SubmissionManifest::submissionId))
                    .toList();
        }
    }

    private static SubmissionManifest readManifest(Path file) {
        try {
            return JSON.readValue(file.toFile(), SubmissionManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read submission manifest " + file, e);
        }
    }

    private void checkDeclaration(IngestRequest request, Optional<String> country) {
        if ((request.sourceKind() == SourceKind.CORRESPONDENCE) && country.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER, Message.of(IngestMessage.CORRESPONDENCE_WITHOUT_COUNTRY));
        }
        country.ifPresent(code -> {
            if (codelists.members().find(code).isEmpty()) {
                throw new ObservatoryException(
                        ErrorCode.INVALID_PARAMETER, Message.of(IngestMessage.COUNTRY_NOT_A_MEMBER, "country", code));
            }
        });
    }

    private static String describe(IngestRequest request, Optional<String> country) {
        return switch (request.sourceKind()) {
            case NATIONAL ->
                "National observatory submission"
                        + country.map(code -> " of " + code).orElse("");
            case POPULATION -> "Population";
            case CORRESPONDENCE ->
                "Correspondence table" + country.map(code -> " of " + code).orElse("");
            default -> request.sourceKind().cliName();
        };
    }

    private IngestResult rejected(
            String submissionId,
            IngestRequest request,
            Optional<String> country,
            LandedFile landed,
            FileLayout layout,
            DecimalSeparator separator,
            long rowsRead,
            long accepted,
            List<String> countries,
            ValidationReport report) {
        return result(
                submissionId,
                IngestResult.REJECTED,
                request,
                country,
                landed,
                layout,
                separator,
                rowsRead,
                accepted,
                countries,
                report);
    }

    private static IngestResult result(
            String submissionId,
            String status,
            IngestRequest request,
            Optional<String> country,
            LandedFile landed,
            FileLayout layout,
            DecimalSeparator separator,
            long rowsRead,
            long accepted,
            List<String> countries,
            ValidationReport report) {
        Map<String, Long> issueCounts = new TreeMap<>();
        report.countsByCode().forEach((code, count) -> issueCounts.put(code.name(), count));
        long skipped = report.skippedTotal();
        boolean isAccepted = IngestResult.ACCEPTED.equals(status);
        return new IngestResult(
                submissionId,
                status,
                false,
                request.sourceKind().cliName(),
                country.orElse(null),
                request.cycle().isPresent() ? request.cycle().getAsInt() : null,
                request.fileName(),
                landed.sha256(),
                layout == null ? null : layout.encoding().label(),
                layout == null ? null : layout.delimiterLabel(),
                separator == null ? null : String.valueOf(separator.symbol()),
                layout == null ? 0 : layout.preambleLines(),
                layout == null || request.sourceKind() != SourceKind.NATIONAL
                        ? null
                        : layout.has("count") ? "aggregated" : "incident-level",
                rowsRead,
                isAccepted ? accepted : 0,
                report.skippedByReason(),
                isAccepted ? 0 : Math.max(0, rowsRead - accepted - skipped),
                report.errorCount(),
                report.warningCount(),
                issueCounts,
                report.issues(),
                countries,
                report.rowsOfOtherCountries());
    }

    /** A stable id: the same bytes declared the same way are the same submission. */
    static String submissionId(String sha256, IngestRequest request, Optional<String> country) {
        String declaration = String.join(
                "|",
                sha256,
                request.sourceKind().cliName(),
                country.orElse(""),
                request.cycle().isPresent() ? Integer.toString(request.cycle().getAsInt()) : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(declaration.getBytes(StandardCharsets.UTF_8));
            return "sub-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void publish(Path working, Path target) throws IOException {
        try {
            Files.move(working, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(working, target);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
