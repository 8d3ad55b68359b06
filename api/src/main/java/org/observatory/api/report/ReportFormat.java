package org.observatory.api.report;

import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The renderings of a report: one model, four formats with the same numbers. Constants are lower case because the
 * command line and the API name them so ({@code --format csv}, {@code ?format=csv}). Each renders in a locale: the
 * text and the HTML are written in its language, numbers and dates by its CLDR rules; the CSV and the JSON keep their
 * codes, machine names and locale-free numbers, only their synthetic-data notice is in the locale's language.
 */
public enum ReportFormat {
    text("text/plain; charset=utf-8", ResponseRateText::render),
    csv("text/csv; charset=utf-8", ResponseRateCsv::render),
    json("application/json", ResponseRateJson::render),
    html("text/html; charset=utf-8", ResponseRateHtml::render);

    private final String contentType;
    private final BiFunction<ResponseRateReport, Locale, String> renderer;

    ReportFormat(String contentType, BiFunction<ResponseRateReport, Locale, String> renderer) {
        this.contentType = contentType;
        this.renderer = renderer;
    }

    public String contentType() {
        return contentType;
    }

    /** The report in the locale's language (English for a locale not among the four). */
    public String render(ResponseRateReport report, Locale locale) {
        return renderer.apply(report, locale);
    }

    /** The file name a download of the report would take, e.g. {@code response-rates-2010.csv}. */
    public String fileName(ResponseRateReport report) {
        String extension = this == text ? "txt" : name().toLowerCase(Locale.ROOT);
        return "%s-%d.%s".formatted(ResponseRateReport.NAME, report.cycle(), extension);
    }
}
