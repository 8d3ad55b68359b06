package org.observatory.schemas.text;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A codelist label (a name, a label, a definition) in the four languages. A language may lack its label; then
 * {@link #in(Language)} falls back to English, then Spanish, and says so ({@link Label#language()}), so an answer
 * can carry {@code nameLanguage}. English is required: every code has at least its English label.
 */
public final class Labels {
    private final Map<Language, String> texts;

    private Labels(Map<Language, String> texts) {
        this.texts = texts;
    }

    /** The labels given, blank ones left out; the English label is required. */
    public static Labels of(Map<Language, String> texts) {
        requireNonNull(texts, "texts is null");
        Map<Language, String> kept = new EnumMap<>(Language.class);
        texts.forEach((language, text) -> {
            if (text != null && !text.isBlank()) {
                kept.put(requireNonNull(language, "language is null"), text.strip());
            }
        });
        if (!kept.containsKey(Language.ENGLISH)) {
            throw new IllegalArgumentException("a label needs its English text, got " + texts);
        }
        return new Labels(Collections.unmodifiableMap(kept));
    }

    /** Labels in Spanish, English, Portuguese and French, in that order (nulls or blanks for missing ones). */
    public static Labels of(String spanish, String english, String portuguese, String french) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        texts.put(Language.SPANISH, spanish);
        texts.put(Language.ENGLISH, english);
        texts.put(Language.PORTUGUESE, portuguese);
        texts.put(Language.FRENCH, french);
        return of(texts);
    }

    /** The label in the language, or its fallback (English, then Spanish) with the language it is in. */
    public Label in(Language language) {
        requireNonNull(language, "language is null");
        for (Language candidate : new Language[] {language, Language.ENGLISH, Language.SPANISH}) {
            String text = texts.get(candidate);
            if (text != null) {
                return new Label(text, candidate);
            }
        }
        throw new IllegalStateException("unreachable: English is required");
    }

    /** The label's text in the language or its fallback. */
    public String text(Language language) {
        return in(language).text();
    }

    /** The label written in exactly this language, if there is one. */
    public Optional<String> exactly(Language language) {
        return Optional.ofNullable(texts.get(language));
    }

    /** The labels by language code ({@code es}, {@code en}, {@code pt}, {@code fr}), missing ones left out. */
    public Map<String, String> byCode() {
        Map<String, String> byCode = new LinkedHashMap<>();
        texts.forEach((language, text) -> byCode.put(language.code(), text));
        return Collections.unmodifiableMap(byCode);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels labels && texts.equals(labels.texts);
    }

    @Override
    public int hashCode() {
        return texts.hashCode();
    }

    @Override
    public String toString() {
        return texts.toString();
    }

    /** A label's text and the language it is written in (another than the one asked for when it fell back). */
    public record Label(String text, Language language) {
        public Label {
            requireNonNull(text, "text is null");
            requireNonNull(language, "language is null");
        }
    }
}
