package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import gg.jte.Content;
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
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.CtsSection;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.ObservationStatus;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * The texts, numbers, dates and codelist labels of a page in one language. Texts come from the message bundle
 * {@code org/observatory/api/page/messages_xx.properties} (UTF-8); a placeholder {@code {0}} takes an argument,
 * which templates get escaped ({@code localize}); <code>{0|one|other}</code> is the word <i>one</i> when the number
 * argument 0 takes the singular in the page's language ({@link Language#singular}: exactly 1, and 0 too in French),
 * else <i>other</i>, and a number a plural reads is shown as a grouped integer ({@code 7 erreurs},
 * {@code 1 234 avertissements}). Numbers and dates follow the CLDR data of the page's locale, a
 * region of the page's language ({@code es-419} and {@code en-US}: 12,345.6; {@code pt-BR}: 12.345,6; {@code fr-CA}:
 * 12 345,6 with a no-break space; {@code fr-FR}: 12 345,6 with a narrow no-break space), so a template never formats
 * a number itself.
 *
 * <p>Codelist labels come from the codelists' {@link Labels} in the page's language; a label the codelists lack in
 * it falls back to English ({@link #labelled} says which language a label is in).
 */
public final class Localizer implements LocalizationSupport {
    static final String BUNDLE = "org.observatory.api.page.messages";
    /** A plural choice: <code>{0|erreur|erreurs}</code>. */
    static final Pattern PLURAL = Pattern.compile("\\{(\\d+)\\|([^{}|]*)\\|([^{}|]*)}");

    private final Language language;
    private final Locale locale;
    private final ResourceBundle bundle;

    /** The page in the language's default locale ({@code fr} is {@code fr-CA}). */
    public Localizer(Language language) {
        this(language, requireNonNull(language, "language is null").defaultLocale());
    }

    /** The page in the language, its numbers and dates in the locale, a region of that language ({@code fr-FR}). */
    public Localizer(Language language, Locale locale) {
        this.language = requireNonNull(language, "language is null");
        this.locale = requireNonNull(locale, "locale is null");
        if (!locale.getLanguage().equals(language.code())) {
            throw new IllegalArgumentException(
                    "The locale %s is not of the language %s".formatted(locale.toLanguageTag(), language.code()));
        }
        this.bundle = ResourceBundle.getBundle(
                BUNDLE,
                Locale.forLanguageTag(language.code()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Language language() {
        return language;
    }

    public Locale locale() {
        return locale;
    }

    /** The BCP 47 tag of the page's locale ({@code fr-CA}), for {@code lang} and {@code Content-Language}. */
    public String tag() {
        return locale.toLanguageTag();
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
        Object[] shown = plurals(key, text, arguments);
        text = PLURAL.matcher(text).replaceAll(choice -> Matcher.quoteReplacement(choice(key, choice, arguments)));
        for (int index = 0; index < shown.length; index++) {
            text = text.replace("{" + index + "}", String.valueOf(shown[index]));
        }
        return text;
    }

    /** The text for a template, its arguments escaped; its plural choices made first (see the class comment). */
    @Override
    public Content localize(String key, Object... arguments) {
        String text = lookup(key);
        if (!PLURAL.matcher(text).find()) {
            return LocalizationSupport.super.localize(key, arguments);
        }
        Object[] shown = plurals(key, text, arguments);
        String chosen =
                PLURAL.matcher(text).replaceAll(choice -> Matcher.quoteReplacement(choice(key, choice, arguments)));
        LocalizationSupport resolved = ignored -> chosen;
        return resolved.localize(key, shown);
    }

    /** Whether a number takes the singular in the page's language (CLDR's "one" rule for integers). */
    public boolean singular(long number) {
        return language.singular(number);
    }

    /** The arguments as shown: a number a plural choice reads becomes a grouped integer. */
    private Object[] plurals(String key, String text, Object[] arguments) {
        Object[] shown = arguments.clone();
        Matcher matcher = PLURAL.matcher(text);
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            shown[index] = integer(number(key, index, arguments));
        }
        return shown;
    }

    private String choice(String key, java.util.regex.MatchResult choice, Object[] arguments) {
        return singular(number(key, Integer.parseInt(choice.group(1)), arguments)) ? choice.group(2) : choice.group(3);
    }

    private static long number(String key, int index, Object[] arguments) {
        if (index >= arguments.length || !(arguments[index] instanceof Number number)) {
            throw new IllegalArgumentException(
                    "The text '%s' chooses a plural by its argument %d, which must be a whole number, not %s"
                            .formatted(key, index, index < arguments.length ? arguments[index] : "missing"));
        }
        return number.longValue();
    }

    /**
     * A label and its value as the language writes them: {@code Pays : COL} in French (a no-break space before the
     * colon), {@code Country: COL} in the others.
     */
    public String labelValue(Object label, Object value) {
        return text("format.labelValue", label, value);
    }

    /**
     * The colon after a label whose value follows in other markup ({@code <strong>Pays :</strong> COL}): {@code :}, in
     * French with the no-break space before it; the space after it is the template's.
     */
    public String colon() {
        return text("format.labelValue", "", "").stripTrailing();
    }

    /**
     * The {@code lang} attribute of a text the system writes in English (a formula, a source ingest describes): {@code
     * en} on a page in another language, else {@code null} (jte then leaves the attribute out).
     */
    public String langOfEnglish() {
        return language == Language.ENGLISH ? null : Language.ENGLISH.code();
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
        return label(member.names());
    }

    public String indicator(Indicator indicator) {
        return label(indicator.names());
    }

    /** The indicator's definition in the page's language. */
    public String definition(Indicator indicator) {
        return label(indicator.definitions());
    }

    public String subregion(Subregion subregion) {
        return label(subregion.names());
    }

    public String iccs(IccsCategory category) {
        return label(category.labels());
    }

    /** The name of a CTS questionnaire section. */
    public String section(CtsSection section) {
        return label(section.names());
    }

    /** The label of an OBS_STATUS flag. */
    public String status(ObservationStatus status) {
        return label(status.labels());
    }

    /** The name of a match quality (how a national definition matches the indicator's). */
    public String matchQuality(MatchQuality quality) {
        return label(quality.names());
    }

    /** The comparability caveat of a match quality in the page's language; empty for a full match. */
    public Optional<String> caveat(MatchQuality quality) {
        return quality.caveats().map(this::label);
    }

    /** The label in the page's language, or in English when the codelist lacks it. */
    public String label(Labels labels) {
        return labelled(labels).text();
    }

    /** The label in the page's language or its fallback, with the language it is written in. */
    public Labels.Label labelled(Labels labels) {
        return requireNonNull(labels, "labels is null").in(language);
    }

    /**
     * The {@code lang} attribute a label needs where it is shown: its language's code when it fell back to another
     * language than the page's, else {@code null} (jte then leaves the attribute out).
     */
    public String langOf(Labels labels) {
        Language written = labelled(labels).language();
        return written == language ? null : written.code();
    }
}
