package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.registry.AccountRecord;
import org.observatory.api.registry.AccountStatus;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.RunStatus;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The secretariat's home page {@code /secretariat}: the way to every submission, the accounts (by country code,
 * then id; a form to create one; revoke and rotate, each with a confirmation step, see {@link AccountsPage}), the
 * pipeline runs (a form to start one, the recent runs, see {@link RunPage}) and the response-rate report of every
 * cycle the served snapshot has replies for. Only a signed-in secretariat sees it; an analyst gets 403.
 */
public final class SecretariatPage {
    /** How many recent runs the page lists. */
    static final int RECENT_RUNS = 10;

    private final Pages pages;
    private final Sessions sessions;
    private final Registry registry;
    private final Optional<PipelineRuns> runs;
    private final SnapshotRepository repository;
    private final Codelists codelists;
    private final ReportCycles reportCycles;

    public SecretariatPage(
            Pages pages,
            Sessions sessions,
            Registry registry,
            Optional<PipelineRuns> runs,
            SnapshotRepository repository,
            Codelists codelists) {
        this.pages = requireNonNull(pages, "pages is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.reportCycles = new ReportCycles(repository);
    }

    /** The home page's content. */
    public record View(
            List<AccountRow> accounts,
            List<MemberState> members,
            AccountForm accountForm,
            boolean runsAvailable,
            List<RunRow> recentRuns,
            Optional<String> runRefusal,
            List<Integer> reportCycles) {
        public View {
            accounts = List.copyOf(requireNonNull(accounts, "accounts is null"));
            members = List.copyOf(requireNonNull(members, "members is null"));
            requireNonNull(accountForm, "accountForm is null");
            recentRuns = List.copyOf(requireNonNull(recentRuns, "recentRuns is null"));
            requireNonNull(runRefusal, "runRefusal is null");
            reportCycles = List.copyOf(requireNonNull(reportCycles, "reportCycles is null"));
        }
    }

    /** One account of the list, its dates in the page's language. */
    public record AccountRow(
            String accountId,
            String role,
            Optional<String> country,
            AccountStatus status,
            String statusText,
            String createdAt,
            String expiresAt) {
        public AccountRow {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(role, "role is null");
            requireNonNull(country, "country is null");
            requireNonNull(status, "status is null");
            requireNonNull(statusText, "statusText is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(expiresAt, "expiresAt is null");
        }

        /** A revoked account can neither be revoked again nor rotated (a revocation is final). */
        public boolean revoked() {
            return status == AccountStatus.REVOKED;
        }
    }

    /**
     * The create-account form as sent, shown again with why it was refused (empty values and no refusal at first).
     */
    public record AccountForm(String role, String country, String expires, Optional<String> refusal) {
        public static final AccountForm EMPTY = new AccountForm("analyst", "", "", Optional.empty());

        public AccountForm {
            requireNonNull(role, "role is null");
            requireNonNull(country, "country is null");
            requireNonNull(expires, "expires is null");
            requireNonNull(refusal, "refusal is null");
        }
    }

    /** One pipeline run of the list. */
    public record RunRow(String runId, RunStatus status, String statusText, String requestedAt, String finishedAt) {
        public RunRow {
            requireNonNull(runId, "runId is null");
            requireNonNull(status, "status is null");
            requireNonNull(statusText, "statusText is null");
            requireNonNull(requestedAt, "requestedAt is null");
            requireNonNull(finishedAt, "finishedAt is null");
        }
    }

    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> secretariat = secretariatOrSignIn(ctx, t, sessions);
        if (secretariat.isEmpty()) {
            return;
        }
        render(ctx, t, secretariat.get(), AccountForm.EMPTY, Optional.empty());
    }

    /** The home page, with the create-account form as sent and a run's refusal when there are. */
    void render(
            Context ctx, Localizer t, Sessions.SignedIn secretariat, AccountForm form, Optional<String> runRefusal) {
        Optional<Snapshot> snapshot = repository.current();
        PageFrame frame = pages.privateFrame(ctx, t, t.text("secretariat.title"), snapshot, secretariat);
        View view = new View(
                accounts(t, registry.accounts(), Instant.now()),
                codelists.members().all(),
                form,
                runs.isPresent(),
                registry.recentRuns(RECENT_RUNS).stream()
                        .map(run -> runRow(t, run))
                        .toList(),
                runRefusal,
                snapshot.map(reportCycles::of).orElse(List.of()));
        pages.render(ctx, "secretariat.jte", frame, view);
    }

    /** The accounts by country code (the secretariat's, without a country, first), then by id: never otherwise. */
    static List<AccountRow> accounts(Localizer t, List<AccountRecord> accounts, Instant now) {
        return accounts.stream()
                .sorted(Comparator.comparing(
                                (AccountRecord account) -> account.account().country(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(AccountRecord::accountId))
                .map(account -> new AccountRow(
                        account.accountId(),
                        t.text("accounts.role." + account.account().role().wireName()),
                        account.account().analystCountry(),
                        account.status(now),
                        t.text("accounts.status." + account.status(now).wireName()),
                        t.dateTime(account.account().createdAt()),
                        account.expiry().at().map(t::dateTime).orElseGet(() -> t.text("accounts.expires.never"))))
                .toList();
    }

    static RunRow runRow(Localizer t, PipelineRunRecord run) {
        return new RunRow(
                run.runId(),
                run.status(),
                t.text("run.status." + run.status().wireName()),
                t.dateTime(run.requestedAt()),
                run.finishedAt() == null ? "" : t.dateTime(run.finishedAt()));
    }

    /**
     * The signed-in visitor of a secretariat's page: empty after redirecting a visitor without a session to the
     * sign-in page ({@link Sessions#orSignIn}), 403 for an analyst ({@link #secretariatOnly}).
     */
    static Optional<Sessions.SignedIn> secretariatOrSignIn(Context ctx, Localizer t, Sessions sessions) {
        return sessions.orSignIn(ctx, t).map(SecretariatPage::secretariatOnly);
    }

    /**
     * The signed-in visitor when it is the secretariat.
     *
     * @throws ObservatoryException {@code FORBIDDEN} for an analyst, naming who they are and what to do
     */
    static Sessions.SignedIn secretariatOnly(Sessions.SignedIn visitor) {
        if (visitor.account().role() != Role.SECRETARIAT) {
            throw new ObservatoryException(
                    ErrorCode.FORBIDDEN,
                    ("Only the secretariat uses the secretariat's pages; you are signed in as %s (%s). Your own page is"
                                    + " %s; to act for the secretariat, sign out and sign in with a secretariat"
                                    + " account's token")
                            .formatted(
                                    visitor.account().who(), visitor.account().accountId(), SignInPage.ANALYST_HOME));
        }
        return visitor;
    }

    /**
     * The visitor of a POST from the secretariat's pages: its form's CSRF token is checked first (403 without a
     * session or with a wrong token, before anything is done), then that the visitor is the secretariat.
     */
    static Sessions.SignedIn verifiedSecretariat(Context ctx, Sessions sessions) {
        Optional<Sessions.SignedIn> visitor = sessions.signedIn(ctx);
        Forms.verify(ctx, visitor.map(Sessions.SignedIn::csrfToken));
        return secretariatOnly(visitor.orElseThrow());
    }
}
