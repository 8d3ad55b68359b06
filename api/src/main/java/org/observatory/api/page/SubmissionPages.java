package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.api.submission.FixList;
import org.observatory.api.submission.ListCursor;
import org.observatory.api.submission.NewSubmission;
import org.observatory.api.submission.PartState;
import org.observatory.api.submission.SubmissionPage;
import org.observatory.api.submission.SubmissionPart;
import org.observatory.api.submission.SubmissionRejectedException;
import org.observatory.api.submission.SubmissionView;
import org.observatory.api.submission.Submissions;
import org.observatory.api.web.SubmissionController;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The pages of a national analyst (the secretariat sees the same pages for every country), all for signed-in
 * visitors only and sent with {@code Cache-Control: no-store}:
 *
 * <pre>
 * GET  /submit, /{lang}/submit                  the upload form (an analyst's country fixed; the secretariat chooses)
 * POST /{lang}/submit                           uploads (multipart), then 303 to the receipt, accepted or rejected
 * GET  /submissions, /{lang}/submissions        the submissions, newest first, by cursor (?country&amp;status&amp;cursor)
 * GET  /submissions/{id}, /{lang}/...           the receipt
 * POST /{lang}/submissions/{id}/approve         a country's analyst approves its part, then 303 to the receipt
 * POST /{lang}/submissions/{id}/withdraw        ... or withdraws it
 * GET  /submissions/{id}/file                   the raw file, as the API serves it
 * GET  /submissions/{id}/fix-list               the fix list, as the API serves it
 * </pre>
 *
 * Every rule (who may submit, read, decide or download what) is the submission service's ({@link Submissions}),
 * the same the API follows: these handlers only read forms, verify their CSRF token first, and render.
 */
public final class SubmissionPages {
    /** How many submissions the list shows at once. */
    static final int PAGE_SIZE = 25;

    private static final List<String> LIST_PARAMETERS = List.of("country", "status", "cursor", "lang");

    private final Pages pages;
    private final Sessions sessions;
    private final Submissions submissions;
    private final SnapshotRepository repository;
    private final Codelists codelists;

    public SubmissionPages(
            Pages pages,
            Sessions sessions,
            Submissions submissions,
            SnapshotRepository repository,
            Codelists codelists) {
        this.pages = requireNonNull(pages, "pages is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.submissions = requireNonNull(submissions, "submissions is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
    }

    // ---- the upload form ----

    /**
     * The upload form's content.
     *
     * @param fixedCountry an analyst's own country (not editable); empty for the secretariat, who chooses one of
     *     {@code members} or none
     * @param problems why the form just sent was not uploaded, in the page's language
     * @param chosen what the form just sent held, shown again
     */
    public record SubmitView(
            List<SourceKind> sources,
            Optional<MemberState> fixedCountry,
            List<MemberState> members,
            long uploadLimitMegabytes,
            List<String> problems,
            Chosen chosen) {
        public SubmitView {
            sources = List.copyOf(requireNonNull(sources, "sources is null"));
            requireNonNull(fixedCountry, "fixedCountry is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
            problems = List.copyOf(requireNonNull(problems, "problems is null"));
            requireNonNull(chosen, "chosen is null");
        }
    }

    /** The values of the form's fields: the source kind's name, the country's code and the cycle as typed. */
    public record Chosen(String source, String country, String cycle) {
        static final Chosen NOTHING = new Chosen("", "", "");

        public Chosen {
            requireNonNull(source, "source is null");
            requireNonNull(country, "country is null");
            requireNonNull(cycle, "cycle is null");
        }
    }

    public void form(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.orSignIn(ctx, t);
        if (signedIn.isEmpty()) {
            return;
        }
        renderForm(ctx, t, signedIn.get(), List.of(), Chosen.NOTHING);
    }

    private void renderForm(
            Context ctx, Localizer t, Sessions.SignedIn signedIn, List<String> problems, Chosen chosen) {
        PageFrame frame = pages.privateFrame(ctx, t, t.text("submit.title"), repository.current(), signedIn);
        Account account = signedIn.account();
        Optional<MemberState> fixed = account.analystCountry().flatMap(codelists.members()::find);
        pages.render(
                ctx,
                "submit.jte",
                frame,
                new SubmitView(
                        Arrays.asList(SourceKind.values()),
                        fixed,
                        countryChoices(account),
                        submissions.uploadLimitBytes() >> 20,
                        problems,
                        chosen));
    }

    /**
     * Uploads the form's file through the submission service and goes on to its receipt (303), whether validation
     * accepted or rejected it. The CSRF token is verified before anything else is done with the request (only the
     * declared length is refused earlier, from the header, before the body is read); a form without a file, kind
     * or with a wrong cycle comes back with what to correct (400).
     */
    public void submit(Context ctx) throws IOException {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.signedIn(ctx);
        submissions.refuseDeclaredLength(ctx.req().getContentLengthLong());
        verify(ctx, signedIn);
        Account account = signedIn.orElseThrow().account();
        Chosen chosen = new Chosen(Forms.field(ctx, "source"), Forms.field(ctx, "country"), Forms.field(ctx, "cycle"));
        List<String> problems = new ArrayList<>();
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null
                || (file.size() == 0
                        && Optional.ofNullable(file.filename()).orElse("").isBlank())) {
            problems.add(t.text("submit.error.file"));
        }
        Optional<SourceKind> source = Arrays.stream(SourceKind.values())
                .filter(kind -> kind.cliName().equals(chosen.source()))
                .findFirst();
        if (source.isEmpty()) {
            problems.add(t.text("submit.error.source"));
        }
        OptionalInt cycle = OptionalInt.empty();
        if (!chosen.cycle().isEmpty()) {
            try {
                cycle = OptionalInt.of(Integer.parseInt(chosen.cycle()));
            } catch (NumberFormatException e) {
                cycle = OptionalInt.of(Integer.MIN_VALUE);
            }
            if (!ResponseRateReporter.isCycle(cycle.getAsInt())) {
                problems.add(t.text("submit.error.cycle", chosen.cycle()));
            }
        }
        Optional<String> country =
                Optional.of(chosen.country().toUpperCase(Locale.ROOT)).filter(code -> !code.isEmpty());
        if (account.role() == Role.SECRETARIAT
                && country.isPresent()
                && !codelists.members().isMember(country.get())) {
            problems.add(t.text("submit.error.country", chosen.country()));
        }
        if (!problems.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            renderForm(ctx, t, signedIn.get(), problems, chosen);
            return;
        }
        String submissionId;
        try (InputStream content = file.content()) {
            SubmissionView submitted = submissions.submit(
                    account, new NewSubmission(source.get(), country, cycle, file.filename()), content);
            submissionId = submitted.submission().submissionId();
        } catch (SubmissionRejectedException rejected) {
            submissionId = rejected.submissionId(); // recorded: its receipt says why
        }
        Pages.seeOther(ctx, t, receiptPath(submissionId));
    }

    // ---- the receipt ----

    public void receipt(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.orSignIn(ctx, t);
        if (signedIn.isEmpty()) {
            return;
        }
        Account account = signedIn.get().account();
        Receipt receipt = Receipt.of(submissions.read(account, ctx.pathParam("id")), account, t.locale());
        PageFrame frame = pages.privateFrame(
                ctx, t, t.text("receipt.title", receipt.submissionId()), repository.current(), signedIn.get());
        pages.render(ctx, "receipt.jte", frame, receipt);
    }

    public void approve(Context ctx) {
        decide(ctx, Decision.APPROVED);
    }

    public void withdraw(Context ctx) {
        decide(ctx, Decision.WITHDRAWN);
    }

    /**
     * Records the country's decision about its part (the form names the country; the service refuses anyone but
     * its own analysts) and goes back to the receipt, which shows the part's new state.
     */
    private void decide(Context ctx, Decision decision) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.signedIn(ctx);
        verify(ctx, signedIn);
        Account account = signedIn.orElseThrow().account();
        String country = Forms.field(ctx, "country");
        if (country.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER,
                    "The form names no country; approve or withdraw a part with the buttons of the submission's page");
        }
        submissions.decide(account, ctx.pathParam("id"), country, decision);
        Pages.seeOther(ctx, t, receiptPath(ctx.pathParam("id")));
    }

    /** The raw file, under the same rules (and audit) as {@code GET /api/v1/submissions/{id}/file}. */
    public void rawFile(Context ctx) throws IOException {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.orSignIn(ctx, t);
        if (signedIn.isEmpty()) {
            return;
        }
        Submissions.RawFile file = submissions.rawFile(signedIn.get().account(), ctx.pathParam("id"));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", SubmissionController.attachment(file.fileName()));
        ctx.contentType("application/octet-stream");
        ctx.result(Files.newInputStream(file.path()));
    }

    /** The fix list, under the same rules (and audit) as {@code GET /api/v1/submissions/{id}/fix-list}. */
    public void fixList(Context ctx) throws IOException {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.orSignIn(ctx, t);
        if (signedIn.isEmpty()) {
            return;
        }
        FixList fixList = submissions.fixList(signedIn.get().account(), ctx.pathParam("id"), t.locale());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", SubmissionController.attachment(fixList.fileName()));
        ctx.contentType("text/csv; charset=utf-8");
        fixList.writeTo(ctx.outputStream());
    }

    // ---- the list ----

    /**
     * One page of the list.
     *
     * @param ownCountry an analyst's country (the list is its submissions); empty for the secretariat, who filters
     *     by {@code members}
     * @param older the link to the next, older page
     * @param newest the link to the first page, when this is a later one
     */
    public record ListView(
            List<Row> rows,
            Optional<MemberState> ownCountry,
            List<MemberState> members,
            Optional<String> country,
            Optional<PartState> state,
            List<PartState> states,
            Optional<String> older,
            Optional<String> newest) {
        public ListView {
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
            requireNonNull(ownCountry, "ownCountry is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
            requireNonNull(country, "country is null");
            requireNonNull(state, "state is null");
            states = List.copyOf(requireNonNull(states, "states is null"));
            requireNonNull(older, "older is null");
            requireNonNull(newest, "newest is null");
        }
    }

    /**
     * One submission of the list: rejected (the file as a whole), or the state of each of its parts the reader sees.
     *
     * @param receivedAt when it was received, when the registry's time parses ({@code received} is as written)
     */
    public record Row(
            String submissionId,
            String received,
            Optional<Instant> receivedAt,
            String fileName,
            String sourceKind,
            String countries,
            Optional<Integer> cycle,
            boolean rejected,
            List<States> states) {
        public Row {
            requireNonNull(submissionId, "submissionId is null");
            requireNonNull(received, "received is null");
            requireNonNull(receivedAt, "receivedAt is null");
            requireNonNull(fileName, "fileName is null");
            requireNonNull(sourceKind, "sourceKind is null");
            requireNonNull(countries, "countries is null");
            requireNonNull(cycle, "cycle is null");
            states = List.copyOf(requireNonNull(states, "states is null"));
        }

        static Row of(SubmissionView view) {
            SubmissionRecord submission = view.submission();
            List<String> countries = view.onlyCountry().map(List::of).orElseGet(() -> {
                java.util.TreeSet<String> all = new java.util.TreeSet<>(submission.countries());
                if (submission.country() != null) {
                    all.add(submission.country());
                }
                return List.copyOf(all);
            });
            return new Row(
                    submission.submissionId(),
                    submission.submittedAt(),
                    Receipt.instant(submission.submittedAt()),
                    submission.fileName(),
                    submission.sourceKind(),
                    String.join(", ", countries),
                    Optional.ofNullable(submission.cycle()),
                    !submission.accepted(),
                    States.of(view.parts()));
        }
    }

    /**
     * The parts of a submission in one state (and vintage), countries by code: a release of 35 countries reads as
     * one line per state, not 35.
     */
    public record States(PartState state, Optional<String> publishedIn, List<String> countries) {
        public States {
            requireNonNull(state, "state is null");
            requireNonNull(publishedIn, "publishedIn is null");
            countries = List.copyOf(requireNonNull(countries, "countries is null"));
        }

        static List<States> of(List<SubmissionPart> parts) {
            java.util.Map<java.util.Map.Entry<PartState, Optional<String>>, List<String>> grouped =
                    new java.util.LinkedHashMap<>();
            parts.stream()
                    .sorted(java.util.Comparator.comparing(SubmissionPart::country))
                    .forEach(part -> grouped.computeIfAbsent(
                                    java.util.Map.entry(part.state(), part.publishedIn()), key -> new ArrayList<>())
                            .add(part.country()));
            List<States> states = new ArrayList<>();
            grouped.forEach((key, countries) -> states.add(new States(key.getKey(), key.getValue(), countries)));
            return states;
        }
    }

    public void list(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.orSignIn(ctx, t);
        if (signedIn.isEmpty()) {
            return;
        }
        for (String name : ctx.queryParamMap().keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new ObservatoryException(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "Unknown query parameter '%s'; the list of submissions takes country, status and cursor"
                                .formatted(Echo.quote(name)));
            }
        }
        Account account = signedIn.get().account();
        Optional<String> country = query(ctx, "country").map(value -> value.toUpperCase(Locale.ROOT));
        Optional<PartState> state;
        Optional<ListCursor> cursor;
        try {
            state = query(ctx, "status").map(PartState::fromWireName);
        } catch (IllegalArgumentException e) {
            throw new ObservatoryException(ErrorCode.INVALID_PARAMETER, "Query parameter 'status': " + e.getMessage());
        }
        try {
            cursor = query(ctx, "cursor").map(ListCursor::parse);
        } catch (IllegalArgumentException e) {
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER,
                    "Query parameter 'cursor' " + e.getMessage() + " (" + t.text("submissions.error.cursor") + ")");
        }
        SubmissionPage page = submissions.list(account, country, state, cursor, PAGE_SIZE);
        List<String> filters = new ArrayList<>();
        if (account.role() == Role.SECRETARIAT) {
            country.ifPresent(code -> filters.add("country=" + encode(code)));
        }
        state.ifPresent(value -> filters.add("status=" + value.wireName()));
        String base = Pages.inLanguage(t.language(), "/submissions");
        String filtered = filters.isEmpty() ? base : base + "?" + String.join("&", filters);
        Optional<String> older =
                page.next().map(next -> filtered + (filters.isEmpty() ? "?" : "&") + "cursor=" + next.token());
        Optional<String> newest = cursor.map(ignored -> filtered);
        ListView view = new ListView(
                page.items().stream().map(Row::of).toList(),
                account.analystCountry().flatMap(codelists.members()::find),
                countryChoices(account),
                account.role() == Role.SECRETARIAT ? country : Optional.empty(),
                state,
                Arrays.asList(PartState.values()),
                older,
                newest);
        PageFrame frame = pages.privateFrame(ctx, t, t.text("submissions.title"), repository.current(), signedIn.get());
        pages.render(ctx, "submissions.jte", frame, view);
    }

    // ---- helpers ----

    /** Refuses the POST (403) unless a signed-in visitor sent it with their form's token, from this site. */
    private void verify(Context ctx, Optional<Sessions.SignedIn> signedIn) {
        try {
            Forms.verify(ctx, signedIn.map(Sessions.SignedIn::csrfToken));
        } catch (IllegalStateException e) {
            // Jetty's multipart parser, reading the token's field: the body is above the upload limit, or unreadable
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw submissions.tooLarge(-1);
            }
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER,
                    "The form could not be read (%s); send it again from the upload page".formatted(e.getMessage()),
                    e);
        }
    }

    private static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The countries a visitor chooses from (by code): every member for the secretariat, none for an analyst. */
    private List<MemberState> countryChoices(Account account) {
        return account.role() == Role.SECRETARIAT ? codelists.members().all() : List.of();
    }

    private static String receiptPath(String submissionId) {
        return "/submissions/" + encode(submissionId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
