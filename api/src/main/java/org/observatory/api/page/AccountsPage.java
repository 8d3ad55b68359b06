package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.AccountRecord;
import org.observatory.api.registry.Expiry;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The secretariat's account pages, under {@code /{lang}/secretariat/accounts}: {@code POST} creates an account with
 * the rules of {@code POST /api/v1/accounts} (the registry's, and {@link Account#checkCountry}); the new token is
 * then shown once, on {@code /{id}/token} (after a 303, so that reloading neither creates another account nor
 * shows the token again). {@code /{id}/revoke} and {@code /{id}/rotate} each show a confirmation form first; a
 * rotation's new token is shown once the same way. Every POST checks its CSRF token first.
 *
 * <p>A token waits for its one showing in memory, for the session that made it only, at most {@link #SHOWN_WITHIN}.
 */
public final class AccountsPage {
    /** How long a new token waits to be shown; after that it is gone (rotate the account for another). */
    static final Duration SHOWN_WITHIN = Duration.ofMinutes(10);

    private static final int MOST_WAITING = 100;

    private final Pages pages;
    private final Sessions sessions;
    private final Registry registry;
    private final SnapshotRepository repository;
    private final Codelists codelists;
    private final SecretariatPage home;
    private final Clock clock;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    public AccountsPage(
            Pages pages,
            Sessions sessions,
            Registry registry,
            SnapshotRepository repository,
            Codelists codelists,
            SecretariatPage home,
            Clock clock) {
        this.pages = requireNonNull(pages, "pages is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.home = requireNonNull(home, "home is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Why a token is shown: a new account, a rotation of an existing one, or of the visitor's own account (whose
     * session ends with its old token: the new token is shown at once, as the answer to the form).
     */
    public enum Origin {
        CREATED,
        ROTATED,
        ROTATED_OWN
    }

    /** What the confirmation page asks for. */
    public enum Action {
        REVOKE,
        ROTATE;

        /** The action's path segment and its message keys' part: {@code revoke}, {@code rotate}. */
        public String segment() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The token page: the account and, the first time only, its token. */
    public record TokenView(SecretariatPage.AccountRow account, Origin origin, Optional<String> token, String signIn) {
        public TokenView {
            requireNonNull(account, "account is null");
            requireNonNull(origin, "origin is null");
            requireNonNull(token, "token is null");
            requireNonNull(signIn, "signIn is null");
        }
    }

    /** A revoke or rotate confirmation, with the expiry sent and why the action was refused when it was. */
    public record ConfirmView(
            Action action, SecretariatPage.AccountRow account, String expires, Optional<String> refusal) {
        public ConfirmView {
            requireNonNull(action, "action is null");
            requireNonNull(account, "account is null");
            requireNonNull(expires, "expires is null");
            requireNonNull(refusal, "refusal is null");
        }
    }

    private record Waiting(String token, Origin origin, Instant until) {}

    /** {@code POST /{lang}/secretariat/accounts}: creates the account, then on to its token, shown once. */
    public void create(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Sessions.SignedIn secretariat = SecretariatPage.verifiedSecretariat(ctx, sessions);
        String roleField = Forms.field(ctx, "role");
        String countryField = Forms.field(ctx, "country").toUpperCase(Locale.ROOT);
        String expiresField = Forms.field(ctx, "expires");
        NewAccount created;
        try {
            Role role = Role.fromWireName(roleField);
            Optional<String> country = Optional.of(countryField).filter(value -> !value.isEmpty());
            Account.checkCountry(role, country, codelists.members());
            Expiry expiry = expiresField.isEmpty() ? Expiry.NEVER : Expiry.parse(expiresField, Instant.now());
            created = registry.addAccount(
                    role, country, expiry, secretariat.account().describe());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            home.render(
                    ctx,
                    t,
                    secretariat,
                    new SecretariatPage.AccountForm(roleField, countryField, expiresField, Optional.of(e.getMessage())),
                    Optional.empty());
            return;
        }
        keep(secretariat, created, Origin.CREATED);
        Pages.seeOther(ctx, t, tokenPath(created.account().accountId()));
    }

    /** {@code GET /{lang}/secretariat/accounts/{id}/token}: the new token, the first time only. */
    public void token(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> visitor = SecretariatPage.secretariatOrSignIn(ctx, t, sessions);
        if (visitor.isEmpty()) {
            return;
        }
        Sessions.SignedIn secretariat = visitor.get();
        AccountRecord account = account(ctx);
        renderToken(ctx, t, secretariat, account, take(secretariat, account.accountId()));
    }

    private void renderToken(
            Context ctx, Localizer t, Sessions.SignedIn secretariat, AccountRecord account, Optional<Waiting> shown) {
        PageFrame frame = pages.privateFrame(ctx, t, t.text("accounts.token.title"), repository.current(), secretariat);
        String signIn = ctx.scheme() + "://" + ctx.host() + Pages.inLanguage(t.language(), "/sign-in");
        pages.render(
                ctx,
                "accountToken.jte",
                frame,
                new TokenView(
                        row(t, account),
                        shown.map(Waiting::origin).orElse(Origin.CREATED),
                        shown.map(Waiting::token),
                        signIn));
    }

    /** {@code GET /{lang}/secretariat/accounts/{id}/revoke|rotate}: the confirmation form. */
    public void confirm(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> visitor = SecretariatPage.secretariatOrSignIn(ctx, t, sessions);
        if (visitor.isEmpty()) {
            return;
        }
        Sessions.SignedIn secretariat = visitor.get();
        renderConfirm(ctx, t, secretariat, action(ctx), account(ctx), "", Optional.empty());
    }

    /** {@code POST /{lang}/secretariat/accounts/{id}/revoke}: revokes, then back to the accounts. */
    public void revoke(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Sessions.SignedIn secretariat = SecretariatPage.verifiedSecretariat(ctx, sessions);
        AccountRecord account = account(ctx);
        try {
            registry.revoke(account.accountId(), secretariat.account().describe());
        } catch (ObservatoryException e) {
            refuse(ctx, t, secretariat, Action.REVOKE, e, "");
            return;
        }
        Pages.seeOther(ctx, t, "/secretariat#accounts");
    }

    /** {@code POST /{lang}/secretariat/accounts/{id}/rotate}: a new token (and expiry, when given), shown once. */
    public void rotate(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Sessions.SignedIn secretariat = SecretariatPage.verifiedSecretariat(ctx, sessions);
        AccountRecord account = account(ctx);
        String expiresField = Forms.field(ctx, "expires");
        NewAccount rotated;
        try {
            Optional<Expiry> expiry =
                    expiresField.isEmpty() ? Optional.empty() : Optional.of(Expiry.parse(expiresField, Instant.now()));
            rotated = registry.rotate(
                    account.accountId(), expiry, secretariat.account().describe());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            renderConfirm(ctx, t, secretariat, Action.ROTATE, account, expiresField, Optional.of(e.getMessage()));
            return;
        } catch (ObservatoryException e) {
            refuse(ctx, t, secretariat, Action.ROTATE, e, expiresField);
            return;
        }
        if (account.accountId().equals(secretariat.account().accountId())) {
            // the session held the old token and ends with it: no later page would show the new one
            renderToken(
                    ctx,
                    t,
                    secretariat,
                    registry.account(account.accountId()).orElseThrow(),
                    Optional.of(new Waiting(rotated.token(), Origin.ROTATED_OWN, clock.instant())));
            return;
        }
        keep(secretariat, rotated, Origin.ROTATED);
        Pages.seeOther(ctx, t, tokenPath(account.accountId()));
    }

    /** A conflict the registry names (revoked already, the last secretariat, expired) is shown on the form. */
    private void refuse(
            Context ctx,
            Localizer t,
            Sessions.SignedIn secretariat,
            Action action,
            ObservatoryException refusal,
            String expires) {
        if (refusal.errorCode() != ErrorCode.CONFLICT) {
            throw refusal;
        }
        ctx.status(HttpStatus.CONFLICT);
        renderConfirm(ctx, t, secretariat, action, account(ctx), expires, Optional.of(refusal.getMessage()));
    }

    private void renderConfirm(
            Context ctx,
            Localizer t,
            Sessions.SignedIn secretariat,
            Action action,
            AccountRecord account,
            String expires,
            Optional<String> refusal) {
        PageFrame frame = pages.privateFrame(
                ctx,
                t,
                t.text("accounts." + action.segment() + ".title", account.accountId()),
                repository.current(),
                secretariat);
        pages.render(ctx, "accountConfirm.jte", frame, new ConfirmView(action, row(t, account), expires, refusal));
    }

    private SecretariatPage.AccountRow row(Localizer t, AccountRecord account) {
        return SecretariatPage.accounts(t, List.of(account), Instant.now()).get(0);
    }

    /** The account of the path; 404 when the registry has none. */
    private AccountRecord account(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.account(id)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND,
                        "No account '%s'; the secretariat's page lists the accounts".formatted(Echo.quote(id))));
    }

    private static Action action(Context ctx) {
        return ctx.path().endsWith("/" + Action.REVOKE.segment()) ? Action.REVOKE : Action.ROTATE;
    }

    static String tokenPath(String accountId) {
        return "/secretariat/accounts/" + accountId + "/token";
    }

    /** Keeps the token for its one showing to this session. */
    private void keep(Sessions.SignedIn secretariat, NewAccount account, Origin origin) {
        synchronized (waiting) {
            dropOld();
            waiting.put(
                    key(secretariat, account.account().accountId()),
                    new Waiting(account.token(), origin, clock.instant().plus(SHOWN_WITHIN)));
            Iterator<String> oldest = waiting.keySet().iterator();
            while (waiting.size() > MOST_WAITING && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The token waiting for this session, removed: it is shown this once. */
    private Optional<Waiting> take(Sessions.SignedIn secretariat, String accountId) {
        synchronized (waiting) {
            dropOld();
            return Optional.ofNullable(waiting.remove(key(secretariat, accountId)));
        }
    }

    private void dropOld() {
        Instant now = clock.instant();
        waiting.values().removeIf(entry -> !now.isBefore(entry.until()));
    }

    private static String key(Sessions.SignedIn secretariat, String accountId) {
        return secretariat.csrfToken() + "/" + accountId;
    }
}
