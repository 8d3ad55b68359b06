package org.observatory.api.report;

import java.util.Locale;
import java.util.function.Function;

/**
 * The renderings of a report: one model, four formats with the same numbers. Constants are lower case because the
 * command line and the API name them so ({@code --format csv}, {@code ?format=csv}).
 */
public enum ReportFormat {
    text("text/plain; charset=utf-8", ResponseRateText::render),
    csv("text/csv; charset=utf-8", ResponseRateCsv::render),
    json("application/json", ResponseRateJson::render),
    html("text/html; charset=utf-8", ResponseRateHtml::render);

    private final String contentType;
    private final Function<ResponseRateReport, String> renderer;

    ReportFormat(String contentType, Function<ResponseRateReport, String> renderer) {
        this.contentType = contentType;
        this.renderer = renderer;
    }

    public String contentType() {
        return contentType;
    }

    public String render(ResponseRateReport report) {
        return renderer.apply(report);
    }

    /** The file name a download of the report would take, e.g. {@code response-rates-2010.csv}. */
    public String fileName(ResponseRateReport report) {
        String extension = this == text ? "txt" : name().toLowerCase(Locale.ROOT);
        return "%s-%d.%s".formatted(ResponseRateReport.NAME, report.cycle(), extension);
    }
}
