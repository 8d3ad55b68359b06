package org.observatory.api.page;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Cross-site request forgery protection of the pages' forms. Every form that changes something carries a hidden
 * {@value #FIELD} field: a signed-in visitor's is their session's CSRF token; the sign-in form's is a random value
 * that the browser also holds in the {@value #COOKIE} cookie (double submit), since there is no session yet. A POST
 * whose field does not match, or which a browser says came from another site ({@code Sec-Fetch-Site: cross-site},
 * or an {@code Origin} of another host), is refused with 403 before it does anything.
 */
public final class Forms {
    public static final String FIELD = "csrf";
    public static final String COOKIE = "observatory_form";

    private Forms() {}

    /** The sign-in form's token: the one of the request's cookie, or a new one set as a cookie. */
    public static String signInToken(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        if (existing != null && existing.length() >= 32) {
            return existing;
        }
        String token = Sessions.randomToken();
        Sessions.setCookie(ctx, COOKIE, token, Duration.ofHours(2));
        return token;
    }

    /** Refuses the POST unless its form's token matches the expected one and it came from this site. */
    public static void verify(Context ctx, Optional<String> expected) {
        refuseCrossSite(ctx);
        String sent = ctx.formParam(FIELD);
        if (expected.isEmpty() || sent == null || !constantTimeEquals(expected.get(), sent)) {
            throw new ObservatoryException(
                    ErrorCode.FORBIDDEN,
                    "The form's security token is missing or out of date (the page was open too long, you signed out,"
                            + " or the form came from another site); reload the page and send the form again");
        }
    }

    /** The sign-in form: its field must match its cookie. */
    public static void verifySignIn(Context ctx) {
        verify(ctx, Optional.ofNullable(ctx.cookie(COOKIE)).filter(token -> token.length() >= 32));
    }

    /** A form field's value, stripped; empty when the form has no such field. */
    public static String field(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).map(String::strip).orElse("");
    }

    private static void refuseCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        String origin = ctx.header("Origin");
        boolean crossSite = "cross-site".equalsIgnoreCase(site);
        if (origin != null && !origin.equals("null")) {
            String host = ctx.header("Host");
            crossSite |= host == null || !(origin.endsWith("://" + host));
        }
        if (crossSite) {
            throw new ObservatoryException(
                    ErrorCode.FORBIDDEN,
                    ("This form was sent from another site (Origin %s); forms of the observatory are accepted only"
                                    + " from its own pages. Open the page on this site and send the form from there")
                            .formatted(origin == null ? "unknown" : origin));
        }
    }

    private static boolean constantTimeEquals(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
