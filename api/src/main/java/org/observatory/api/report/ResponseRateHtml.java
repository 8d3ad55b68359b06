package org.observatory.api.report;

import static org.observatory.api.report.Figures.change;
import static org.observatory.api.report.Figures.number;
import static org.observatory.api.report.Figures.percent;
import static org.observatory.api.report.Figures.share;

import java.util.List;
import java.util.Locale;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.HeatmapCell;
import org.observatory.api.report.ResponseRateReport.HeatmapRow;
import org.observatory.api.report.ResponseRateReport.SectionCompleteness;
import org.observatory.api.report.ResponseRateReport.SectionIndicators;
import org.observatory.api.report.ResponseRateReport.SubregionGroup;
import org.observatory.api.report.ResponseRateReport.Totals;

/**
 * The report as one self-contained HTML page: inline CSS, the trend chart and the country x cycle heatmap drawn on
 * the server (inline SVG and a table), no script, and a content security policy that forbids loading anything, so
 * the page loads nothing from the network (DESIGN.md, Running it). Every text is escaped.
 */
final class ResponseRateHtml {
    /** The {@code id} of the trend chart's {@code svg} element. */
    static final String TREND_CHART_ID = "trend-chart";

    private static final String STYLE =
            """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   margin: 1.5rem auto; max-width: 90rem; padding: 0 1rem; color: #1b1f24; line-height: 1.4; }
            h1 { font-size: 1.5rem; margin-bottom: .25rem; }
            h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
            .synthetic { background: #fff4ce; border: 2px solid #b58100; padding: .75rem 1rem; font-weight: 600; }
            .meta { color: #57606a; margin-top: 0; }
            dl.headline { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; }
            dl.headline dt { font-weight: 600; }
            dl.headline dd { margin: 0; }
            table { border-collapse: collapse; font-size: .875rem; margin: .5rem 0; }
            th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: right; white-space: nowrap; }
            th { background: #f6f8fa; }
            td.text, th.text { text-align: left; }
            tr.group th { text-align: left; background: #eaeef2; }
            .heatmap td { width: 2.4rem; text-align: center; font-size: .75rem; padding: .2rem; }
            .heatmap th.country { text-align: left; white-space: nowrap; }
            .c0 { background: #eff3ff; } .c1 { background: #c6dbef; } .c2 { background: #9ecae1; }
            .c3 { background: #4292c6; color: #fff; } .c4 { background: #08519c; color: #fff; }
            .none { background: #f2f2f2; color: #8c959f; } .out { background: #fff; color: #d0d7de; }
            .legend span { display: inline-block; padding: .1rem .5rem; margin-right: .25rem; border: 1px solid #d0d7de; }
            svg text { font-family: inherit; font-size: 12px; fill: #1b1f24; }
            footer { margin-top: 2rem; color: #57606a; font-size: .8rem; }
            """;

    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 24;
    private static final int TOP = 28;
    private static final int BOTTOM = 48;

    private ResponseRateHtml() {}

    static String render(ResponseRateReport report) {
        Html html = new Html();
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " img-src data:; base-uri 'none'; form-action 'none'\">\n");
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.raw("<link rel=\"icon\" href=\"data:,\">\n");
        html.raw("<title>")
                .text((report.synthetic() ? "SYNTHETIC - " : "") + "Response rates, UN-CTS cycle " + report.cycle())
                .raw("</title>\n");
        html.raw("<style>\n").raw(STYLE).raw("</style>\n</head>\n<body>\n");
        if (report.synthetic()) {
            html.raw("<p class=\"synthetic\" role=\"alert\">")
                    .text(report.notice())
                    .raw("</p>\n");
        }
        html.raw("<h1>Response rates and completeness, UN-CTS cycle ")
                .text(String.valueOf(report.cycle()))
                .raw("</h1>\n");
        html.raw("<p class=\"meta\">Snapshot ")
                .text(report.snapshotId())
                .raw(" &middot; ")
                .text(String.valueOf(report.expectedIndicators().total()))
                .raw(" expected CTS indicators &middot; countries grouped by subregion and ordered by code,"
                        + " never ranked</p>\n");
        headline(html, report);
        subregions(html, report);
        countries(html, report);
        trend(html, report);
        heatmap(html, report);
        html.raw("<footer><p>A member state responded to a cycle when a CTS submission loaded for that cycle holds at"
                + " least one value for it. Completeness is the share of the expected CTS indicators with at least"
                + " one value; for a group, over the replies of its responding states. On time: accepted by the end"
                + " of the deadline day (UTC).</p>");
        if (report.synthetic()) {
            html.raw("<p class=\"synthetic\">").text(report.notice()).raw("</p>");
        }
        html.raw("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void headline(Html html, ResponseRateReport report) {
        Totals total = report.total();
        html.raw("<dl class=\"headline\" id=\"headline\">\n");
        html.raw("<dt>Responding member states</dt><dd id=\"responding\">")
                .text(share(total.responded(), total.expected()) + " (" + percent(total.responseRatePercent()) + ")")
                .raw("</dd>\n");
        html.raw("<dt>Change against the previous cycle</dt><dd id=\"change\">");
        if (total.change() == null) {
            html.text("none to compare (" + report.cycle() + " is the first cycle with replies)");
        } else {
            html.text(change(total.change()) + " against cycle "
                    + total.change().previousCycle() + " (" + total.change().previousResponded() + " responding)");
        }
        html.raw("</dd>\n<dt>Timeliness</dt><dd id=\"timeliness\">");
        if (report.timelinessAssessed()) {
            html.text("deadline " + report.deadline() + ": " + total.onTime() + " on time, " + total.late() + " late");
        } else {
            html.text("not assessed: no reply deadline is configured for cycle " + report.cycle());
        }
        html.raw("</dd>\n<dt>Completeness of the replies</dt><dd id=\"completeness\">")
                .text(completeness(total.completeness()))
                .raw("</dd>\n</dl>\n");
    }

    private static void subregions(Html html, ResponseRateReport report) {
        html.raw("<h2>Totals by subregion</h2>\n<table id=\"subregions\">\n<thead><tr><th class=\"text\">Subregion</th>"
                + "<th>Expected</th><th>Responded</th><th>Rate</th><th>Change</th><th>On time</th><th>Late</th>"
                + "<th>Completeness</th>");
        sectionHeaders(html, report);
        html.raw("</tr></thead>\n<tbody>\n");
        for (SubregionGroup group : report.subregions()) {
            totalsRow(html, group.subregion().nameEn(), group.totals());
        }
        totalsRow(html, "All expected reporters", report.total());
        html.raw("</tbody>\n</table>\n");
    }

    private static void totalsRow(Html html, String label, Totals totals) {
        html.raw("<tr><th class=\"text\">").text(label).raw("</th>");
        cell(html, String.valueOf(totals.expected()));
        cell(html, String.valueOf(totals.responded()));
        cell(html, percent(totals.responseRatePercent()));
        cell(html, totals.change() == null ? "-" : change(totals.change()));
        cell(html, totals.onTime() == null ? "-" : String.valueOf(totals.onTime()));
        cell(html, totals.late() == null ? "-" : String.valueOf(totals.late()));
        cell(html, percent(totals.completeness().percent()));
        for (SectionCompleteness section : totals.completeness().sections()) {
            cell(html, percent(section.percent()));
        }
        html.raw("</tr>\n");
    }

    private static void countries(Html html, ResponseRateReport report) {
        html.raw("<h2>Expected reporters</h2>\n<table id=\"countries\">\n<thead><tr><th class=\"text\">Code</th>"
                + "<th class=\"text\">Member state</th><th class=\"text\">Reply</th>"
                + "<th class=\"text\">First accepted</th><th class=\"text\">Timeliness</th><th>Completeness</th>");
        sectionHeaders(html, report);
        html.raw("</tr></thead>\n");
        int columns = 6 + report.expectedIndicators().sections().size();
        for (SubregionGroup group : report.subregions()) {
            html.raw("<tbody><tr class=\"group\"><th colspan=\"" + columns + "\">")
                    .text(group.subregion().nameEn())
                    .raw("</th></tr>\n");
            for (CountryResponse country : group.countries()) {
                html.raw("<tr><td class=\"text\">").text(country.iso3()).raw("</td>");
                html.raw("<td class=\"text\">").text(country.nameEn()).raw("</td>");
                html.raw("<td class=\"text\">")
                        .text(country.responded() ? "responded" : "no response")
                        .raw("</td>");
                html.raw("<td class=\"text\">")
                        .text(country.firstAcceptedAt() == null ? "-" : country.firstAcceptedAt())
                        .raw("</td>");
                html.raw("<td class=\"text\">").text(country.timeliness()).raw("</td>");
                Completeness completeness = country.completeness();
                cell(html, country.responded() ? percent(completeness.percent()) : "-");
                for (SectionCompleteness section : completeness.sections()) {
                    cell(html, country.responded() ? percent(section.percent()) : "-");
                }
                html.raw("</tr>\n");
            }
            html.raw("</tbody>\n");
        }
        html.raw("</table>\n");
    }

    private static void trend(Html html, ResponseRateReport report) {
        html.raw("<h2>Trend over every cycle with replies</h2>\n");
        trendChart(html, report);
        html.raw("<table id=\"trend\">\n<thead><tr><th>Cycle</th><th>Expected</th><th>Responded</th><th>Rate</th>"
                + "<th>Change</th><th class=\"text\">Deadline</th><th>On time</th><th>Late</th>"
                + "<th>Completeness</th></tr></thead>\n<tbody>\n");
        for (CycleTotals cycle : report.trend()) {
            Totals totals = cycle.totals();
            html.raw("<tr>");
            cell(html, String.valueOf(cycle.cycle()));
            cell(html, String.valueOf(totals.expected()));
            cell(html, String.valueOf(totals.responded()));
            cell(html, percent(totals.responseRatePercent()));
            cell(html, totals.change() == null ? "-" : change(totals.change()));
            html.raw("<td class=\"text\">")
                    .text(cycle.deadline() == null ? "none" : cycle.deadline())
                    .raw("</td>");
            cell(html, totals.onTime() == null ? "-" : String.valueOf(totals.onTime()));
            cell(html, totals.late() == null ? "-" : String.valueOf(totals.late()));
            cell(html, percent(totals.completeness().percent()));
            html.raw("</tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    /** Responding and expected member states per cycle, as a line chart drawn here. */
    private static void trendChart(Html html, ResponseRateReport report) {
        List<CycleTotals> trend = report.trend();
        int maximum = Math.max(
                1,
                trend.stream()
                        .mapToInt(cycle -> cycle.totals().expected())
                        .max()
                        .orElse(1));
        int step = maximum <= 10 ? 1 : maximum <= 50 ? 5 : 10 * (int) Math.ceil(maximum / 100.0);
        int top = (int) Math.ceil(maximum / (double) step) * step;
        double plotWidth = CHART_WIDTH - LEFT - RIGHT;
        double plotHeight = CHART_HEIGHT - TOP - BOTTOM;

        html.raw("<svg id=\"" + TREND_CHART_ID + "\" role=\"img\" width=\""
                + CHART_WIDTH + "\" height=\"" + CHART_HEIGHT + "\" viewBox=\"0 0 " + CHART_WIDTH + " "
                + CHART_HEIGHT + "\" aria-labelledby=\"trend-title trend-description\">\n");
        html.raw("<title id=\"trend-title\">Responding member states per UN-CTS cycle</title>\n");
        html.raw("<desc id=\"trend-description\">");
        for (CycleTotals cycle : trend) {
            html.text("%d: %d of %d. "
                    .formatted(
                            cycle.cycle(),
                            cycle.totals().responded(),
                            cycle.totals().expected()));
        }
        html.raw("</desc>\n");
        for (int tick = 0; tick <= top; tick += step) {
            double y = TOP + plotHeight - plotHeight * tick / top;
            html.raw("<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"#d0d7de\"/>"
                    .formatted(LEFT, CHART_WIDTH - RIGHT, coordinate(y), coordinate(y)));
            html.raw("<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%d</text>\n"
                    .formatted(LEFT - 8, coordinate(y + 4), tick));
        }
        html.raw("<text x=\"14\" y=\"%s\" transform=\"rotate(-90 14 %s)\" text-anchor=\"middle\">member states</text>\n"
                .formatted(coordinate(TOP + plotHeight / 2), coordinate(TOP + plotHeight / 2)));
        StringBuilder responded = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int index = 0; index < trend.size(); index++) {
            CycleTotals cycle = trend.get(index);
            double x = x(index, trend.size(), plotWidth);
            double yResponded = TOP + plotHeight - plotHeight * cycle.totals().responded() / top;
            double yExpected = TOP + plotHeight - plotHeight * cycle.totals().expected() / top;
            responded
                    .append(coordinate(x))
                    .append(',')
                    .append(coordinate(yResponded))
                    .append(' ');
            expected.append(coordinate(x))
                    .append(',')
                    .append(coordinate(yExpected))
                    .append(' ');
            html.raw("<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%d</text>\n"
                    .formatted(coordinate(x), CHART_HEIGHT - BOTTOM + 18, cycle.cycle()));
        }
        html.raw(
                "<polyline points=\"%s\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
                        .formatted(expected.toString().strip()));
        html.raw("<polyline points=\"%s\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2.5\"/>\n"
                .formatted(responded.toString().strip()));
        for (int index = 0; index < trend.size(); index++) {
            CycleTotals cycle = trend.get(index);
            double x = x(index, trend.size(), plotWidth);
            double y = TOP + plotHeight - plotHeight * cycle.totals().responded() / top;
            boolean selected = cycle.cycle() == report.cycle();
            html.raw("<circle cx=\"%s\" cy=\"%s\" r=\"%d\" fill=\"%s\"><title>"
                    .formatted(coordinate(x), coordinate(y), selected ? 6 : 4, selected ? "#cf222e" : "#0969da"));
            html.text("Cycle %d: %d of %d member states responded"
                    .formatted(
                            cycle.cycle(),
                            cycle.totals().responded(),
                            cycle.totals().expected()));
            html.raw("</title></circle>\n");
            html.raw("<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%d</text>\n"
                    .formatted(coordinate(x), coordinate(y - 10), cycle.totals().responded()));
        }
        int legendY = CHART_HEIGHT - 12;
        html.raw(("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#0969da\" stroke-width=\"2.5\"/>"
                        + "<text x=\"%d\" y=\"%d\">responding member states</text>\n")
                .formatted(LEFT, LEFT + 24, legendY - 4, legendY - 4, LEFT + 30, legendY));
        html.raw(("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#8c959f\" stroke-width=\"1.5\""
                        + " stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%d\">expected reporters (member states of"
                        + " the cycle)</text>\n")
                .formatted(LEFT + 220, LEFT + 244, legendY - 4, legendY - 4, LEFT + 250, legendY));
        html.raw("</svg>\n");
    }

    /** The horizontal position of the index-th of count cycles, inset from the axes. */
    private static double x(int index, int count, double plotWidth) {
        double inset = 24;
        return count == 1 ? LEFT + plotWidth / 2 : LEFT + inset + (plotWidth - 2 * inset) * index / (count - 1);
    }

    private static void heatmap(Html html, ResponseRateReport report) {
        html.raw("<h2>Replies by country and cycle</h2>\n");
        html.raw("<p class=\"legend\">Completeness of the reply (%): <span class=\"c0\">0-19</span><span class=\"c1\">"
                + "20-39</span><span class=\"c2\">40-59</span><span class=\"c3\">60-79</span><span class=\"c4\">80-100"
                + "</span><span class=\"none\">&middot; expected, no reply</span><span class=\"out\">&ndash; not a"
                + " member in that cycle</span></p>\n");
        html.raw("<table class=\"heatmap\" id=\"heatmap\">\n<thead><tr><th class=\"country\">Member state</th>");
        for (int cycle : report.heatmap().cycles()) {
            html.raw("<th>").text(String.valueOf(cycle)).raw("</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        String subregion = null;
        int columns = 1 + report.heatmap().cycles().size();
        for (HeatmapRow row : report.heatmap().countries()) {
            if (!row.subregion().equals(subregion)) {
                subregion = row.subregion();
                html.raw("<tr class=\"group\"><th colspan=\"" + columns + "\">")
                        .text(subregion)
                        .raw("</th></tr>\n");
            }
            html.raw("<tr><th class=\"country\">")
                    .text(row.iso3() + " " + row.nameEn())
                    .raw("</th>");
            for (HeatmapCell cell : row.cells()) {
                if (!cell.expected()) {
                    html.raw("<td class=\"out\" title=\"")
                            .text(row.iso3() + " " + cell.cycle() + ": not a member")
                            .raw("\">&ndash;</td>");
                } else if (!cell.responded()) {
                    html.raw("<td class=\"none\" title=\"")
                            .text(row.iso3() + " " + cell.cycle() + ": no reply")
                            .raw("\">&middot;</td>");
                } else {
                    html.raw("<td class=\"" + bin(cell.completenessPercent()) + "\" title=\"")
                            .text(row.iso3() + " " + cell.cycle() + ": replied, completeness "
                                    + percent(cell.completenessPercent()))
                            .raw("\">")
                            .text(number(cell.completenessPercent()))
                            .raw("</td>");
                }
            }
            html.raw("</tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    private static String bin(Double percent) {
        double value = percent == null ? 0 : percent;
        return "c" + Math.min(4, (int) Math.floor(value / 20));
    }

    private static void sectionHeaders(Html html, ResponseRateReport report) {
        for (SectionIndicators section : report.expectedIndicators().sections()) {
            html.raw("<th>").text(section.section()).raw("</th>");
        }
    }

    private static void cell(Html html, String text) {
        html.raw("<td>").text(text).raw("</td>");
    }

    private static String completeness(Completeness completeness) {
        StringBuilder text = new StringBuilder(percent(completeness.percent()))
                .append(" (")
                .append(share(completeness.indicatorsWithValues(), completeness.indicatorsExpected()));
        for (SectionCompleteness section : completeness.sections()) {
            text.append("; ").append(section.section()).append(' ').append(percent(section.percent()));
        }
        return text.append(')').toString();
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** An HTML string under construction: {@link #raw} for markup written here, {@link #text} for any value. */
    private static final class Html {
        private final StringBuilder html = new StringBuilder();

        Html raw(String markup) {
            html.append(markup);
            return this;
        }

        Html text(String value) {
            for (int index = 0; index < value.length(); index++) {
                char character = value.charAt(index);
                switch (character) {
                    case '&' -> html.append("&amp;");
                    case '<' -> html.append("&lt;");
                    case '>' -> html.append("&gt;");
                    case '"' -> html.append("&quot;");
                    case '\'' -> html.append("&#39;");
                    default -> html.append(character);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return html.toString();
        }
    }
}
