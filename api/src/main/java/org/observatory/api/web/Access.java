package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Authentication;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Who is calling: the account of the request's bearer token ({@code Authorization: Bearer <token>}), or nobody.
 * A token of no account is refused (401) even where anonymous callers are welcome, so a client never mistakes a
 * mistyped token for anonymous access; so is the token of a revoked or expired account, or one a rotation replaced,
 * from the request after the change on (the registry is asked on every request). Decisions that depend on the
 * account raise 403 problems that name why.
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
        Authentication authentication = registry.verify(header.substring(SCHEME.length()));
        if (authentication instanceof Authentication.Authenticated authenticated) {
            return Optional.of(authenticated.account());
        }
        throw AuthenticationException.invalid(refusal(authentication));
    }

    /**
     * Why a token is refused. Only the holder of an account's whole token learns that it was revoked, expired or
     * replaced, which is what they need to ask the secretariat for the right thing; any other token reads the same.
     */
    private static String refusal(Authentication authentication) {
        if (authentication instanceof Authentication.Revoked revoked) {
            return ("The bearer token is of account %s, which the secretariat revoked at %s; it no longer works. Ask"
                            + " the secretariat for a new account if you still need one")
                    .formatted(revoked.accountId(), revoked.revokedAt());
        }
        if (authentication instanceof Authentication.Expired expired) {
            return ("The bearer token of account %s expired at %s. Ask the secretariat to rotate the account with a"
                            + " new expiry, which gives you a new token")
                    .formatted(expired.accountId(), expired.expiredAt());
        }
        if (authentication instanceof Authentication.Replaced replaced) {
            return ("The bearer token of account %s was replaced by a new one at %s (a rotation); send the new token,"
                            + " or ask the secretariat to rotate the account again if you do not have it")
                    .formatted(replaced.accountId(), replaced.rotatedAt());
        }
        return "The bearer token matches no account; check that you copied the whole token, or ask the secretariat"
                + " for a new account";
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
