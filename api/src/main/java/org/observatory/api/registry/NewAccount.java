package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A newly created account, or an account whose token was just rotated, with its bearer token: the only time the
 * token exists outside its owner's hands.
 */
public record NewAccount(Account account, String token, Expiry expiry) {
    public NewAccount {
        requireNonNull(account, "account is null");
        requireNonNull(token, "token is null");
        requireNonNull(expiry, "expiry is null");
    }

    public NewAccount(Account account, String token) {
        this(account, token, Expiry.NEVER);
    }

    /**
     * The answer of {@code POST /api/v1/accounts}, {@code POST /api/v1/accounts/{id}/rotate} and {@code accounts
     * add|rotate --format json}.
     */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accountId", account.accountId());
        view.put("role", account.role().wireName());
        view.put("country", account.country());
        view.put("createdAt", account.createdAt());
        view.put("expiresAt", expiry.at().map(Instant::toString).orElse(null));
        view.put("token", token);
        view.put(
                "notice",
                "The token is shown this once and the registry keeps only its SHA-256; hand it to the account's owner"
                        + " over a safe channel. Requests send it as 'Authorization: Bearer <token>'.");
        return view;
    }
}
