package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.error.Echo.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;

/**
 * The rules of submissions, apart from HTTP: who may submit for which country, read a submission, approve or
 * withdraw a country's part and download a raw file or its fix list (invariants 7 and 8); how an upload is copied
 * to disk (a temporary file in the registry's upload folder, removed whatever happens), checked against the upload
 * limit and ingested one at a time; what each caller may see of a multi-country file; and the state of each part
 * (pending approval, approved, published in a vintage, withdrawn). Refusals are {@link ObservatoryException}s
 * ({@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT}, ...) whose messages say what, where and how to fix;
 * a rejected upload is a {@link SubmissionRejectedException}.
 *
 * <p>Submissions staged before the registry recorded submissions are found through their staging manifests.
 */
public final class Submissions {
    /** What multipart framing and the form fields may add to a file at the limit. */
    public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    /** How many submissions a page lists when the caller does not say. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    /** How many submissions a page lists at most. */
    public static final int MAXIMUM_PAGE_SIZE = 200;

    private final DataDirectory data;
    private final Registry registry;
    private final SubmissionsConfig config;
    private final ObjectMapper json;
    private final PublishedParts publishedParts;
    private final ReentrantLock ingestLock = new ReentrantLock(true);

    public Submissions(DataDirectory data, Registry registry, SubmissionsConfig config, ObjectMapper json) {
        this.data = requireNonNull(data, "data is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.config = requireNonNull(config, "config is null");
        this.json = requireNonNull(json, "json is null");
        this.publishedParts = new PublishedParts(data);
    }

    public ApprovalPolicy approvalPolicy() {
        return config.approvalPolicy();
    }

    /** The largest file this server accepts, in bytes. */
    public long uploadLimitBytes() {
        return config.uploadLimitBytes();
    }

    /**
     * Refuses a request whose declared length ({@code -1} when unknown) is above what an upload at the limit can
     * take, before its body is read.
     */
    public void refuseDeclaredLength(long length) {
        if (length > config.uploadLimitBytes() + MULTIPART_OVERHEAD_BYTES) {
            throw tooLarge(length);
        }
    }

    /** The refusal of an upload of {@code length} bytes ({@code -1}: known only to be above the limit). */
    public ObservatoryException tooLarge(long length) {
        return new ObservatoryException(
                ErrorCode.UPLOAD_TOO_LARGE,
                Message.of(
                        ApiMessage.UPLOAD_TOO_LARGE,
                        "size",
                        length < 0 ? Message.of(ApiMessage.SIZE_ABOVE_LIMIT) : size(length),
                        "limit",
                        size(config.uploadLimitBytes())));
    }

    /** A size as the refusal says it; the numbers as digits only, as the server's setting writes them. */
    private static Message size(long bytes) {
        return bytes >= 1 << 20
                ? Message.of(
                        ApiMessage.SIZE_MEBIBYTES,
                        "mebibytes",
                        String.valueOf(bytes >> 20),
                        "bytes",
                        String.valueOf(bytes))
                : Message.of(ApiMessage.SIZE_BYTES, "bytes", String.valueOf(bytes));
    }

    /** Refuses uploads at once (503) when this server has no ingest service. */
    public SubmissionIntake intake() {
        return config.intake()
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_CONFIGURED, Message.of(ApiMessage.INGEST_NOT_CONFIGURED)));
    }

    /**
     * The country an upload is for: an analyst's own (another one is refused), or what the secretariat declares
     * (none for a multi-country release).
     */
    public Optional<String> declaredCountry(Account account, Optional<String> declared) {
        Optional<String> country = declared.map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> value.toUpperCase(Locale.ROOT));
        if (account.role() != Role.ANALYST) {
            return country;
        }
        if (country.isPresent() && !country.get().equals(account.country())) {
            throw forbidden(Message.of(
                    ApiMessage.SUBMIT_FOR_OTHER_COUNTRY,
                    "who",
                    account.described(),
                    "country",
                    country.get(),
                    "own",
                    account.country()));
        }
        return Optional.of(account.country());
    }

    /**
     * Copies the upload to a temporary file (refused above the limit), ingests it (one upload at a time), records
     * it in the registry and answers it as the submitter sees it: the whole report.
     *
     * @throws SubmissionRejectedException when validation rejected the file (recorded too)
     */
    public SubmissionView submit(Account account, NewSubmission upload, InputStream content) throws IOException {
        requireNonNull(account, "account is null");
        requireNonNull(upload, "upload is null");
        requireNonNull(content, "content is null");
        SubmissionIntake intake = intake();
        Optional<String> country = declaredCountry(account, upload.country());
        String fileName = upload.storedFileName();
        Path uploads = CrashLeftovers.uploads(data);
        Files.createDirectories(uploads);
        Path temporary = Files.createTempFile(uploads, CrashLeftovers.uploadPrefix(), ".part");
        IntakeResult result;
        try {
            long copied = Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
            if (copied > config.uploadLimitBytes()) {
                throw tooLarge(copied);
            }
            ingestLock.lock();
            try {
                result = intake.ingest(
                        new Upload(temporary, upload.source(), country, upload.cycle(), account.accountId(), fileName));
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
                        upload.source().cliName(),
                        country.orElse(null),
                        upload.cycle().isPresent() ? upload.cycle().getAsInt() : null,
                        fileName,
                        result.sha256(),
                        result.countries(),
                        account.accountId(),
                        Instant.now().toString(),
                        result.report().toString()),
                account.describe());
        if (!result.accepted()) {
            throw new SubmissionRejectedException(result.submissionId(), fileName, result.report());
        }
        return view(recorded, result.report(), Optional.empty(), Optional.of(result.alreadySubmitted()));
    }

    /**
     * A submission as the caller may see it: the secretariat, its submitter and the analysts of a submission that is
     * their country's alone see everything; the analysts of one of the countries of a multi-country file see their
     * own country's part and issues, and only counts of the others; any other analyst is refused.
     */
    public SubmissionView read(Account account, String submissionId) {
        SubmissionRecord submission = find(submissionId);
        if (account.role() == Role.ANALYST
                && !submission.concerns(account.country())
                && !submission.submittedBy().equals(account.accountId())) {
            throw forbidden(Message.of(
                    ApiMessage.READ_OTHER_SUBMISSION,
                    "who",
                    account.described(),
                    "id",
                    submission.submissionId(),
                    "concerned",
                    concernedCountries(submission),
                    "own",
                    account.country()));
        }
        return view(submission, report(submission), onlyCountryOf(account, submission), Optional.empty());
    }

    /**
     * A page of the submissions the caller may list, newest first: an analyst's own country's (asking for another
     * country is refused), the secretariat's all or one country's; with {@code state}, only those with a part in
     * that state (of the country asked for, if any), or rejected ones.
     */
    public SubmissionPage list(
            Account account,
            Optional<String> country,
            Optional<PartState> state,
            Optional<ListCursor> after,
            int limit) {
        requireNonNull(account, "account is null");
        if (limit < 1 || limit > MAXIMUM_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be from 1 to %d: %d".formatted(MAXIMUM_PAGE_SIZE, limit));
        }
        Optional<String> asked = country.map(value -> value.strip().toUpperCase(Locale.ROOT));
        if (account.role() == Role.ANALYST) {
            if (asked.isPresent() && !asked.get().equals(account.country())) {
                throw forbidden(Message.of(
                        ApiMessage.LIST_OTHER_COUNTRY,
                        "who",
                        account.described(),
                        "country",
                        asked.get(),
                        "own",
                        account.country()));
            }
            asked = Optional.of(account.country());
        }
        Approvals approvals = registry.approvals();
        Map<String, List<ApprovalRecord>> decisions = registry.decisionsBySubmission(); // one read, not one a row
        Map<String, String> vintages = publishedParts.newestVintages();
        List<SubmissionView> items = new ArrayList<>();
        Optional<ListCursor> next = Optional.empty();
        for (SubmissionRecord submission : newestFirst()) {
            if (after.isPresent() && !after.get().precedes(submission)) {
                continue;
            }
            if (asked.isPresent() && !submission.concerns(asked.get())) {
                continue;
            }
            Optional<String> onlyCountry = onlyCountryOf(account, submission);
            List<SubmissionPart> parts = parts(
                    submission,
                    approvals,
                    decisions.getOrDefault(submission.submissionId(), List.of()),
                    vintages,
                    asked);
            if (state.isPresent() && !inState(submission, parts, state.get())) {
                continue;
            }
            if (items.size() == limit) {
                next = Optional.of(ListCursor.after(items.get(items.size() - 1).submission()));
                break;
            }
            items.add(view(submission, parts, report(submission), onlyCountry, Optional.empty()));
        }
        return new SubmissionPage(items, next);
    }

    private static boolean inState(SubmissionRecord submission, List<SubmissionPart> parts, PartState state) {
        if (!submission.accepted()) {
            return state == PartState.REJECTED;
        }
        return parts.stream().anyMatch(part -> part.state() == state);
    }

    /**
     * Every submission newest first: the registry's, and those staged before the registry recorded submissions.
     */
    private List<SubmissionRecord> newestFirst() {
        List<SubmissionRecord> recorded = registry.submissionsNewestFirst();
        Set<String> known = new TreeSet<>();
        recorded.forEach(submission -> known.add(submission.submissionId()));
        List<SubmissionRecord> unrecorded = staged().stream()
                .filter(staged -> !known.contains(staged.submissionId()))
                .toList();
        if (unrecorded.isEmpty()) {
            return recorded;
        }
        List<SubmissionRecord> all = new ArrayList<>(recorded);
        all.addAll(unrecorded);
        all.sort((one, other) -> {
            int byTime = other.submittedAt().compareTo(one.submittedAt());
            return byTime != 0 ? byTime : other.submissionId().compareTo(one.submissionId());
        });
        return all;
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

    /**
     * Records a country's decision about its part (only its own analysts decide, country sovereignty); deciding the
     * same again changes nothing and answers the earlier decision.
     */
    public ApprovalRecord decide(Account account, String submissionId, String country, Decision decision) {
        Message verb = Message.of(decision == Decision.APPROVED ? ApiMessage.VERB_APPROVE : ApiMessage.VERB_WITHDRAW);
        String part = country.toUpperCase(Locale.ROOT);
        if (account.role() != Role.ANALYST || !part.equals(account.country())) {
            throw forbidden(Message.of(
                    ApiMessage.DECIDE_OTHER_PART, "who", account.described(), "verb", verb, "country", part));
        }
        SubmissionRecord submission = find(submissionId);
        if (!submission.accepted()) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(ApiMessage.DECIDE_REJECTED, "id", submission.submissionId(), "verb", verb));
        }
        if (!submission.countries().contains(part)) {
            throw new ObservatoryException(
                    ErrorCode.NOT_FOUND,
                    Message.of(
                            ApiMessage.PART_NOT_IN_SUBMISSION,
                            "id",
                            submission.submissionId(),
                            "country",
                            part,
                            "verb",
                            verb,
                            "parts",
                            concernedCountries(submission)));
        }
        ApprovalPolicy policy = config.approvalPolicy();
        boolean published = registry.approvals().publishes(policy, submission.submissionId(), part);
        if (decision == Decision.WITHDRAWN && !published) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.WITHDRAW_NOT_APPROVED,
                            "country",
                            part,
                            "id",
                            submission.submissionId(),
                            "policy",
                            policy.settingName()));
        }
        Optional<ApprovalRecord> earlier = registry.decisions(submission.submissionId()).stream()
                .filter(record -> record.country().equals(part))
                .findFirst();
        return earlier.isPresent() && earlier.get().decision() == decision
                ? earlier.get()
                : registry.decide(submission.submissionId(), part, decision, account.describe());
    }

    /** A landed file as it is served: where it is and the name it was uploaded under. */
    public record RawFile(Path path, String fileName) {
        public RawFile {
            requireNonNull(path, "path is null");
            requireNonNull(fileName, "fileName is null");
        }
    }

    /**
     * The raw landed file, for the secretariat and for the analysts of the submission's country when the file is
     * that country's alone (invariant 8); each download is audited.
     */
    public RawFile rawFile(Account account, String submissionId) throws IOException {
        SubmissionRecord submission = fileReader(account, submissionId, ApiMessage.ACTION_DOWNLOAD_RAW_FILE_OF);
        Path landed = landed(submission);
        registry.audit(account.describe(), "raw-file", submission.submissionId(), "downloaded the raw file");
        return new RawFile(landed, submission.fileName());
    }

    /**
     * The fix list of a submission: its file with one added column naming every issue of each line ({@link
     * FixList}), under the raw file's access rules; audited like a download of the raw file. The issues are found by
     * validating the landed file again ({@link SubmissionIntake#allIssues}, one validation at a time like uploads),
     * which lists every issue up to {@link FixList#ALL_ISSUES_LIMIT}; without an intake that can, they are those of
     * the stored report (the first of each code). Its messages are in the locale's language.
     *
     * @throws ObservatoryException {@code CONFLICT} when the file was not read as delimited text
     */
    public FixList fixList(Account account, String submissionId, Locale locale) throws IOException {
        SubmissionRecord submission = fileReader(account, submissionId, ApiMessage.ACTION_DOWNLOAD_FIX_LIST_OF);
        JsonNode report = report(submission);
        if (!report.path("encoding").isTextual() || !report.path("delimiter").isTextual()) {
            throw new ObservatoryException(
                    ErrorCode.CONFLICT,
                    Message.of(
                            ApiMessage.FIX_LIST_NOT_DELIMITED,
                            "id",
                            submission.submissionId(),
                            "file",
                            submission.fileName()));
        }
        Path landed = landed(submission);
        Optional<SubmissionIntake.AllIssues> all = allIssues(submission, landed);
        FixList fixList = all.isPresent()
                ? FixList.of(landed, submission.fileName(), report, all.get(), locale)
                : FixList.of(landed, submission.fileName(), report, locale);
        registry.audit(account.describe(), "fix-list", submission.submissionId(), "downloaded the fix list");
        return fixList;
    }

    /** Every issue of the landed file, when this server's intake can validate it again. */
    private Optional<SubmissionIntake.AllIssues> allIssues(SubmissionRecord submission, Path landed)
            throws IOException {
        if (config.intake().isEmpty()) {
            return Optional.empty();
        }
        ingestLock.lock(); // as heavy as an ingest: one at a time
        try {
            return config.intake().get().allIssues(submission, landed, FixList.ALL_ISSUES_LIMIT);
        } finally {
            ingestLock.unlock();
        }
    }

    private SubmissionRecord fileReader(Account account, String submissionId, ApiMessage toDo) {
        SubmissionRecord submission = find(submissionId);
        if (account.role() == Role.ANALYST && !submission.belongsOnlyTo(account.country())) {
            throw forbidden(Message.of(
                    ApiMessage.FILE_OF_OTHER_COUNTRY,
                    "who",
                    account.described(),
                    "action",
                    Message.of(toDo),
                    "id",
                    submission.submissionId(),
                    "whose",
                    submission.country() != null
                            ? Message.of(ApiMessage.FILE_IS_COUNTRYS, "country", submission.country())
                            : Message.of(ApiMessage.FILE_HOLDS_ROWS_OF, "countries", concernedCountries(submission))));
        }
        return submission;
    }

    private Path landed(SubmissionRecord submission) throws IOException {
        return landedFile(submission.sha256())
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        "The raw file of submission %s (sha256 %s) is missing from landing/"
                                .formatted(submission.submissionId(), submission.sha256())));
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
        return staged().stream()
                .filter(submission -> submission.submissionId().equals(id))
                .findFirst()
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND, Message.of(ApiMessage.SUBMISSION_UNKNOWN, "id", quote(id))));
    }

    /** The accepted submissions of the staging area, as records without a report. */
    private List<SubmissionRecord> staged() {
        if (config.intake().isEmpty()) {
            return List.of();
        }
        List<SubmissionRecord> staged = new ArrayList<>();
        try {
            for (SubmissionManifest manifest : config.intake().get().acceptedSubmissions()) {
                staged.add(new SubmissionRecord(
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
                        "{}"));
            }
        } catch (IOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, "Cannot read the staged submissions", e);
        }
        return staged;
    }

    private JsonNode report(SubmissionRecord submission) {
        try {
            return json.readTree(submission.reportJson());
        } catch (JsonProcessingException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "The validation report of submission %s in the registry is not JSON"
                            .formatted(submission.submissionId()),
                    e);
        }
    }

    private SubmissionView view(
            SubmissionRecord submission,
            JsonNode report,
            Optional<String> onlyCountry,
            Optional<Boolean> alreadySubmitted) {
        List<SubmissionPart> parts = parts(
                submission,
                registry.approvals(),
                registry.decisions(submission.submissionId()),
                publishedParts.newestVintages(),
                Optional.empty());
        return view(submission, parts, report, onlyCountry, alreadySubmitted);
    }

    /** The view of a submission limited to one country's part and issues when {@code onlyCountry} is given. */
    private SubmissionView view(
            SubmissionRecord submission,
            List<SubmissionPart> allParts,
            JsonNode report,
            Optional<String> onlyCountry,
            Optional<Boolean> alreadySubmitted) {
        ApprovalPolicy policy = config.approvalPolicy();
        if (onlyCountry.isEmpty()) {
            return new SubmissionView(submission, policy, allParts, report, onlyCountry, 0, 0, alreadySubmitted);
        }
        String own = onlyCountry.get();
        List<SubmissionPart> parts =
                allParts.stream().filter(part -> part.country().equals(own)).toList();
        int otherParts = (int) new TreeSet<>(submission.countries())
                .stream().filter(country -> !country.equals(own)).count();
        ArrayNode issues = json.createArrayNode();
        int otherIssues = 0;
        for (JsonNode issue : report.path("issues")) {
            if (own.equals(issue.path("country").asText(null))) {
                issues.add(issue);
            } else {
                otherIssues++; // another country's row, the file as a whole, or a report of no countries
            }
        }
        JsonNode limitedReport = report;
        if (report instanceof ObjectNode whole) {
            ObjectNode limited = whole.deepCopy();
            limited.set("issues", issues);
            // the report's lists of countries name the others too: keep only the reader's own
            ArrayNode countries = json.createArrayNode();
            whole.path("countries").forEach(country -> {
                if (own.equals(country.asText())) {
                    countries.add(country);
                }
            });
            limited.set("countries", countries);
            ObjectNode refused = json.createObjectNode();
            JsonNode ownRefused = whole.path("rowsOfOtherCountries").path(own);
            if (!ownRefused.isMissingNode()) {
                refused.set(own, ownRefused);
            }
            limited.set("rowsOfOtherCountries", refused);
            limitedReport = limited;
        }
        return new SubmissionView(
                submission, policy, parts, limitedReport, onlyCountry, otherParts, otherIssues, alreadySubmitted);
    }

    /**
     * The parts of a submission, ordered by country, with the decisions about it ({@code recorded}); only {@code
     * country}'s when it is given.
     */
    private List<SubmissionPart> parts(
            SubmissionRecord submission,
            Approvals approvals,
            List<ApprovalRecord> recorded,
            Map<String, String> vintages,
            Optional<String> country) {
        ApprovalPolicy policy = config.approvalPolicy();
        Map<String, ApprovalRecord> decisions = new LinkedHashMap<>();
        recorded.forEach(record -> decisions.put(record.country(), record));
        List<SubmissionPart> parts = new ArrayList<>();
        for (String code : new TreeSet<>(submission.countries())) {
            if (country.isPresent() && !country.get().equals(code)) {
                continue;
            }
            Optional<ApprovalRecord> decision = Optional.ofNullable(decisions.get(code));
            boolean publishes = approvals.publishes(policy, submission.submissionId(), code);
            Optional<String> vintage =
                    Optional.ofNullable(vintages.get(PublishedParts.key(submission.submissionId(), code)));
            PartState state;
            if (decision.isPresent() && decision.get().decision() == Decision.WITHDRAWN) {
                state = PartState.WITHDRAWN;
            } else if (!publishes) {
                state = PartState.PENDING_APPROVAL;
            } else {
                state = vintage.isPresent() ? PartState.PUBLISHED : PartState.APPROVED;
            }
            parts.add(new SubmissionPart(code, decision, publishes, state, vintage));
        }
        return parts;
    }

    private static String concerned(SubmissionRecord submission) {
        Set<String> countries = new TreeSet<>(submission.countries());
        if (submission.country() != null) {
            countries.add(submission.country());
        }
        return String.join(", ", countries);
    }

    /** The member states a submission concerns, or "no member state". */
    private static Object concernedCountries(SubmissionRecord submission) {
        String concerned = concerned(submission);
        return concerned.isEmpty() ? Message.of(ApiMessage.NO_MEMBER_STATE) : concerned;
    }

    private static ObservatoryException forbidden(Message message) {
        return new ObservatoryException(ErrorCode.FORBIDDEN, message);
    }
}
