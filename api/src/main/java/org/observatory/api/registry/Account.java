package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.error.Echo.quote;

import java.util.Optional;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.text.Message;

/**
 * An account of the registry: its id (the public part of its token), role, the country of an analyst (null for
 * the secretariat), when and by whom it was created. The token itself is never kept, only its SHA-256.
 */
public record Account(String accountId, Role role, String country, String createdAt, String createdBy) {
    public Account {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
        if ((role == Role.ANALYST) == (country == null)) {
            throw new IllegalArgumentException(
                    "an analyst account has a country and a secretariat account none: " + role + " " + country);
        }
    }

    public Optional<String> analystCountry() {
        return Optional.ofNullable(country);
    }

    /** How the audit log and messages name the account, e.g. {@code acct-1f2e3d4c5b6a (analyst MEX)}. */
    public String describe() {
        return "%s (%s%s)".formatted(accountId, role.wireName(), country == null ? "" : " " + country);
    }

    /** A description of an analyst for messages, e.g. {@code a MEX analyst}, or {@code the secretariat}. */
    public String who() {
        return described().english();
    }

    /** {@link #who()} as a message, to put in another one in the reader's language. */
    public Message described() {
        return role == Role.ANALYST
                ? Message.of(ApiMessage.WHO_ANALYST, "country", country)
                : Message.of(ApiMessage.WHO_SECRETARIAT);
    }

    /**
     * The rule for a new account's country, which the API and the secretariat's pages both apply: an analyst
     * account belongs to one member state, a secretariat account to none.
     *
     * @throws IllegalArgumentException saying what is wrong and how to fix it, for the caller to report
     */
    public static void checkCountry(Role role, Optional<String> country, MemberList members) {
        requireNonNull(role, "role is null");
        requireNonNull(country, "country is null");
        requireNonNull(members, "members is null");
        if (role == Role.ANALYST && country.isEmpty()) {
            throw new InvalidValueException(Message.of(ApiMessage.ANALYST_NEEDS_COUNTRY));
        }
        if (role == Role.SECRETARIAT && country.isPresent()) {
            throw new InvalidValueException(Message.of(ApiMessage.SECRETARIAT_HAS_NO_COUNTRY));
        }
        if (country.isPresent() && members.find(country.get()).isEmpty()) {
            throw new InvalidValueException(
                    Message.of(ApiMessage.ACCOUNT_COUNTRY_NOT_MEMBER, "country", quote(country.get())));
        }
    }
}
