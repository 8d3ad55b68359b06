package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.observatory.api.report.ResponseRateReporter;
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
        Form form = form(ctx);
        UploadedFile file = form.file().orElse(null);
        if (file == null) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "file",
                    "The form has no file; send the file as multipart/form-data field 'file', e.g. curl -F file=@replies.csv -F source=cts");
        }
        SourceKind source = sourceKind(form.field("source"));
        Optional<String> country = Optional.ofNullable(form.field("country"))
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
        OptionalInt cycle = cycle(form.field("cycle"));
        // the last part of the name the client sent (a browser on Windows may send a whole path), without control
        // characters ("/" has no last part: it made a 500)
        String sentName = Optional.ofNullable(file.filename()).orElse("").replaceAll("\\p{Cntrl}", "");
        String lastPart = sentName.substring(Math.max(sentName.lastIndexOf('/'), sentName.lastIndexOf('\\')) + 1)
                .strip();
        String fileName = lastPart.isEmpty() || lastPart.equals(".") || lastPart.equals("..") ? "upload" : lastPart;

        Path uploads = data.registry().resolve("uploads");
        Files.createDirectories(uploads);
        Path temporary = Files.createTempFile(uploads, CrashLeftovers.uploadPrefix(), ".part");
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
        ctx.json(view(recorded, Optional.of(result), Optional.empty())); // the submitter sees the whole report
    }

    /** The fields of an upload form: at most one file and one value of each text field. */
    private record Form(Optional<UploadedFile> file, Map<String, String> fields) {
        Form {
            requireNonNull(file, "file is null");
            fields = Map.copyOf(requireNonNull(fields, "fields is null"));
        }

        String field(String name) {
            return fields.get(name);
        }
    }

    /**
     * Reads the multipart form: 413 above the upload limit; 400 for a body that is not valid multipart/form-data (no
     * boundary, a body cut short), for an unknown field and for a field given more than once, like a repeated query
     * parameter.
     */
    private Form form(Context ctx) {
        String contentType = String.valueOf(ctx.contentType());
        if (contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                && !contentType.toLowerCase(java.util.Locale.ROOT).contains("boundary=")) {
            throw notMultipart("the Content-Type header names no boundary");
        }
        Map<String, List<UploadedFile>> files;
        Map<String, List<String>> fields;
        try {
            files = ctx.uploadedFileMap();
            fields = ctx.formParamMap();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw tooLarge(-1);
            }
            throw notMultipart(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // Jetty's IOException (e.g. EofException) or ServletException, thrown through Kotlin
            throw notMultipart(e);
        }
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        files.forEach((name, uploaded) -> occurrences.merge(name, uploaded.size(), Integer::sum));
        fields.forEach((name, values) -> occurrences.merge(name, values.size(), Integer::sum));
        for (Map.Entry<String, Integer> field : occurrences.entrySet()) {
            if (!FORM_FIELDS.contains(field.getKey())) {
                throw new ParameterException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        field.getKey(),
                        "Unknown form field '%s'; a submission has the fields file, source, country and cycle"
                                .formatted(Messages.quote(field.getKey())));
            }
            if (field.getValue() > 1) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        field.getKey(),
                        "Form field '%s' is given %d times; give it once (a submission is one file, with one source,"
                                        .formatted(field.getKey(), field.getValue())
                                + " country and cycle)");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, given) -> given.stream().findFirst().ifPresent(value -> values.put(name, value)));
        List<UploadedFile> file = files.getOrDefault("file", List.of());
        return new Form(file.stream().findFirst(), values);
    }

    private static ObservatoryException notMultipart(Exception cause) {
        String message = String.valueOf(cause.getMessage());
        String reason;
        if (cause.getClass().getSimpleName().equals("EofException") || message.contains("Early EOF")) {
            reason = "the body ended before the length its Content-Length header declares";
        } else if (message.contains("Incomplete Multipart")) {
            reason = "the body ends before the closing boundary";
        } else if (message.contains("Missing initial multi part boundary")) {
            reason = "the body does not start with the boundary the Content-Type header names";
        } else {
            reason = message;
        }
        return new ObservatoryException(ErrorCode.INVALID_PARAMETER, notMultipartMessage(reason), cause);
    }

    private static ObservatoryException notMultipart(String reason) {
        return new ObservatoryException(ErrorCode.INVALID_PARAMETER, notMultipartMessage(reason));
    }

    private static String notMultipartMessage(String reason) {
        return ("The request body is not valid multipart/form-data (%s); send the form as multipart/form-data with the"
                        + " fields file, source and, if needed, country and cycle, e.g. curl -H 'Authorization:"
                        + " Bearer TOKEN' -F file=@replies.csv -F source=cts -F cycle=2023"
                        + " https://SERVER/api/v1/submissions")
                .formatted(reason);
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
        ctx.json(view(submission, Optional.empty(), onlyCountryOf(account, submission)));
    }

    /**
     * The country whose part alone an account may see of a submission, or empty when it may see all of it: the
     * secretariat, the submitter and the analysts of a submission that is their country's alone see everything; the
     * analysts of one of the countries of a multi-country file see their own country's part and issues, and only
     * counts of the others (their values are not theirs to see).
     */
    private static Optional<String> onlyCountryOf(Account account, SubmissionRecord submission) {
        if (account.role() != Role.ANALYST
                || submission.submittedBy().equals(account.accountId())
                || submission.belongsOnlyTo(account.country())) {
            return Optional.empty();
        }
        return Optional.of(account.country());
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

    /**
     * The submission with its parts and validation report; limited to one country's part and issues when {@code
     * onlyCountry} is given, the rest counted in {@code otherCountries}.
     */
    private Map<String, Object> view(
            SubmissionRecord submission, Optional<IntakeResult> upload, Optional<String> onlyCountry)
            throws JsonProcessingException {
        Approvals approvals = registry.approvals();
        ApprovalPolicy policy = config.approvalPolicy();
        Map<String, ApprovalRecord> decisions = new LinkedHashMap<>();
        registry.decisions(submission.submissionId()).forEach(record -> decisions.put(record.country(), record));
        List<Map<String, Object>> parts = new ArrayList<>();
        int otherParts = 0;
        for (String country : new TreeSet<>(submission.countries())) {
            if (onlyCountry.isPresent() && !onlyCountry.get().equals(country)) {
                otherParts++;
                continue;
            }
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
        if (onlyCountry.isPresent()) {
            ArrayNode issues = json.createArrayNode();
            int otherIssues = 0;
            for (JsonNode issue : report.path("issues")) {
                if (onlyCountry.get().equals(issue.path("country").asText(null))) {
                    issues.add(issue);
                } else {
                    otherIssues++; // another country's row, the file as a whole, or a report of no countries
                }
            }
            if (report instanceof ObjectNode whole) {
                ObjectNode limited = whole.deepCopy();
                limited.set("issues", issues);
                // the report's lists of countries name the others too: keep only the reader's own
                ArrayNode countries = json.createArrayNode();
                whole.path("countries").forEach(country -> {
                    if (onlyCountry.get().equals(country.asText())) {
                        countries.add(country);
                    }
                });
                limited.set("countries", countries);
                ObjectNode refused = json.createObjectNode();
                JsonNode ownRefused = whole.path("rowsOfOtherCountries").path(onlyCountry.get());
                if (!ownRefused.isMissingNode()) {
                    refused.set(onlyCountry.get(), ownRefused);
                }
                limited.set("rowsOfOtherCountries", refused);
                report = limited;
            }
            Map<String, Object> others = new LinkedHashMap<>();
            others.put("parts", otherParts);
            others.put("issues", otherIssues);
            others.put(
                    "note",
                    ("This file holds rows of other countries too: you see %s's part and the issues of %s's rows;"
                                    + " the others are only counted. The secretariat sees the whole report")
                            .formatted(onlyCountry.get(), onlyCountry.get()));
            view.put("otherCountries", others);
        }
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
        int cycle;
        try {
            cycle = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "cycle",
                    "Form field 'cycle' must be a year such as 2022, not '%s'".formatted(Messages.quote(value)));
        }
        if (!ResponseRateReporter.isCycle(cycle)) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "cycle",
                    ("Form field 'cycle' must be a survey cycle from %d to %d, not '%s'; give the UN-CTS cycle the file"
                                    + " replies to, e.g. 2023, or leave the field out")
                            .formatted(
                                    ResponseRateReporter.EARLIEST_CYCLE,
                                    ResponseRateReporter.LATEST_CYCLE,
                                    Messages.quote(value.strip())));
        }
        return OptionalInt.of(cycle);
    }
}
