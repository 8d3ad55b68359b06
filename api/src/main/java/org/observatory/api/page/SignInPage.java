package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Authentication;
import org.observatory.api.registry.Role;
import org.observatory.api.web.AuthenticationThrottle;

/**
 * Signing in and out of the pages: {@code GET /sign-in} shows a form to paste the bearer token once; {@code POST
 * /sign-in} starts a session ({@link Sessions}) and goes on to the page asked for, or to the visitor's own home
 * (an analyst's submissions, the secretariat's page); a refused token shows the form again with why, and counts as
 * a failed authentication of the address ({@link AuthenticationThrottle}). {@code POST /sign-out} ends the session.
 */
public final class SignInPage {
    /** Where an analyst and the secretariat land after signing in (paths without a language prefix). */
    public static final String ANALYST_HOME = "/submissions";

    public static final String SECRETARIAT_HOME = "/secretariat";

    private final Pages pages;
    private final Sessions sessions;
    private final AuthenticationThrottle throttle;
    private final SnapshotRepository repository;

    public SignInPage(Pages pages, Sessions sessions, AuthenticationThrottle throttle, SnapshotRepository repository) {
        this.pages = requireNonNull(pages, "pages is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.repository = requireNonNull(repository, "repository is null");
    }

    /**
     * The sign-in form's content.
     *
     * @param next the local path to go on to after signing in (empty: the visitor's home)
     * @param refusal why the token just sent was refused, in the page's language
     */
    public record View(String csrfToken, String next, Optional<String> refusal, Optional<String> home) {
        public View {
            requireNonNull(csrfToken, "csrfToken is null");
            requireNonNull(next, "next is null");
            requireNonNull(refusal, "refusal is null");
            requireNonNull(home, "home is null");
        }
    }

    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        String next = localPath(ctx.queryParam("next"));
        Optional<Sessions.SignedIn> signedIn = sessions.signedIn(ctx);
        if (signedIn.isPresent() && !next.isEmpty()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        if (signedIn.isPresent()) {
            // signed in already: say so, with the way home and the sign-out button
            PageFrame frame = pages.privateFrame(ctx, t, t.text("signIn.title"), repository.current(), signedIn.get());
            String home = destination(t, "", signedIn.get().account());
            pages.render(ctx, "signIn.jte", frame, new View("", "", Optional.empty(), Optional.of(home)));
            return;
        }
        render(ctx, t, next, Optional.empty());
    }

    public void signIn(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Forms.verifySignIn(ctx);
        String next = localPath(ctx.formParam("next"));
        String token = Optional.ofNullable(ctx.formParam("token")).orElse("");
        if (token.isBlank()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, t, next, Optional.of(t.text("signIn.error.empty")));
            return;
        }
        Sessions.SignInResult result = sessions.signIn(ctx, token);
        if (result instanceof Sessions.SignInResult.SignedInNow signedIn) {
            ctx.redirect(destination(t, next, signedIn.signedIn().account()), HttpStatus.SEE_OTHER);
            return;
        }
        throttle.recordFailure(ctx.ip());
        ctx.status(HttpStatus.UNAUTHORIZED);
        render(ctx, t, next, Optional.of(refusal(t, ((Sessions.SignInResult.Refused) result).refusal())));
    }

    public void signOut(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> signedIn = sessions.signedIn(ctx);
        if (signedIn.isPresent()) {
            Forms.verify(ctx, signedIn.map(Sessions.SignedIn::csrfToken));
            sessions.signOut(ctx);
        }
        Pages.seeOther(ctx, t, "/");
    }

    private void render(Context ctx, Localizer t, String next, Optional<String> refusal) {
        ctx.header("Cache-Control", "no-store");
        PageFrame frame = pages.frame(ctx, t, t.text("signIn.title"), repository.current());
        pages.render(ctx, "signIn.jte", frame, new View(Forms.signInToken(ctx), next, refusal, Optional.empty()));
    }

    /** Why the registry refused the token, in the page's language. */
    static String refusal(Localizer t, Authentication authentication) {
        if (authentication instanceof Authentication.Revoked revoked) {
            return t.text("signIn.error.revoked", revoked.accountId());
        }
        if (authentication instanceof Authentication.Expired expired) {
            return t.text("signIn.error.expired", expired.accountId());
        }
        if (authentication instanceof Authentication.Replaced replaced) {
            return t.text("signIn.error.replaced", replaced.accountId());
        }
        return t.text("signIn.error.unknown");
    }

    private static String destination(Localizer t, String next, Account account) {
        if (!next.isEmpty()) {
            return next;
        }
        return Pages.inLanguage(t.language(), account.role() == Role.SECRETARIAT ? SECRETARIAT_HOME : ANALYST_HOME);
    }

    /**
     * The path to go on to, when it is a path of this site: it starts with one slash and holds no scheme, host,
     * backslash or control character (an open redirect would send a visitor who just signed in elsewhere).
     */
    static String localPath(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.contains("://")
                || next.length() > 512
                || next.chars().anyMatch(character -> character < 0x20 || character == 0x7f)) {
            return "";
        }
        return next;
    }
}
