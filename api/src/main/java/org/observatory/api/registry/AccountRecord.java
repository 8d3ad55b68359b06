package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account as the secretariat's listing shows it: who it is ({@link Account}), when its token stops working,
 * when and by whom it was revoked, and when and by whom its token was last rotated (null when it never was). Never
 * a token or a token's hash.
 */
public record AccountRecord(
        Account account, Expiry expiry, String revokedAt, String revokedBy, String rotatedAt, String rotatedBy) {
    public AccountRecord {
        requireNonNull(account, "account is null");
        requireNonNull(expiry, "expiry is null");
        if ((revokedAt == null) != (revokedBy == null)) {
            throw new IllegalArgumentException(
                    "a revoked account has both revokedAt and revokedBy: %s %s".formatted(revokedAt, revokedBy));
        }
    }

    public String accountId() {
        return account.accountId();
    }

    public AccountStatus status(Instant now) {
        if (revokedAt != null) {
            return AccountStatus.REVOKED;
        }
        return expiry.isOver(now) ? AccountStatus.EXPIRED : AccountStatus.ACTIVE;
    }

    /** The listing's entry ({@code GET /api/v1/accounts}, {@code accounts list --format json}). */
    public Map<String, Object> view(Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accountId", account.accountId());
        view.put("role", account.role().wireName());
        view.put("country", account.country());
        view.put("status", status(now).wireName());
        view.put("createdAt", account.createdAt());
        view.put("createdBy", account.createdBy());
        view.put("expiresAt", expiry.at().map(Instant::toString).orElse(null));
        view.put("revokedAt", revokedAt);
        view.put("revokedBy", revokedBy);
        view.put("rotatedAt", rotatedAt);
        view.put("rotatedBy", rotatedBy);
        return view;
    }
}
