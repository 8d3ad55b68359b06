package org.observatory.api.registry;

import java.util.Locale;

/** Whether an account's token works: {@link #ACTIVE}, {@link #EXPIRED} (its expiry is over) or {@link #REVOKED}. */
public enum AccountStatus {
    ACTIVE,
    EXPIRED,
    REVOKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
