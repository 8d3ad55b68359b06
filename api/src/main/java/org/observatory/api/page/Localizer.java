package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import gg.jte.support.LocalizationSupport;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;

/**
 * The texts, numbers, dates and codelist labels of a page in one language. Texts come from the message bundle
 * {@code org/observatory/api/page/messages_xx.properties} (UTF-8); a placeholder {@code {0}} takes an argument,
 * which templates get escaped ({@code localize}). Numbers and dates follow the CLDR data of the language's locale
 * ({@code es-419}: 12,345.6; {@code en-US}: 12,345.6; a European locale would write 12.345,6), so a template never
 * formats a number itself.
 *
 * <p>Codelist labels come from the codelists, which hold English and Spanish; a language whose labels the codelists
 * do not hold yet falls back to English.
 */
public final class Localizer implements LocalizationSupport {
    static final String BUNDLE = "org.observatory.api.page.messages";

    private final Language language;
    private final ResourceBundle bundle;

    public Localizer(Language language) {
        this.language = requireNonNull(language, "language is null");
        this.bundle = ResourceBundle.getBundle(
                BUNDLE,
                Locale.forLanguageTag(language.code()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Language language() {
        return language;
    }

    public Locale locale() {
        return language.locale();
    }

    /** The bundle's text for the key; a missing key is a programming error and fails the page loudly. */
    @Override
    public String lookup(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException(
                    "The message bundle of '%s' has no key '%s'; add it to messages_%s.properties"
                            .formatted(language.code(), key, language.code()),
                    e);
        }
    }

    /** The text with its placeholders replaced, for attributes and plain text (templates escape it on output). */
    public String text(String key, Object... arguments) {
        String text = lookup(key);
        for (int index = 0; index < arguments.length; index++) {
            text = text.replace("{" + index + "}", String.valueOf(arguments[index]));
        }
        return text;
    }

    public String integer(long value) {
        return NumberFormat.getIntegerInstance(locale()).format(value);
    }

    /** A decimal with exactly the given number of fraction digits. */
    public String decimal(double value, int fractionDigits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        return format.format(value);
    }

    /** A share between 0 and 1 as a percentage with one fraction digit. */
    public String percent(double share) {
        NumberFormat format = NumberFormat.getPercentInstance(locale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(share);
    }

    public String date(LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale())
                .format(date);
    }

    /** A moment as its UTC date and time, e.g. "7 de diciembre de 2026, 17:49 UTC". */
    public String dateTime(Instant instant) {
        var utc = instant.atZone(ZoneOffset.UTC);
        return text(
                "format.dateTime",
                date(utc.toLocalDate()),
                DateTimeFormatter.ofPattern("HH:mm", locale()).format(utc));
    }

    /**
     * A moment as written by the registry or the publication log (ISO-8601, e.g. {@code 2026-12-07T17:49:00Z}) in the
     * page's language; text that does not parse is shown as written.
     */
    public String dateTime(String isoInstant) {
        try {
            return dateTime(Instant.parse(isoInstant));
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    public String country(MemberState member) {
        return label(member.nameEn(), member.nameEs());
    }

    public String indicator(Indicator indicator) {
        return label(indicator.nameEn(), indicator.nameEs());
    }

    public String subregion(Subregion subregion) {
        return label(subregion.nameEn(), subregion.nameEs());
    }

    public String iccs(IccsCategory category) {
        return label(category.labelEn(), category.labelEs());
    }

    /** The label in the page's language: the codelists hold English and Spanish; others fall back to English. */
    public String label(String english, String spanish) {
        return language.code().equals("es") && spanish != null && !spanish.isBlank() ? spanish : english;
    }
}
