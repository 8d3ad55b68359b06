package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A language the pages speak: its path prefix ({@code es}), the CLDR locale its numbers and dates are formatted in
 * (a bare language means its regional default: {@code es-419} for Spanish, {@code en-US} for English) and its own
 * name, shown in the language switch.
 */
public record Language(String code, Locale locale, String ownName) {
    private static final Pattern CODE = Pattern.compile("[a-z]{2}");

    public Language {
        requireNonNull(code, "code is null");
        requireNonNull(locale, "locale is null");
        requireNonNull(ownName, "ownName is null");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("A language code is two lower-case letters, not '" + code + "'");
        }
        if (!locale.getLanguage().equals(code)) {
            throw new IllegalArgumentException("The locale " + locale.toLanguageTag() + " is not of language " + code);
        }
    }

    /** The BCP 47 tag of the page's locale, for the {@code lang} attribute and {@code Content-Language}. */
    public String tag() {
        return locale.toLanguageTag();
    }
}
