package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.ApprovalRecord;
import org.observatory.api.registry.Decision;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.api.submission.FixList;
import org.observatory.api.submission.ListCursor;
import org.observatory.api.submission.NewSubmission;
import org.observatory.api.submission.PartState;
import org.observatory.api.submission.ReportLanguage;
import org.observatory.api.submission.SubmissionPage;
import org.observatory.api.submission.SubmissionPart;
import org.observatory.api.submission.SubmissionView;
import org.observatory.api.submission.Submissions;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * The submission routes, as HTTP only (the rules are {@link Submissions}'): {@code POST /submissions} (a multipart
 * upload), {@code GET /submissions?country&status&cursor&limit} (a page, newest first), {@code GET /submissions/{id}}
 * (status, each country's part and decision, validation report), {@code POST /submissions/{id}/approve|withdraw?country=ISO3},
 * {@code GET /submissions/{id}/file} (the raw landed file) and {@code GET /submissions/{id}/fix-list} (the file with
 * its issues in an added column).
 */
public final class SubmissionController {
    private static final List<String> FORM_FIELDS = List.of("file", "source", "country", "cycle");
    /** How many of the issues the report counts the fix list names: {@code <listed> of <counted>}. */
    static final String ISSUES_HEADER = "Observatory-Issues-Listed";

    private static final List<String> LIST_PARAMETERS = List.of("country", "status", "cursor", "limit");

    private final Submissions submissions;
    private final Access access;

    SubmissionController(Submissions submissions, Access access) {
        this.submissions = requireNonNull(submissions, "submissions is null");
        this.access = requireNonNull(access, "access is null");
    }

    /** Answers 413 before reading the body when the declared length is above the limit. */
    public void refuseLargeUpload(Context ctx) {
        submissions.refuseDeclaredLength(ctx.req().getContentLengthLong());
    }

    public void submit(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, ApiMessage.ACTION_SUBMIT);
        submissions.intake();
        Form form = form(ctx);
        UploadedFile file = form.file().orElse(null);
        if (file == null) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, "file", Message.of(ApiMessage.FORM_NO_FILE));
        }
        SourceKind source = sourceKind(form.field("source"));
        Optional<String> country = submissions.declaredCountry(account, Optional.ofNullable(form.field("country")));
        OptionalInt cycle = cycle(form.field("cycle"));
        SubmissionView submitted;
        try (InputStream content = file.content()) {
            submitted =
                    submissions.submit(account, new NewSubmission(source, country, cycle, file.filename()), content);
        }
        ctx.header(
                "Location",
                Paths.expand(Paths.SUBMISSION, submitted.submission().submissionId()));
        ctx.status(submitted.alreadySubmitted().orElse(false) ? HttpStatus.OK : HttpStatus.CREATED);
        ctx.json(view(submitted, ApiLanguage.locale(ctx))); // the submitter sees the whole report
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
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER,
                    notMultipartMessage(Message.of(ApiMessage.MULTIPART_BOUNDARY_NOT_NAMED)));
        }
        Map<String, List<UploadedFile>> files;
        Map<String, List<String>> fields;
        try {
            files = ctx.uploadedFileMap();
            fields = ctx.formParamMap();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw submissions.tooLarge(-1);
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
                        Message.of(ApiMessage.FORM_UNKNOWN_FIELD, "field", Echo.quote(field.getKey())));
            }
            if (field.getValue() > 1) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        field.getKey(),
                        Message.of(ApiMessage.FORM_FIELD_REPEATED, "field", field.getKey(), "times", field.getValue()));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, given) -> given.stream().findFirst().ifPresent(value -> values.put(name, value)));
        List<UploadedFile> file = files.getOrDefault("file", List.of());
        return new Form(file.stream().findFirst(), values);
    }

    private static ObservatoryException notMultipart(Exception cause) {
        String message = String.valueOf(cause.getMessage());
        Object reason;
        if (cause.getClass().getSimpleName().equals("EofException") || message.contains("Early EOF")) {
            reason = Message.of(ApiMessage.MULTIPART_EARLY_END);
        } else if (message.contains("Incomplete Multipart")) {
            reason = Message.of(ApiMessage.MULTIPART_INCOMPLETE);
        } else if (message.contains("Missing initial multi part boundary")) {
            reason = Message.of(ApiMessage.MULTIPART_NO_BOUNDARY);
        } else {
            reason = message;
        }
        return new ObservatoryException(ErrorCode.INVALID_PARAMETER, notMultipartMessage(reason), cause);
    }

    private static Message notMultipartMessage(Object reason) {
        return Message.of(ApiMessage.NOT_MULTIPART, "reason", reason);
    }

    public void list(Context ctx) {
        QueryParameters.acceptOnly(ctx, LIST_PARAMETERS);
        Account account = access.required(ctx, ApiMessage.ACTION_LIST_SUBMISSIONS);
        Optional<String> country = QueryParameters.optional(ctx, "country").map(code -> {
            if (!code.matches("[A-Za-z]{3}")) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "country",
                        Message.of(ApiMessage.COUNTRY_NOT_ISO3, "value", Echo.quote(code)));
            }
            return code;
        });
        Optional<PartState> state = QueryParameters.optional(ctx, "status").map(value -> {
            try {
                return PartState.fromWireName(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "status",
                        Message.of(
                                ApiMessage.STATUS_UNKNOWN,
                                "value",
                                Echo.quote(value),
                                "states",
                                String.valueOf(PartState.wireNames())));
            }
        });
        Optional<ListCursor> cursor = QueryParameters.optional(ctx, "cursor").map(value -> {
            try {
                return ListCursor.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "cursor",
                        Message.of(ApiMessage.CURSOR_INVALID, "value", Echo.quote(value)));
            }
        });
        int limit = QueryParameters.optional(ctx, "limit")
                .map(SubmissionController::limit)
                .orElse(Submissions.DEFAULT_PAGE_SIZE);
        SubmissionPage page = submissions.list(account, country, state, cursor, limit);
        List<Map<String, Object>> items = new ArrayList<>();
        for (SubmissionView item : page.items()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("submissionId", item.submission().submissionId());
            summary.put("status", item.submission().status());
            summary.put("sourceKind", item.submission().sourceKind());
            summary.put("country", item.submission().country());
            summary.put("cycle", item.submission().cycle());
            summary.put("fileName", item.submission().fileName());
            summary.put("submittedBy", item.submission().submittedBy());
            summary.put("submittedAt", item.submission().submittedAt());
            summary.put("errors", item.errors());
            summary.put("warnings", item.warnings());
            summary.put(
                    "parts",
                    item.parts().stream().map(SubmissionController::part).toList());
            summary.put("url", Paths.expand(Paths.SUBMISSION, item.submission().submissionId()));
            items.add(summary);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("approvalPolicy", submissions.approvalPolicy().settingName());
        answer.put("items", items);
        answer.put("next", page.next().map(next -> nextPage(ctx, next)).orElse(null));
        ctx.json(answer);
    }

    private static int limit(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > Submissions.MAXIMUM_PAGE_SIZE) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "limit",
                    Message.of(
                            ApiMessage.LIMIT_INVALID,
                            "maximum",
                            Submissions.MAXIMUM_PAGE_SIZE,
                            "value",
                            Echo.quote(value),
                            "default",
                            Submissions.DEFAULT_PAGE_SIZE));
        }
        return limit;
    }

    /** This request's path and query with the cursor of the next page. */
    private static String nextPage(Context ctx, ListCursor next) {
        List<String> parameters = new ArrayList<>();
        for (String name : LIST_PARAMETERS) {
            if (name.equals("cursor")) {
                parameters.add("cursor=" + next.token());
            } else if (ctx.queryParam(name) != null) {
                parameters.add(
                        name + "=" + URLEncoder.encode(ctx.queryParam(name).strip(), StandardCharsets.UTF_8));
            }
        }
        return ctx.path() + "?" + String.join("&", parameters);
    }

    public void one(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, ApiMessage.ACTION_READ_SUBMISSION);
        ctx.json(view(submissions.read(account, ctx.pathParam("id")), ApiLanguage.locale(ctx)));
    }

    public void approve(Context ctx) {
        decide(ctx, Decision.APPROVED);
    }

    public void withdraw(Context ctx) {
        decide(ctx, Decision.WITHDRAWN);
    }

    private void decide(Context ctx, Decision decision) {
        boolean approve = decision == Decision.APPROVED;
        QueryParameters.acceptOnly(ctx, List.of("country"));
        Account account =
                access.required(ctx, approve ? ApiMessage.ACTION_APPROVE_PART : ApiMessage.ACTION_WITHDRAW_PART);
        String country = QueryParameters.optional(ctx, "country")
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "country",
                        Message.of(
                                ApiMessage.PART_COUNTRY_MISSING,
                                "verb",
                                Message.of(approve ? ApiMessage.VERB_APPROVE : ApiMessage.VERB_WITHDRAW))));
        ApprovalRecord record = submissions.decide(account, ctx.pathParam("id"), country, decision);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("submissionId", record.submissionId());
        answer.put("country", record.country());
        answer.put("decision", record.decision().wireName());
        answer.put("decidedBy", record.decidedBy());
        answer.put("decidedAt", record.decidedAt());
        answer.put(
                "effect",
                decision == Decision.APPROVED
                        ? "%s's part is published by the next pipeline run".formatted(record.country())
                        : "the next pipeline run removes %s's values of this submission; the raw file stays"
                                .formatted(record.country()));
        ctx.json(answer);
    }

    public void file(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, ApiMessage.ACTION_DOWNLOAD_RAW_FILE);
        Submissions.RawFile file = submissions.rawFile(account, ctx.pathParam("id"));
        ctx.header("Content-Disposition", attachment(file.fileName()));
        ctx.contentType("application/octet-stream");
        ctx.result(Files.newInputStream(file.path()));
    }

    public void fixList(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of());
        Account account = access.required(ctx, ApiMessage.ACTION_DOWNLOAD_FIX_LIST);
        FixList fixList = submissions.fixList(account, ctx.pathParam("id"), ApiLanguage.locale(ctx));
        ctx.header("Content-Disposition", attachment(fixList.fileName()));
        // say how many of the counted issues the list names (fewer past its bound, or from a stored report)
        ctx.header(ISSUES_HEADER, "%d of %d".formatted(fixList.listedIssues(), fixList.countedIssues()));
        ctx.contentType("text/csv; charset=utf-8");
        fixList.writeTo(ctx.outputStream());
    }

    /**
     * A Content-Disposition naming a file, safely for any name the client sent (RFC 6266 and 5987): an ASCII
     * {@code filename} without quotes or backslashes, and the exact name in {@code filename*}.
     */
    public static String attachment(String fileName) {
        String ascii =
                fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "").replace("\\", "");
        return "attachment; filename=\"%s\"; filename*=UTF-8''%s"
                .formatted(
                        ascii,
                        URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * The submission with its parts and validation report, as the routes answer it: notes and the report's issue
     * messages in the reader's language ({@link ReportLanguage}), codes, lines, columns and counts unchanged.
     */
    private static Map<String, Object> view(SubmissionView submission, Locale locale) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("submissionId", submission.submission().submissionId());
        view.put("status", submission.submission().status());
        submission.alreadySubmitted().ifPresent(already -> view.put("alreadySubmitted", already));
        view.put("sourceKind", submission.submission().sourceKind());
        view.put("country", submission.submission().country());
        view.put("cycle", submission.submission().cycle());
        view.put("fileName", submission.submission().fileName());
        view.put("sha256", submission.submission().sha256());
        view.put("submittedBy", submission.submission().submittedBy());
        view.put("submittedAt", submission.submission().submittedAt());
        view.put("approvalPolicy", submission.policy().settingName());
        view.put(
                "parts",
                submission.parts().stream().map(SubmissionController::part).toList());
        view.put("note", Message.of(ApiMessage.NOTE_PUBLISHED).in(locale));
        submission.onlyCountry().ifPresent(own -> {
            Map<String, Object> others = new LinkedHashMap<>();
            others.put("parts", submission.otherParts());
            others.put("issues", submission.otherIssues());
            others.put(
                    "note",
                    Message.of(ApiMessage.NOTE_OTHER_COUNTRIES, "country", own).in(locale));
            view.put("otherCountries", others);
        });
        view.put("report", ReportLanguage.localised(submission.report(), locale));
        return view;
    }

    private static Map<String, Object> part(SubmissionPart part) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("country", part.country());
        view.put(
                "decision",
                part.decision().map(decision -> decision.decision().wireName()).orElse("pending"));
        view.put("published", part.publishedByNextRun());
        view.put("decidedBy", part.decision().map(ApprovalRecord::decidedBy).orElse(null));
        view.put("decidedAt", part.decision().map(ApprovalRecord::decidedAt).orElse(null));
        view.put("state", part.state().wireName());
        view.put("publishedIn", part.publishedIn().orElse(null));
        return view;
    }

    private static SourceKind sourceKind(String value) {
        if (value == null || value.isBlank()) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, "source", Message.of(ApiMessage.SOURCE_MISSING));
        }
        return SourceKind.find(value)
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        "source",
                        Message.of(
                                ApiMessage.SOURCE_INVALID,
                                "reason",
                                Message.of(
                                        ApiMessage.SOURCE_KIND_UNKNOWN,
                                        "value",
                                        value.strip(),
                                        "kinds",
                                        SourceKind.cliNames()))));
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
                    Message.of(ApiMessage.CYCLE_NOT_A_YEAR, "value", Echo.quote(value)));
        }
        if (!ResponseRateReporter.isCycle(cycle)) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    "cycle",
                    Message.of(
                            ApiMessage.CYCLE_OUT_OF_RANGE,
                            "earliest",
                            String.valueOf(ResponseRateReporter.EARLIEST_CYCLE),
                            "latest",
                            String.valueOf(ResponseRateReporter.LATEST_CYCLE),
                            "value",
                            Echo.quote(value.strip())));
        }
        return OptionalInt.of(cycle);
    }
}
