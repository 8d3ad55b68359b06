package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.Role;
import org.observatory.schemas.text.Message;

/**
 * A message used as an argument of another one (who is refused, what a route accepts, why a body is unreadable),
 * so the outer text and the words put in it are in the same language. Its {@link #toString()} is its English text,
 * so the outer message's English rendering (the exception's message, for logs) reads right; {@link #render}
 * renders both in another locale.
 */
public record Phrase(Message message) {
    public Phrase {
        requireNonNull(message, "message is null");
    }

    /** A phrase of an API message and its arguments as name-value pairs. */
    public static Phrase of(ApiMessage code, Object... namesAndValues) {
        return new Phrase(Message.of(code, namesAndValues));
    }

    /** Who an account is, as a refusal names it: "a MEX analyst", "the secretariat" ({@link Account#who()}). */
    public static Phrase who(Account account) {
        return account.role() == Role.ANALYST
                ? of(ApiMessage.WHO_ANALYST, "country", account.country())
                : of(ApiMessage.WHO_SECRETARIAT);
    }

    /** The message in the locale, its phrase arguments first rendered in the same locale. */
    public static String render(Message message, Locale locale) {
        requireNonNull(locale, "locale is null");
        return resolved(message, locale).in(locale);
    }

    private static Message resolved(Message message, Locale locale) {
        if (message.arguments().values().stream().noneMatch(Phrase.class::isInstance)) {
            return message;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        message.arguments()
                .forEach((name, value) ->
                        arguments.put(name, value instanceof Phrase phrase ? render(phrase.message(), locale) : value));
        return new Message(message.code(), arguments);
    }

    @Override
    public String toString() {
        return message.english();
    }
}
