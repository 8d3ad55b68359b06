package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Authentication;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

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
            throw AuthenticationException.invalid(Message.of(ApiMessage.AUTHORIZATION_MALFORMED));
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
    private static Message refusal(Authentication authentication) {
        if (authentication instanceof Authentication.Revoked revoked) {
            return Message.of(
                    ApiMessage.TOKEN_REVOKED,
                    "account",
                    revoked.accountId(),
                    "at",
                    String.valueOf(revoked.revokedAt()));
        }
        if (authentication instanceof Authentication.Expired expired) {
            return Message.of(
                    ApiMessage.TOKEN_EXPIRED,
                    "account",
                    expired.accountId(),
                    "at",
                    String.valueOf(expired.expiredAt()));
        }
        if (authentication instanceof Authentication.Replaced replaced) {
            return Message.of(
                    ApiMessage.TOKEN_REPLACED,
                    "account",
                    replaced.accountId(),
                    "at",
                    String.valueOf(replaced.rotatedAt()));
        }
        return Message.of(ApiMessage.TOKEN_UNKNOWN);
    }

    /** The caller's account; 401 without one. {@code toDo} (an {@code ACTION_...}) completes "Send ... to ...". */
    Account required(Context ctx, ApiMessage toDo) {
        return caller(ctx)
                .orElseThrow(() -> AuthenticationException.missing(
                        Message.of(ApiMessage.AUTHENTICATION_REQUIRED, "action", Message.of(toDo))));
    }

    /** The caller's account when it is the secretariat's; 401 without a token, 403 for an analyst. */
    Account secretariat(Context ctx, ApiMessage toDo) {
        Account account = required(ctx, toDo);
        if (account.role() != Role.SECRETARIAT) {
            throw forbidden(
                    Message.of(ApiMessage.SECRETARIAT_ONLY, "action", Message.of(toDo), "who", account.described()));
        }
        return account;
    }

    static ObservatoryException forbidden(Message message) {
        return new ObservatoryException(ErrorCode.FORBIDDEN, message);
    }
}
