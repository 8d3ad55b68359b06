package org.observatory.schemas.text;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stable code of a user-facing text, declared as an enum constant per module ({@code IngestMessage},
 * {@code ApiMessage}, ...). Its {@link #code()} ({@code ingest.value-not-a-number}) travels in JSON and storage next
 * to the rendered text, so machines never parse prose. Its text in each language is the value of {@link #key()} in
 * the UTF-8 message bundle of its family: {@code org/observatory/messages/<family>_<language>.properties}, e.g.
 * {@code org/observatory/messages/ingest_fr.properties}, in the resources of the module that declares the family.
 */
public interface MessageCode {
    /** The family of the code, e.g. {@code ingest}: a lower-case word naming its bundle. */
    String family();

    /** The key in the bundle, e.g. {@code value-not-a-number}. */
    String key();

    /** The base name of the family's bundle, e.g. {@code org.observatory.messages.ingest}. */
    default String bundle() {
        return "org.observatory.messages." + family();
    }

    /** The stable, language-free code, e.g. {@code ingest.value-not-a-number}. */
    default String code() {
        return family() + "." + key();
    }

    /** The key of an enum constant: its name in lower case with dashes ({@code VALUE_NOT_A_NUMBER} is value-not-a-number). */
    static String keyOf(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The code of a stored or received {@link #code()} ({@code ingest.value-not-a-number}), whatever module declares
     * it; empty when it is not of the form family.key.
     */
    static Optional<MessageCode> parse(String code) {
        if (code == null || !Parsed.FORM.matcher(code).matches()) {
            return Optional.empty();
        }
        int dot = code.indexOf('.');
        return Optional.of(new Parsed(code.substring(0, dot), code.substring(dot + 1)));
    }

    /** A code read back from its text. */
    record Parsed(String family, String key) implements MessageCode {
        static final Pattern FORM = Pattern.compile("[a-z][a-z0-9]*\\.[a-z0-9][a-z0-9-]*");
    }
}
