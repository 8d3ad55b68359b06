package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

/**
 * What the registry knows of a bearer token ({@link Registry#verify(String)}). Only a caller holding the whole
 * token of an account learns that the account was revoked, expired or rotated; a token of no account, a wrong
 * secret and a malformed token are all {@link NoAccount}, so nothing helps to guess a token.
 */
public sealed interface Authentication {
    /** The token is the account's current one, and the account is neither revoked nor expired. */
    record Authenticated(Account account) implements Authentication {
        public Authenticated {
            requireNonNull(account, "account is null");
        }
    }

    /** The token belongs to no account (or is not shaped like a token). */
    record NoAccount() implements Authentication {}

    /** The token (current or replaced) is of an account the secretariat revoked. */
    record Revoked(String accountId, String revokedAt) implements Authentication {
        public Revoked {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(revokedAt, "revokedAt is null");
        }
    }

    /** The token is the account's current one, and its expiry is over. */
    record Expired(String accountId, String expiredAt) implements Authentication {
        public Expired {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(expiredAt, "expiredAt is null");
        }
    }

    /** The token was the account's previous one: a rotation replaced it. */
    record Replaced(String accountId, String rotatedAt) implements Authentication {
        public Replaced {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(rotatedAt, "rotatedAt is null");
        }
    }
}
