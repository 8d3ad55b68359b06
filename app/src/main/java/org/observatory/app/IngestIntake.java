package org.observatory.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.IntakeResult;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.api.submission.Upload;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The ingest service handed to the API server: {@code POST /api/v1/submissions} runs exactly what {@code observatory
 * ingest} runs, and answers with the same JSON report. Also records an ingest in the registry, for the command line
 * and the server alike.
 */
final class IngestIntake implements SubmissionIntake {
    private final DataDirectory data;
    private final IngestService service;

    IngestIntake(DataDirectory data, IngestService service) {
        this.data = requireNonNull(data, "data is null");
        this.service = requireNonNull(service, "service is null");
    }

    @Override
    public IntakeResult ingest(Upload upload) throws IOException {
        IngestResult result = service.ingest(new IngestRequest(
                upload.file(),
                upload.sourceKind(),
                upload.country(),
                upload.cycle(),
                upload.submitter(),
                upload.fileName()));
        return new IntakeResult(
                result.submissionId(),
                result.accepted(),
                result.alreadySubmitted(),
                countries(data, result),
                result.sha256(),
                report(result));
    }

    @Override
    public List<SubmissionManifest> acceptedSubmissions() throws IOException {
        return service.acceptedSubmissions();
    }

    @Override
    public void removeLeftoversOfDeadProcesses() throws IOException {
        service.removeLeftoversOfDeadProcesses();
    }

    /** Validates the landed file again as it was declared, with the ingest's own validation, listing every issue. */
    @Override
    public Optional<AllIssues> allIssues(SubmissionRecord submission, Path landed, int limit) throws IOException {
        ValidationReport report = service.validateAgain(
                new IngestRequest(
                        landed,
                        SourceKind.fromCliName(submission.sourceKind()),
                        Optional.ofNullable(submission.country()),
                        submission.cycle() == null ? OptionalInt.empty() : OptionalInt.of(submission.cycle()),
                        submission.submittedBy(),
                        submission.fileName()),
                limit);
        List<ValidationIssue> listed = report.issues();
        long counted = report.errorCount() + report.warningCount(); // every issue listed was counted
        List<LineIssue> lines = listed.stream()
                .filter(issue -> issue.line() > 0)
                .map(issue -> new LineIssue(issue.line(), issue.column(), issue.value(), issue.text()))
                .toList();
        return Optional.of(new AllIssues(lines, counted, listed.size() == counted));
    }

    /** The validation report as {@code observatory ingest --format json} prints it (without the process's memory). */
    static JsonNode report(IngestResult result) {
        return Json.MAPPER.valueToTree(result);
    }

    /** The member states with accepted rows of an accepted submission (none for a rejected one). */
    static List<String> countries(DataDirectory data, IngestResult result) throws IOException {
        if (!result.accepted()) {
            return List.of();
        }
        Path manifest = data.staging(result.submissionId()).resolve(DataDirectory.SUBMISSION_MANIFEST);
        return Json.MAPPER
                .copy()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(manifest.toFile(), SubmissionManifest.class)
                .countries();
    }

    /** Records an ingest of the command line in the registry (and its audit log). */
    static void record(Registry registry, DataDirectory data, IngestResult result, String actor) throws IOException {
        registry.recordSubmission(
                new SubmissionRecord(
                        result.submissionId(),
                        result.status(),
                        result.sourceKind(),
                        result.country(),
                        result.cycle(),
                        result.fileName(),
                        result.sha256(),
                        countries(data, result),
                        actor,
                        Instant.now().toString(),
                        report(result).toString()),
                actor);
    }

    /** How the audit log names the command line: {@code cli (user NAME)}. */
    static String commandLineActor() {
        return "cli (user %s)".formatted(System.getProperty("user.name", "unknown"));
    }
}
