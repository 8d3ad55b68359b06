package org.observatory.schemas.text;

/**
 * The stable code of a user-facing text, declared as an enum constant per module ({@code IngestMessage},
 * {@code ApiMessage}, ...). Its text in each language is the value of {@link #key()} in the message bundle
 * {@link #bundle()}{@code _xx.properties} (UTF-8), with named placeholders such as <code>{column}</code>. The
 * {@link #code()} travels in JSON next to the rendered text so machines never parse prose.
 */
public interface MessageCode {
    /** The enum constant's name, e.g. {@code VALUE_NOT_A_NUMBER}. */
    String name();

    /** The base name of the message bundle, e.g. {@code org.observatory.ingest.messages}. */
    String bundle();

    /** The family of the code in {@link #code()}, e.g. {@code ingest}. */
    String family();

    /** The key in the bundle: the constant's name in lower case with dashes, e.g. {@code value-not-a-number}. */
    default String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The stable, language-free code, e.g. {@code ingest.value-not-a-number}. */
    default String code() {
        return family() + "." + key();
    }
}
