package org.observatory.api.registry;

import java.util.Locale;

/** What a country last decided about its part of a submission. */
public enum Decision {
    APPROVED,
    WITHDRAWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
