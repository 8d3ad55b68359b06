package org.observatory.schemas.text;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A user-facing text before it is put in a language: its {@link MessageCode} and named arguments. Render it with
 * {@link #in(Locale)}; the code and the {@link #arguments()} are language-free and can be stored or sent as JSON.
 *
 * <p>Arguments that are numbers ({@code Integer}, {@code Long}, {@code Double}, ...) are formatted by the locale's
 * CLDR rules when rendered (1 234,5 in French); pass years, codes, line numbers written in a file and anything else
 * that must not be grouped as strings. An argument that is itself a {@code Message} is rendered in the same locale,
 * and one that is {@link Labels} (a country's names) gives its label in the locale's language.
 */
public record Message(MessageCode code, Map<String, Object> arguments) {
    public Message {
        requireNonNull(code, "code is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
        arguments.forEach((name, value) -> {
            requireNonNull(name, "argument name is null");
            requireNonNull(value, () -> "argument '" + name + "' of " + code.code() + " is null");
        });
    }

    /**
     * A message with its arguments as name-value pairs: {@code Message.of(VALUE_NOT_A_NUMBER, "column", "count",
     * "value", "12,5")}. A null value is written as an empty string.
     */
    public static Message of(MessageCode code, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "arguments of " + code.code() + " come in name-value pairs, got " + namesAndValues.length);
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int index = 0; index < namesAndValues.length; index += 2) {
            Object value = namesAndValues[index + 1];
            arguments.put(String.valueOf(namesAndValues[index]), value == null ? "" : value);
        }
        return new Message(code, arguments);
    }

    /**
     * A message read back from its stored or received form: its {@link MessageCode#code()} and arguments (numbers
     * as numbers, the rest as text); empty when the code is not of the form family.key.
     */
    public static java.util.Optional<Message> decode(String code, Map<String, ?> arguments) {
        return MessageCode.parse(code).map(parsed -> new Message(parsed, new LinkedHashMap<>(arguments)));
    }

    /** The text in the locale's language, numbers and dates formatted by its CLDR rules. */
    public String in(Locale locale) {
        return Messages.render(this, locale);
    }

    /** The text in a language's default locale. */
    public String in(Language language) {
        return Messages.render(this, language.defaultLocale());
    }

    /** The English text, for logs and for exception messages. */
    public String english() {
        return in(Language.ENGLISH);
    }
}
