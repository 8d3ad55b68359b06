package org.observatory.schemas.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language of the Organization of American States, in the order every language switch and every list of
 * languages follows. Each has the CLDR locale a bare language means ({@code es} is {@code es-419}, {@code en} is
 * {@code en-US}, {@code pt} is {@code pt-BR}, {@code fr} is {@code fr-CA}); a request may name another region of
 * the same language ({@code fr-FR}), which then formats its numbers and dates (see {@link #negotiate}).
 */
public enum Language {
    SPANISH("es", "es-419", "Español"),
    ENGLISH("en", "en-US", "English"),
    PORTUGUESE("pt", "pt-BR", "Português"),
    FRENCH("fr", "fr-CA", "Français");

    private final String code;
    private final Locale defaultLocale;
    private final String ownName;

    Language(String code, String defaultLocale, String ownName) {
        this.code = code;
        this.defaultLocale = Locale.forLanguageTag(defaultLocale);
        this.ownName = ownName;
    }

    /** The ISO 639-1 code: {@code es}, {@code en}, {@code pt}, {@code fr}. */
    public String code() {
        return code;
    }

    /** The CLDR locale of the bare language: {@code es-419}, {@code en-US}, {@code pt-BR}, {@code fr-CA}. */
    public Locale defaultLocale() {
        return defaultLocale;
    }

    /** The language's name in itself, as a language switch shows it. */
    public String ownName() {
        return ownName;
    }

    /**
     * Whether a whole count takes the singular in this language: exactly 1 in English, Spanish and Portuguese; 0 and
     * 1 in French (CLDR's cardinal "one" rule, except that Brazilian usage writes zero with the plural, "0 erros",
     * where CLDR's pt rule would take 0 as singular).
     */
    public boolean singular(double count) {
        double amount = Math.abs(count);
        return switch (this) {
            case FRENCH -> amount < 2 && Math.floor(amount) == amount;
            case SPANISH, ENGLISH, PORTUGUESE -> amount == 1;
        };
    }

    /** The four languages in their fixed order. */
    public static List<Language> all() {
        return List.of(values());
    }

    /** The language of a code ({@code pt}, {@code PT}, {@code pt-BR} all give Portuguese); empty when unsupported. */
    public static Optional<Language> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String primary = code.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(language -> language.code.equals(primary))
                .findFirst();
    }

    /** The language of a locale, when it is one of the four. */
    public static Optional<Language> of(Locale locale) {
        requireNonNull(locale, "locale is null");
        return find(locale.getLanguage());
    }

    /**
     * The locale a language tag asks for, when its language is one of the four: a bare language gives its
     * {@link #defaultLocale()} ({@code fr} is {@code fr-CA}), a language with a region keeps the region
     * ({@code fr-FR}, {@code pt-PT}, {@code es-MX}), so numbers and dates follow the CLDR data of that region.
     * {@code *}, an unsupported language and a malformed tag give empty.
     */
    public static Optional<Locale> locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        Locale asked = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return of(asked)
                .map(language -> asked.getCountry().isEmpty()
                        ? language.defaultLocale
                        : new Locale.Builder()
                                .setLanguage(language.code)
                                .setRegion(asked.getCountry())
                                .build());
    }

    /**
     * The best locale of an HTTP {@code Accept-Language} header among the four languages, by the header's weights
     * (RFC 9110); empty when the header is absent or names none of them. A malformed range ({@code fr;q=abc}) is
     * passed over, the others still count; {@code fr_FR} is read as {@code fr-FR}.
     */
    public static Optional<Locale> negotiate(String acceptLanguage) {
        return ranges(acceptLanguage).stream()
                .filter(range -> range.getWeight() > 0)
                .map(range -> locale(range.getRange()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The ranges of an HTTP {@code Accept-Language} header, best first (RFC 9110 weights; equal weights in the
     * header's order). A malformed range ({@code fr;q=abc}) is passed over, the others still count; {@code fr_FR} is
     * read as {@code fr-FR}. The ranges with weight 0 are kept: they refuse a language.
     */
    public static List<Locale.LanguageRange> ranges(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        List<Locale.LanguageRange> ranges = new ArrayList<>();
        for (String range : acceptLanguage.replace('_', '-').split(",")) {
            try {
                ranges.addAll(Locale.LanguageRange.parse(range));
            } catch (IllegalArgumentException e) {
                // a malformed range says nothing; the others still do
            }
        }
        ranges.sort(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
        return List.copyOf(ranges);
    }
}
