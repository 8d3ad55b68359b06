package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.stream.Collectors;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.schemas.codelist.CtsSection;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * The report's words and figures in one locale, for the renderings a person reads (text and HTML): texts from the
 * {@link ReportMessage} bundles, labels in the locale's language, numbers, percentages and dates by its CLDR rules
 * (French groups digits with a no-break space and writes {@code 25,3 %}). The CSV and the JSON never go through
 * here: their numbers are {@link Figures}' locale-free ones.
 */
final class ReportWords {
    private final Locale locale;
    private final Language language;

    ReportWords(Locale locale) {
        this.locale = requireNonNull(locale, "locale is null");
        this.language = Language.of(locale).orElse(Language.ENGLISH);
    }

    Locale locale() {
        return locale;
    }

    Language language() {
        return language;
    }

    /** The text of a code with its arguments as name-value pairs. */
    String text(ReportMessage code, Object... namesAndValues) {
        return Message.of(code, namesAndValues).in(locale);
    }

    /** A label in this language (or its fallback). */
    String label(Labels labels) {
        return labels.text(language);
    }

    /** A CTS section's name ({@code police} is Polícia in Portuguese); the code itself when it is not one. */
    String section(String code) {
        try {
            return label(CtsSection.fromCode(code).names());
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** A count, grouped as the locale groups digits. */
    String integer(int value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A count, or {@code -} when there is none. */
    String count(Integer value) {
        return value == null ? "-" : integer(value);
    }

    /** {@code 54.3}, {@code 54,3}, without the percent sign; empty for null. */
    String number(Double value) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(BigDecimal.valueOf(value));
    }

    /** {@code 54.3%} (en-US), {@code 54,3 %} (fr-CA), or n/a for null. */
    String percent(Double value) {
        if (value == null) {
            return text(ReportMessage.NOT_AVAILABLE);
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(BigDecimal.valueOf(value).movePointLeft(2));
    }

    /** {@code +280%}, {@code -12.5%}, {@code 0%}; n/a for null. */
    String signedPercent(Double value) {
        return value == null ? text(ReportMessage.NOT_AVAILABLE) : (value > 0 ? "+" : "") + percent(value);
    }

    /** {@code +14}, {@code -3}, {@code 0}. */
    String signed(int value) {
        return (value > 0 ? "+" : "") + integer(value);
    }

    /** {@code +14 (+280%)}, or {@code -} without a previous cycle. */
    String change(ResponseRateReport.Change change) {
        return change == null ? "-" : signed(change.count()) + " (" + signedPercent(change.percent()) + ")";
    }

    /** {@code 26.3% (21 of 80; Police 30%, ...)}: a completeness and its sections, as every rendering writes it. */
    String completeness(Completeness completeness) {
        return text(
                ReportMessage.COMPLETENESS_DETAIL,
                "percent",
                percent(completeness.percent()),
                "share",
                share(completeness.indicatorsWithValues(), completeness.indicatorsExpected()),
                "sections",
                completeness.sections().stream()
                        .map(section -> section(section.section()) + " " + percent(section.percent()))
                        .collect(Collectors.joining(", ")));
    }

    /** {@code 12 of 20}. */
    String share(int part, int whole) {
        return text(ReportMessage.SHARE, "part", part, "whole", whole);
    }

    /** An ISO date ({@code 2010-06-30}) as the locale writes it long (June 30, 2010); none for null. */
    String date(String isoDate) {
        if (isoDate == null) {
            return text(ReportMessage.NONE);
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(LocalDate.parse(isoDate));
    }

    /** An ISO instant as the locale writes a date and time, in UTC; {@code -} for null. */
    String instant(String isoInstant) {
        if (isoInstant == null) {
            return "-";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.parse(isoInstant))
                + " UTC";
    }

    /** A country's timeliness code ({@code on-time}, ...) in words. */
    String timeliness(String code) {
        return switch (code) {
            case ResponseRateReport.CountryResponse.ON_TIME -> text(ReportMessage.TIMELINESS_ON_TIME);
            case ResponseRateReport.CountryResponse.LATE -> text(ReportMessage.TIMELINESS_LATE);
            case ResponseRateReport.CountryResponse.NOT_ASSESSED -> text(ReportMessage.TIMELINESS_NOT_ASSESSED);
            case ResponseRateReport.CountryResponse.NO_RESPONSE -> text(ReportMessage.TIMELINESS_NO_RESPONSE);
            default -> code;
        };
    }

    /** The synthetic-data notice in this language. */
    String notice() {
        return text(ReportMessage.SYNTHETIC_NOTICE);
    }
}
