package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.ApprovalRecord;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.IntakeResult;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.api.submission.Upload;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The submission routes: {@code POST /submissions} (multipart upload through the same ingest service as the command
 * line), {@code GET /submissions/{id}} (status, each country's part and decision, validation report), {@code POST
 * /submissions/{id}/approve|withdraw?country=ISO3} (a country's own analysts only, invariant 7) and {@code GET
 * /submissions/{id}/file} (the raw landed file, for its country's analysts and the secretariat, invariant 8).
 * Uploads are streamed to disk and ingested one at a time.
 */
final class SubmissionController {
    private static final List<String> FORM_FIELDS = List.of("file", "source", "country", "cycle");

    private final DataDirectory data;
    private final Registry registry;
    private final Access access;
    private final SubmissionsConfig config;
    private final ObjectMapper json;
    private final ReentrantLock ingestLock = new ReentrantLock(true);

    SubmissionController(
            DataDirectory data, Registry registry, Access access, SubmissionsConfig config, ObjectMapper json) {
        this.data = requireNonNull(data, "data is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.access = requireNonNull(access, "access is null");
        this.config = requireNonNull(config, "config is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Answers 413 before reading the body when the declared length is above the limit. */
    void refuseLargeUpload(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > config.uploadLimitBytes() + MULTIPART_OVERHEAD_BYTES) {
            throw tooLarge(length);
        }
    }

    /** What multipart framing and the form fields may add to a file at the limit. */
    static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    private ObservatoryException tooLarge(long length) {
        return new ObservatoryException(
                ErrorCode.UPLOAD_TOO_LARGE,
                ("The upload is %s; this server accepts files up to %s. Split the file (e.g. one file per year or per"
                                + " country) and upload the parts, or ask the operators to raise upload-limit-megabytes")
                        .formatted(length < 0 ? "above the limit" : size(length), size(config.uploadLimitBytes())));
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? "%d MiB (%d bytes)".formatted(bytes >> 20, bytes) : "%d bytes".formatted(bytes);
    }

    void submit(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, "submit a file");
        SubmissionIntake intake = config.intake()
                .orElseThrow(
                        () -> new ObservatoryException(
                                ErrorCode.NOT_CONFIGURED,
                                "This server was started without the ingest service and takes no submissions; start it with"
                                        + " './observatory serve', or ingest with './observatory ingest' while no server runs"));
        UploadedFile file;
        Map<String, List<String>> fields;
        try {
            file = ctx.uploadedFile("file");
            fields = ctx.formParamMap();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw tooLarge(-1);
            }
            throw e;
        }
        for (String field : fields.keySet()) {
            if (!FORM_FIELDS.contains(field)) {
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        field,
                        "Unknown form field '%s'; a submission has the fields file, source, country and cycle"
                                .formatted(Messages.quote(field)));
            }
        }
        if (file == null) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "file",
                    "The form has no file; send the file as multipart/form-data field 'file', e.g. curl -F file=@replies.csv -F source=cts");
        }
        SourceKind source = sourceKind(ctx.formParam("source"));
        Optional<String> country = Optional.ofNullable(ctx.formParam("country"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> value.toUpperCase(java.util.Locale.ROOT));
        if (account.role() == Role.ANALYST) {
            if (country.isPresent() && !country.get().equals(account.country())) {
                throw Access.forbidden(
                        "%s cannot submit for %s; only %s's analysts and the secretariat can. Leave country out or give %s"
                                .formatted(account.who(), country.get(), country.get(), account.country()));
            }
            country = Optional.of(account.country());
        }
        OptionalInt cycle = cycle(ctx.formParam("cycle"));
        // the last part of the name the client sent, without control characters ("/" has none: it made a 500)
        String sentName = Optional.ofNullable(file.filename()).orElse("").replaceAll("\\p{Cntrl}", "");
        String lastPart = sentName.substring(sentName.lastIndexOf('/') + 1).strip();
        String fileName = lastPart.isEmpty() || lastPart.equals(".") || lastPart.equals("..") ? "upload" : lastPart;

        Path uploads = data.registry().resolve("uploads");
        Files.createDirectories(uploads);
        Path temporary = Files.createTempFile(uploads, "upload-", ".part");
        IntakeResult result;
        try {
            long copied;
            try (InputStream content = file.content()) {
                copied = Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            if (copied > config.uploadLimitBytes()) {
                throw tooLarge(copied);
            }
            ingestLock.lock();
            try {
                result = intake.ingest(new Upload(temporary, source, country, cycle, account.accountId(), fileName));
            } finally {
                ingestLock.unlock();
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        SubmissionRecord recorded = registry.recordSubmission(
                new SubmissionRecord(
                        result.submissionId(),
                        result.accepted() ? SubmissionRecord.ACCEPTED : "rejected",
                        source.cliName(),
                        country.orElse(null),
                        cycle.isPresent() ? cycle.getAsInt() : null,
                        fileName,
                        result.sha256(),
                        result.countries(),
                        account.accountId(),
                        Instant.now().toString(),
                        result.report().toString()),
                account.describe());
        ctx.header("Location", SubmissionRoutes.SUBMISSIONS + "/" + result.submissionId());
        if (!result.accepted()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", ProblemMapping.type(ErrorCode.SUBMISSION_REJECTED));
            problem.put("title", "Submission rejected");
            problem.put("status", HttpStatus.UNPROCESSABLE_CONTENT.getCode());
            problem.put(
                    "detail",
                    ("File '%s' was rejected with %d error(s) and nothing of it was staged; the report lists each"
                                    + " problem with its line, column and how to fix it. Correct the file and upload it again")
                            .formatted(fileName, result.report().path("errors").asLong()));
            problem.put("instance", ctx.path());
            problem.put("code", ErrorCode.SUBMISSION_REJECTED.name());
            problem.put("submissionId", result.submissionId());
            problem.put("report", result.report());
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            ctx.result(json.writeValueAsString(problem));
            ctx.contentType(ProblemMapping.CONTENT_TYPE);
            return;
        }
        ctx.status(result.alreadySubmitted() ? HttpStatus.OK : HttpStatus.CREATED);
        ctx.json(view(recorded, Optional.of(result)));
    }

    void one(Context ctx) throws JsonProcessingException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, "read a submission");
        SubmissionRecord submission = find(ctx.pathParam("id"));
        if (account.role() == Role.ANALYST
                && !submission.concerns(account.country())
                && !submission.submittedBy().equals(account.accountId())) {
            throw Access.forbidden("%s cannot read submission %s: it concerns %s, not %s"
                    .formatted(account.who(), submission.submissionId(), concerned(submission), account.country()));
        }
        ctx.json(view(submission, Optional.empty()));
    }

    void approve(Context ctx) {
        decide(ctx, Decision.APPROVED);
    }

    void withdraw(Context ctx) {
        decide(ctx, Decision.WITHDRAWN);
    }

    private void decide(Context ctx, Decision decision) {
        String verb = decision == Decision.APPROVED ? "approve" : "withdraw";
        QueryParameters.acceptOnly(ctx, List.of("country"));
        Account account = access.required(ctx, verb + " a country's part of a submission");
        String country = QueryParameters.optional(ctx, "country")
                .map(value -> value.toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "country",
                        "Give the country whose part you %s: ?country=ISO3 (each country decides about its own part)"
                                .formatted(verb)));
        if (account.role() != Role.ANALYST || !country.equals(account.country())) {
            throw Access.forbidden(
                    "%s cannot %s %s's part of a submission; only %s's own analysts can (country sovereignty)"
                            .formatted(account.who(), verb, country, country));
        }
        SubmissionRecord submission = find(ctx.pathParam("id"));
        if (!submission.accepted()) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    "Submission %s was rejected and staged nothing, so there is nothing to %s; correct the file and upload it again"
                            .formatted(submission.submissionId(), verb));
        }
        if (!submission.countries().contains(country)) {
            throw new ObservatoryException(
                    ErrorCode.NOT_FOUND,
                    "Submission %s has no accepted rows of %s, so it has no %s part to %s; its parts are %s"
                            .formatted(submission.submissionId(), country, country, verb, concerned(submission)));
        }
        ApprovalPolicy policy = config.approvalPolicy();
        boolean published = registry.approvals().publishes(policy, submission.submissionId(), country);
        if (decision == Decision.WITHDRAWN && !published) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    "%s's part of submission %s is not approved (approval policy %s), so there is nothing to withdraw"
                            .formatted(country, submission.submissionId(), policy.settingName()));
        }
        Optional<ApprovalRecord> earlier = registry.decisions(submission.submissionId()).stream()
                .filter(record -> record.country().equals(country))
                .findFirst();
        ApprovalRecord record = earlier.isPresent() && earlier.get().decision() == decision
                ? earlier.get()
                : registry.decide(submission.submissionId(), country, decision, account.describe());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("submissionId", record.submissionId());
        answer.put("country", record.country());
        answer.put("decision", record.decision().wireName());
        answer.put("decidedBy", record.decidedBy());
        answer.put("decidedAt", record.decidedAt());
        answer.put(
                "effect",
                decision == Decision.APPROVED
                        ? "%s's part is published by the next pipeline run".formatted(country)
                        : "the next pipeline run removes %s's values of this submission; the raw file stays"
                                .formatted(country));
        ctx.json(answer);
    }

    void file(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, "download a raw file");
        SubmissionRecord submission = find(ctx.pathParam("id"));
        if (account.role() == Role.ANALYST && !submission.belongsOnlyTo(account.country())) {
            throw Access.forbidden(
                    "%s cannot download the raw file of submission %s: raw files are served only to their country's analysts and the secretariat, and this file %s"
                            .formatted(
                                    account.who(),
                                    submission.submissionId(),
                                    submission.country() != null
                                            ? "is " + submission.country() + "'s"
                                            : "holds rows of " + concerned(submission)));
        }
        Path landed = landedFile(submission.sha256())
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        "The raw file of submission %s (sha256 %s) is missing from landing/"
                                .formatted(submission.submissionId(), submission.sha256())));
        registry.audit(account.describe(), "raw-file", submission.submissionId(), "downloaded the raw file");
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"%s\"".formatted(submission.fileName().replace("\"", "")));
        ctx.contentType("application/octet-stream");
        ctx.result(Files.newInputStream(landed));
    }

    private Optional<Path> landedFile(String sha256) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}") || !Files.isDirectory(data.landing())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(data.landing())) {
            return files.filter(path -> path.getFileName().toString().startsWith(sha256 + "."))
                    .filter(path -> !path.getFileName().toString().endsWith(".json"))
                    .findFirst();
        }
    }

    /**
     * The submission from the registry, or (for one staged before the registry recorded submissions) from its
     * staging manifest; 404 when neither knows it.
     */
    private SubmissionRecord find(String id) {
        Optional<SubmissionRecord> recorded = registry.submission(id);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (config.intake().isPresent()) {
            try {
                for (SubmissionManifest manifest : config.intake().get().acceptedSubmissions()) {
                    if (manifest.submissionId().equals(id)) {
                        return new SubmissionRecord(
                                manifest.submissionId(),
                                SubmissionRecord.ACCEPTED,
                                manifest.sourceKind(),
                                manifest.country(),
                                manifest.cycle(),
                                manifest.fileName(),
                                manifest.sha256(),
                                manifest.countries(),
                                manifest.submitter(),
                                manifest.receivedAt(),
                                "{}");
                    }
                }
            } catch (IOException e) {
                throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, "Cannot read the staged submissions", e);
            }
        }
        throw new ObservatoryException(
                ErrorCode.NOT_FOUND,
                "No submission '%s'; submission ids are answered by POST /api/v1/submissions and printed by './observatory ingest'"
                        .formatted(Messages.quote(id)));
    }

    private Map<String, Object> view(SubmissionRecord submission, Optional<IntakeResult> upload)
            throws JsonProcessingException {
        Approvals approvals = registry.approvals();
        ApprovalPolicy policy = config.approvalPolicy();
        Map<String, ApprovalRecord> decisions = new LinkedHashMap<>();
        registry.decisions(submission.submissionId()).forEach(record -> decisions.put(record.country(), record));
        List<Map<String, Object>> parts = new ArrayList<>();
        for (String country : new TreeSet<>(submission.countries())) {
            Map<String, Object> part = new LinkedHashMap<>();
            ApprovalRecord decision = decisions.get(country);
            part.put("country", country);
            part.put(
                    "decision",
                    decision == null ? "pending" : decision.decision().wireName());
            part.put("published", approvals.publishes(policy, submission.submissionId(), country));
            part.put("decidedBy", decision == null ? null : decision.decidedBy());
            part.put("decidedAt", decision == null ? null : decision.decidedAt());
            parts.add(part);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("submissionId", submission.submissionId());
        view.put("status", submission.status());
        upload.ifPresent(result -> view.put("alreadySubmitted", result.alreadySubmitted()));
        view.put("sourceKind", submission.sourceKind());
        view.put("country", submission.country());
        view.put("cycle", submission.cycle());
        view.put("fileName", submission.fileName());
        view.put("sha256", submission.sha256());
        view.put("submittedBy", submission.submittedBy());
        view.put("submittedAt", submission.submittedAt());
        view.put("approvalPolicy", policy.settingName());
        view.put("parts", parts);
        view.put(
                "note",
                "'published' says whether the next pipeline run publishes the part; values become public"
                        + " only when that run has published its snapshot");
        JsonNode report = upload.map(IntakeResult::report).orElse(json.readTree(submission.reportJson()));
        view.put("report", report);
        return view;
    }

    private static String concerned(SubmissionRecord submission) {
        Set<String> countries = new TreeSet<>(submission.countries());
        if (submission.country() != null) {
            countries.add(submission.country());
        }
        return countries.isEmpty() ? "no member state" : String.join(", ", countries);
    }

    private static SourceKind sourceKind(String value) {
        if (value == null || value.isBlank()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "source",
                    "The form has no 'source'; give the kind of file: cts, national, population, sdmx-csv or correspondence");
        }
        try {
            return SourceKind.fromCliName(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER, "source", "Form field 'source': " + e.getMessage());
        }
    }

    private static OptionalInt cycle(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "cycle",
                    "Form field 'cycle' must be a year such as 2022, not '%s'".formatted(Messages.quote(value)));
        }
    }
}
