package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.observatory.api.page.Templates;
import org.observatory.api.report.ResponseRateReport.Change;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.HeatmapRow;
import org.observatory.api.report.ResponseRateReport.Totals;
import org.observatory.schemas.text.Labels;

/**
 * The report as one self-contained HTML page (template {@value #TEMPLATE}): inline CSS, the trend chart and the
 * country x cycle heatmap drawn on the server (inline SVG and a table), no script, and a content security policy
 * that forbids loading anything, so the page loads nothing from the network (DESIGN.md, Running it). The template
 * escapes every text. This class works out what the template shows: the figures as every rendering writes them
 * ({@link Figures}) and the chart's geometry.
 */
public final class ResponseRateHtml {
    /** The {@code id} of the trend chart's {@code svg} element. */
    static final String TREND_CHART_ID = "trend-chart";

    static final String TEMPLATE = "report/response-rates.jte";

    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 24;
    private static final int TOP = 28;
    private static final int BOTTOM = 48;

    private ResponseRateHtml() {}

    static String render(ResponseRateReport report, Locale locale) {
        ReportWords words = new ReportWords(locale);
        return Templates.render(TEMPLATE, Map.of("view", new View(report, chart(report, words), words)));
    }

    /** What the template shows: the report, its texts and figures in the page's locale, and the trend chart. */
    public static final class View {
        private final ResponseRateReport report;
        private final Chart chart;
        private final ReportWords words;

        View(ResponseRateReport report, Chart chart, ReportWords words) {
            this.report = requireNonNull(report, "report is null");
            this.chart = requireNonNull(chart, "chart is null");
            this.words = requireNonNull(words, "words is null");
        }

        public ResponseRateReport report() {
            return report;
        }

        public Chart chart() {
            return chart;
        }

        /** The page's language tag, e.g. {@code pt-BR}, for {@code <html lang>}. */
        public String lang() {
            return words.locale().toLanguageTag();
        }

        /** A text of the report with its arguments as name-value pairs. */
        public String t(ReportMessage code, Object... namesAndValues) {
            return words.text(code, namesAndValues);
        }

        public String notice() {
            return words.notice();
        }

        public String title() {
            String cycle = String.valueOf(report.cycle());
            return report.synthetic()
                    ? t(ReportMessage.PAGE_TITLE_SYNTHETIC, "cycle", cycle)
                    : t(ReportMessage.PAGE_TITLE, "cycle", cycle);
        }

        public String heading() {
            return t(ReportMessage.HEADING, "cycle", String.valueOf(report.cycle()));
        }

        public String meta() {
            return t(
                    ReportMessage.META,
                    "snapshot",
                    report.snapshotId(),
                    "indicators",
                    report.expectedIndicators().total());
        }

        public String responding() {
            Totals total = report.total();
            return words.share(total.responded(), total.expected()) + " (" + words.percent(total.responseRatePercent())
                    + ")";
        }

        public String change() {
            Change change = report.total().change();
            if (change == null) {
                return t(ReportMessage.HTML_CHANGE_NONE, "cycle", String.valueOf(report.cycle()));
            }
            return t(
                    ReportMessage.HTML_CHANGE,
                    "change",
                    words.change(change),
                    "previousCycle",
                    String.valueOf(change.previousCycle()),
                    "previousResponded",
                    change.previousResponded());
        }

        public String timeliness() {
            if (!report.timelinessAssessed()) {
                return t(ReportMessage.HTML_TIMELINESS_NOT_ASSESSED, "cycle", String.valueOf(report.cycle()));
            }
            Totals total = report.total();
            return t(
                    ReportMessage.HTML_TIMELINESS,
                    "deadline",
                    words.date(report.deadline()),
                    "onTime",
                    total.onTime(),
                    "late",
                    total.late());
        }

        /** {@code 62.5% (10 of 16; Police 80%, ...)}. */
        public String completeness() {
            return words.completeness(report.total().completeness());
        }

        /** A label (a member state's or a subregion's names) in the page's language. */
        public String label(Labels labels) {
            return words.label(labels);
        }

        /** A CTS section's name in the page's language. */
        public String section(String code) {
            return words.section(code);
        }

        /** A country's timeliness in words. */
        public String timelinessOf(String code) {
            return words.timeliness(code);
        }

        /** An ISO date in the page's language, or none. */
        public String date(String isoDate) {
            return words.date(isoDate);
        }

        /** An ISO instant as a date and time in UTC, or {@code -}. */
        public String instant(String isoInstant) {
            return words.instant(isoInstant);
        }

        /** The columns of the table of expected reporters. */
        public int countryColumns() {
            return 6 + report.expectedIndicators().sections().size();
        }

        public int heatmapColumns() {
            return 1 + report.heatmap().cycles().size();
        }

        /** The heatmap's rows in their order, grouped by consecutive subregion. */
        public List<HeatmapGroup> heatmapGroups() {
            List<HeatmapGroup> groups = new ArrayList<>();
            List<HeatmapRow> rows = new ArrayList<>();
            HeatmapRow first = null;
            for (HeatmapRow row : report.heatmap().countries()) {
                if (first == null || !row.subregion().equals(first.subregion())) {
                    if (first != null) {
                        groups.add(new HeatmapGroup(words.label(first.subregionNames()), rows));
                    }
                    first = row;
                    rows = new ArrayList<>();
                }
                rows.add(row);
            }
            if (first != null) {
                groups.add(new HeatmapGroup(words.label(first.subregionNames()), rows));
            }
            return groups;
        }

        /** {@code 54.3%}, {@code 54,3 %}, or n/a. */
        public String percent(Double value) {
            return words.percent(value);
        }

        /** {@code 54.3}, without the percent sign. */
        public String number(Double value) {
            return words.number(value);
        }

        /** {@code +14 (+280%)}, or {@code -} without a previous cycle. */
        public String change(Change change) {
            return words.change(change);
        }

        /** A count in the locale's digits. */
        public String integer(int value) {
            return words.integer(value);
        }

        /** The count, or {@code -} when there is none (timeliness not assessed). */
        public String count(Integer value) {
            return words.count(value);
        }

        /** A cell's figure for a member that replied, {@code -} for one that did not. */
        public String percentIf(boolean responded, Double value) {
            return responded ? words.percent(value) : "-";
        }

        /** The colour class of a heatmap cell: {@code c0} (0-19 %) to {@code c4} (80-100 %). */
        public String bin(Double percent) {
            double value = percent == null ? 0 : percent;
            return "c" + Math.min(4, (int) Math.floor(value / 20));
        }

        /** The title of a heatmap cell: the country, the cycle and its reply. */
        public String cellTitle(HeatmapRow row, ResponseRateReport.HeatmapCell cell) {
            String cycle = String.valueOf(cell.cycle());
            if (!cell.expected()) {
                return t(ReportMessage.CELL_NOT_MEMBER, "country", row.iso3(), "cycle", cycle);
            }
            if (!cell.responded()) {
                return t(ReportMessage.CELL_NO_REPLY, "country", row.iso3(), "cycle", cycle);
            }
            return t(
                    ReportMessage.CELL_REPLIED,
                    "country",
                    row.iso3(),
                    "cycle",
                    cycle,
                    "percent",
                    words.percent(cell.completenessPercent()));
        }
    }

    /** The heatmap rows of one subregion. */
    public record HeatmapGroup(String subregion, List<HeatmapRow> rows) {
        public HeatmapGroup {
            requireNonNull(subregion, "subregion is null");
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }

    /**
     * The trend chart's geometry (SVG user units, coordinates written with one decimal): responding and expected
     * member states per cycle.
     */
    public record Chart(
            String id,
            int width,
            int height,
            int left,
            int plotRight,
            String axisLabelY,
            int cycleLabelY,
            String title,
            String axisLabel,
            String description,
            List<Tick> ticks,
            List<Mark> marks,
            String respondedPoints,
            String expectedPoints,
            int legendY,
            String legendResponding,
            String legendExpected,
            int legendExpectedX) {
        public Chart {
            ticks = List.copyOf(requireNonNull(ticks, "ticks is null"));
            marks = List.copyOf(requireNonNull(marks, "marks is null"));
        }
    }

    /** A horizontal grid line at {@code y} with its value. */
    public record Tick(String value, String y, String labelY) {}

    /** One cycle on the chart: its point on the responding line, its labels and the title of its point. */
    public record Mark(
            int cycle, String respondedLabel, boolean selected, String x, String y, String labelY, String title) {}

    private static Chart chart(ResponseRateReport report, ReportWords words) {
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

        List<Tick> ticks = new ArrayList<>();
        for (int tick = 0; tick <= top; tick += step) {
            double y = TOP + plotHeight - plotHeight * tick / top;
            ticks.add(new Tick(words.integer(tick), coordinate(y), coordinate(y + 4)));
        }
        StringBuilder responded = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        List<Mark> marks = new ArrayList<>();
        StringBuilder description = new StringBuilder();
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
            String year = String.valueOf(cycle.cycle());
            marks.add(new Mark(
                    cycle.cycle(),
                    words.integer(cycle.totals().responded()),
                    cycle.cycle() == report.cycle(),
                    coordinate(x),
                    coordinate(yResponded),
                    coordinate(yResponded - 10),
                    words.text(
                            ReportMessage.CHART_POINT,
                            "cycle",
                            year,
                            "responded",
                            cycle.totals().responded(),
                            "expected",
                            cycle.totals().expected())));
            description
                    .append(words.text(
                            ReportMessage.CHART_DESCRIPTION,
                            "cycle",
                            year,
                            "responded",
                            cycle.totals().responded(),
                            "expected",
                            cycle.totals().expected()))
                    .append(' ');
        }
        String legendResponding = words.text(ReportMessage.CHART_LEGEND_RESPONDING);
        return new Chart(
                TREND_CHART_ID,
                CHART_WIDTH,
                CHART_HEIGHT,
                LEFT,
                CHART_WIDTH - RIGHT,
                coordinate(TOP + plotHeight / 2),
                CHART_HEIGHT - BOTTOM + 18,
                words.text(ReportMessage.CHART_TITLE),
                words.text(ReportMessage.CHART_AXIS),
                description.toString().strip(),
                ticks,
                marks,
                responded.toString().strip(),
                expected.toString().strip(),
                CHART_HEIGHT - 12,
                legendResponding,
                words.text(ReportMessage.CHART_LEGEND_EXPECTED),
                // the second legend entry starts after the first one's text (about 7 units a character at 12px)
                LEFT + 30 + 7 * legendResponding.length() + 24);
    }

    /** The horizontal position of the index-th of count cycles, inset from the axes. */
    private static double x(int index, int count, double plotWidth) {
        double inset = 24;
        return count == 1 ? LEFT + plotWidth / 2 : LEFT + inset + (plotWidth - 2 * inset) * index / (count - 1);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
