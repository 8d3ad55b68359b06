package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Who is calling: the account of the request's bearer token ({@code Authorization: Bearer <token>}), or nobody.
 * A token of no account is refused (401) even where anonymous callers are welcome, so a client never mistakes a
 * mistyped token for anonymous access. Decisions that depend on the account raise 403 problems that name why.
 */
final class Access {
    private static final String SCHEME = "bearer ";

    private final Registry registry;

    Access(Registry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** The caller's account, or empty without an {@code Authorization} header. */
    Optional<Account> caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)
                || header.substring(SCHEME.length()).isBlank()) {
            throw AuthenticationException.invalid(
                    "The Authorization header must be 'Bearer <token>' with the token of your account");
        }
        Optional<Account> account = registry.authenticate(header.substring(SCHEME.length()));
        if (account.isEmpty()) {
            throw AuthenticationException.invalid(
                    "The bearer token matches no account; check that you copied the whole token, or ask the"
                            + " secretariat for a new account");
        }
        return account;
    }

    /** The caller's account; 401 without one. {@code toDo} completes "Send ... to ...". */
    Account required(Context ctx, String toDo) {
        return caller(ctx)
                .orElseThrow(() -> AuthenticationException.missing(
                        "Send 'Authorization: Bearer <token>' with the token of your account to %s; the secretariat creates accounts"
                                .formatted(toDo)));
    }

    /** The caller's account when it is the secretariat's; 401 without a token, 403 for an analyst. */
    Account secretariat(Context ctx, String toDo) {
        Account account = required(ctx, toDo);
        if (account.role() != Role.SECRETARIAT) {
            throw forbidden("Only the secretariat can %s; %s cannot".formatted(toDo, account.who()));
        }
        return account;
    }

    static ObservatoryException forbidden(String message) {
        return new ObservatoryException(ErrorCode.FORBIDDEN, message);
    }
}
