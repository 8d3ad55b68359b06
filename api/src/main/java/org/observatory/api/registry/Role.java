package org.observatory.api.registry;

import java.util.Locale;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.text.Message;

/**
 * What an account may do. A country {@link #ANALYST} submits for its own country, approves or withdraws its own
 * country's part of a submission and rotates its own token; the {@link #SECRETARIAT} submits for any country, reads
 * every submission and its raw file, starts pipeline runs, creates, lists, revokes and rotates accounts and reads
 * the audit log. Without a token a caller is anonymous and reads published data only.
 */
public enum Role {
    ANALYST,
    SECRETARIAT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code analyst} or {@code secretariat} (any case). */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(name.strip())) {
                return role;
            }
        }
        throw new InvalidValueException(Message.of(ApiMessage.ROLE_UNKNOWN, "role", name.strip()));
    }
}
