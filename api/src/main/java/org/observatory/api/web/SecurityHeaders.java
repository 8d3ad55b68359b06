package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;

/**
 * Headers every answer carries, set before any route runs so that errors carry them too: {@code
 * X-Content-Type-Options: nosniff} on every answer (a browser never guesses a type other than the one sent, e.g. for
 * a landed raw file), and {@code Cache-Control: no-store} on the private routes (submissions and their raw files,
 * pipeline runs, accounts, the audit log), whose answers hold what only their caller may read and must not stay in a
 * browser's or a proxy's cache.
 */
public final class SecurityHeaders {
    static final String NO_SNIFF = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    static final String NO_STORE = "no-store";

    private final List<String> privatePrefixes;

    /** The private routes are the paths equal to one of the prefixes or under it. */
    public SecurityHeaders(List<String> privatePrefixes) {
        this.privatePrefixes = List.copyOf(requireNonNull(privatePrefixes, "privatePrefixes is null"));
    }

    /** A before-handler for every request. */
    public void set(Context ctx) {
        ctx.header(NO_SNIFF, NOSNIFF);
        if (isPrivate(ctx.path())) {
            ctx.header("Cache-Control", NO_STORE);
        }
    }

    boolean isPrivate(String path) {
        for (String prefix : privatePrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
