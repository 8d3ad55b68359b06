package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.text.Message;

/**
 * When an account's token stops working: {@link #NEVER}, or at an instant. Given as a day ({@code YYYY-MM-DD}),
 * the token works until that day begins (UTC), so {@code 2027-01-01} means "through the last day of 2026".
 */
public record Expiry(Optional<Instant> at) {
    public static final Expiry NEVER = new Expiry(Optional.empty());

    /** How the command line and the API take an expiry: a day after today, or {@code never}. */
    public static final String FORMAT =
            "the day the token stops working as YYYY-MM-DD (UTC), e.g. 2027-01-01, or" + " never";

    public Expiry {
        requireNonNull(at, "at is null");
    }

    public static Expiry at(Instant instant) {
        return new Expiry(Optional.of(requireNonNull(instant, "instant is null")));
    }

    /**
     * Parses {@code never} or a day after today (UTC).
     *
     * @throws IllegalArgumentException naming what is wrong and the format, for the caller to report
     */
    public static Expiry parse(String text, Instant now) {
        requireNonNull(text, "text is null");
        requireNonNull(now, "now is null");
        String value = text.strip();
        if (value.toLowerCase(Locale.ROOT).equals("never")) {
            return NEVER;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            String shown = value.length() <= 40 ? value : value.substring(0, 40) + "...";
            throw new InvalidValueException(
                    Message.of(
                            ApiMessage.EXPIRY_NOT_A_DAY,
                            "value",
                            shown,
                            "format",
                            Message.of(ApiMessage.EXPIRY_FORMAT)),
                    e);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.isAfter(today)) {
            throw new InvalidValueException(Message.of(
                    ApiMessage.EXPIRY_NOT_AFTER_TODAY,
                    "day",
                    day.toString(),
                    "today",
                    today.toString(),
                    "format",
                    Message.of(ApiMessage.EXPIRY_FORMAT)));
        }
        return at(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Whether a token with this expiry no longer works at that instant. */
    public boolean isOver(Instant now) {
        return at.isPresent() && !now.isBefore(at.get());
    }

    /** For the audit log and messages: {@code no expiry} or {@code expires 2027-01-01T00:00:00Z}. */
    public String describe() {
        return at.map(instant -> "expires " + instant).orElse("no expiry");
    }
}
