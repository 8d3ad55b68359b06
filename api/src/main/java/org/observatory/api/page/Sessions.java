package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Authentication;
import org.observatory.api.registry.Registry;

/**
 * The sign-in sessions of the pages: an analyst or the secretariat pastes their bearer token once, and the browser
 * then holds only a random session id in a cookie ({@value #COOKIE}: {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} when served over TLS, path /). The server keeps the sessions in memory (a restart signs everyone
 * out) and asks the registry about the token on every request, so a revoked, expired or rotated account is signed
 * out from its next request on, as its bearer token is refused.
 *
 * <p>Each session has its own CSRF token, which every form of a signed-in page carries ({@link Forms}). A session
 * lasts {@link #LIFETIME} from sign-in; at most {@link #MOST_SESSIONS} are kept (the oldest goes first).
 */
public final class Sessions {
    public static final String COOKIE = "observatory_session";
    static final Duration LIFETIME = Duration.ofHours(8);
    static final int MOST_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Registry registry;
    private final Clock clock;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    public Sessions(Registry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A signed-in visitor: their account (as the registry has it now) and the CSRF token of their forms. */
    public record SignedIn(Account account, String csrfToken) {
        public SignedIn {
            requireNonNull(account, "account is null");
            requireNonNull(csrfToken, "csrfToken is null");
        }
    }

    private record Session(String token, String csrfToken, Instant expiresAt) {}

    /** What a sign-in attempt came to: signed in, or the registry's refusal of the token. */
    public sealed interface SignInResult {
        record SignedInNow(SignedIn signedIn) implements SignInResult {}

        record Refused(Authentication refusal) implements SignInResult {}
    }

    /** The visitor of the request's session cookie, if it names a live session whose token still works. */
    public Optional<SignedIn> signedIn(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String key = digest(id);
        Session session;
        synchronized (sessions) {
            session = sessions.get(key);
            if (session != null && !clock.instant().isBefore(session.expiresAt())) {
                sessions.remove(key);
                session = null;
            }
        }
        if (session == null) {
            return Optional.empty();
        }
        if (registry.verify(session.token()) instanceof Authentication.Authenticated authenticated) {
            return Optional.of(new SignedIn(authenticated.account(), session.csrfToken()));
        }
        synchronized (sessions) {
            sessions.remove(key);
        }
        return Optional.empty();
    }

    /**
     * The signed-in visitor of a page only they may see. Without one the answer becomes a redirect (303) to the
     * sign-in page, which comes back to this page afterwards, and the result is empty: the handler then returns.
     */
    public Optional<SignedIn> orSignIn(Context ctx, Localizer t) {
        Optional<SignedIn> signedIn = signedIn(ctx);
        if (signedIn.isEmpty()) {
            ctx.header("Cache-Control", "no-store");
            String here = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
            ctx.redirect(
                    Pages.inLanguage(t.language(), "/sign-in") + "?next="
                            + java.net.URLEncoder.encode(here, StandardCharsets.UTF_8),
                    io.javalin.http.HttpStatus.SEE_OTHER);
        }
        return signedIn;
    }

    /** Verifies the token and, when it works, starts a session and sets its cookie. */
    public SignInResult signIn(Context ctx, String token) {
        Authentication authentication = registry.verify(token.strip());
        if (!(authentication instanceof Authentication.Authenticated authenticated)) {
            return new SignInResult.Refused(authentication);
        }
        String id = randomToken();
        Session session =
                new Session(token.strip(), randomToken(), clock.instant().plus(LIFETIME));
        synchronized (sessions) {
            sessions.put(digest(id), session);
            Iterator<String> oldest = sessions.keySet().iterator();
            while (sessions.size() > MOST_SESSIONS && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        setCookie(ctx, COOKIE, id, LIFETIME);
        return new SignInResult.SignedInNow(new SignedIn(authenticated.account(), session.csrfToken()));
    }

    /** Ends the request's session and clears its cookie. */
    public void signOut(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            synchronized (sessions) {
                sessions.remove(digest(id));
            }
        }
        setCookie(ctx, COOKIE, "", Duration.ZERO);
    }

    int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /**
     * Sets a cookie only this site's own pages send back: {@code HttpOnly}, {@code SameSite=Strict}, path /, and
     * {@code Secure} when the request came over TLS (directly or through a trusted proxy).
     */
    static void setCookie(Context ctx, String name, String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder()
                .append(name)
                .append('=')
                .append(value)
                .append("; Path=/; Max-Age=")
                .append(maxAge.toSeconds())
                .append("; HttpOnly; SameSite=Strict");
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    /** 32 random bytes, base64url. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Sessions are kept under the SHA-256 of their id, so a heap dump holds no usable cookie. */
    private static String digest(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
