package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** A newly created account with its bearer token: the only time the token exists outside its owner's hands. */
public record NewAccount(Account account, String token) {
    public NewAccount {
        requireNonNull(account, "account is null");
        requireNonNull(token, "token is null");
    }

    /** The answer of {@code POST /api/v1/accounts} and {@code accounts add --format json}. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accountId", account.accountId());
        view.put("role", account.role().wireName());
        view.put("country", account.country());
        view.put("createdAt", account.createdAt());
        view.put("token", token);
        view.put(
                "notice",
                "The token is shown this once and the registry keeps only its SHA-256; hand it to the account's owner"
                        + " over a safe channel. Requests send it as 'Authorization: Bearer <token>'.");
        return view;
    }
}
