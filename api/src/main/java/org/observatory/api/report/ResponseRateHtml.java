package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.observatory.api.page.Templates;
import org.observatory.api.report.ResponseRateReport.Change;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.HeatmapRow;
import org.observatory.api.report.ResponseRateReport.SectionCompleteness;
import org.observatory.api.report.ResponseRateReport.Totals;

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

    static String render(ResponseRateReport report) {
        return Templates.render(TEMPLATE, Map.of("view", new View(report, chart(report))));
    }

    /** What the template shows: the report, its figures as text and the trend chart. */
    public record View(ResponseRateReport report, Chart chart) {
        public View {
            requireNonNull(report, "report is null");
            requireNonNull(chart, "chart is null");
        }

        public String title() {
            return (report.synthetic() ? "SYNTHETIC - " : "") + "Response rates, UN-CTS cycle " + report.cycle();
        }

        public String responding() {
            Totals total = report.total();
            return Figures.share(total.responded(), total.expected()) + " ("
                    + Figures.percent(total.responseRatePercent()) + ")";
        }

        public String change() {
            Change change = report.total().change();
            if (change == null) {
                return "none to compare (" + report.cycle() + " is the first cycle with replies)";
            }
            return Figures.change(change) + " against cycle " + change.previousCycle() + " ("
                    + change.previousResponded() + " responding)";
        }

        public String timeliness() {
            if (!report.timelinessAssessed()) {
                return "not assessed: no reply deadline is configured for cycle " + report.cycle();
            }
            Totals total = report.total();
            return "deadline " + report.deadline() + ": " + total.onTime() + " on time, " + total.late() + " late";
        }

        /** {@code 62.5 % (10 of 16; police 80 %; ...)}. */
        public String completeness() {
            Completeness completeness = report.total().completeness();
            StringBuilder text = new StringBuilder(Figures.percent(completeness.percent()))
                    .append(" (")
                    .append(Figures.share(completeness.indicatorsWithValues(), completeness.indicatorsExpected()));
            for (SectionCompleteness section : completeness.sections()) {
                text.append("; ").append(section.section()).append(' ').append(Figures.percent(section.percent()));
            }
            return text.append(')').toString();
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
            String subregion = null;
            for (HeatmapRow row : report.heatmap().countries()) {
                if (!row.subregion().equals(subregion)) {
                    if (subregion != null) {
                        groups.add(new HeatmapGroup(subregion, rows));
                    }
                    subregion = row.subregion();
                    rows = new ArrayList<>();
                }
                rows.add(row);
            }
            if (subregion != null) {
                groups.add(new HeatmapGroup(subregion, rows));
            }
            return groups;
        }

        /** {@code 54.3 %}, or {@code n/a}. */
        public String percent(Double value) {
            return Figures.percent(value);
        }

        /** {@code 54.3}, without the percent sign. */
        public String number(Double value) {
            return Figures.number(value);
        }

        /** {@code +14 (+280 %)}, or {@code -} without a previous cycle. */
        public String change(Change change) {
            return change == null ? "-" : Figures.change(change);
        }

        /** The count, or {@code -} when there is none (timeliness not assessed). */
        public String count(Integer value) {
            return value == null ? "-" : String.valueOf(value);
        }

        /** A cell's figure for a member that replied, {@code -} for one that did not. */
        public String percentIf(boolean responded, Double value) {
            return responded ? Figures.percent(value) : "-";
        }

        /** The colour class of a heatmap cell: {@code c0} (0-19 %) to {@code c4} (80-100 %). */
        public String bin(Double percent) {
            double value = percent == null ? 0 : percent;
            return "c" + Math.min(4, (int) Math.floor(value / 20));
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
            List<Tick> ticks,
            List<Mark> marks,
            String respondedPoints,
            String expectedPoints,
            int legendY) {
        public Chart {
            ticks = List.copyOf(requireNonNull(ticks, "ticks is null"));
            marks = List.copyOf(requireNonNull(marks, "marks is null"));
        }

        public String description() {
            StringBuilder text = new StringBuilder();
            for (Mark mark : marks) {
                text.append("%d: %d of %d. ".formatted(mark.cycle(), mark.responded(), mark.expected()));
            }
            return text.toString();
        }
    }

    /** A horizontal grid line at {@code y} with its value. */
    public record Tick(int value, String y, String labelY) {}

    /** One cycle on the chart: its point on the responding line, and its labels. */
    public record Mark(int cycle, int responded, int expected, boolean selected, String x, String y, String labelY) {}

    private static Chart chart(ResponseRateReport report) {
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
            ticks.add(new Tick(tick, coordinate(y), coordinate(y + 4)));
        }
        StringBuilder responded = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        List<Mark> marks = new ArrayList<>();
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
            marks.add(new Mark(
                    cycle.cycle(),
                    cycle.totals().responded(),
                    cycle.totals().expected(),
                    cycle.cycle() == report.cycle(),
                    coordinate(x),
                    coordinate(yResponded),
                    coordinate(yResponded - 10)));
        }
        return new Chart(
                TREND_CHART_ID,
                CHART_WIDTH,
                CHART_HEIGHT,
                LEFT,
                CHART_WIDTH - RIGHT,
                coordinate(TOP + plotHeight / 2),
                CHART_HEIGHT - BOTTOM + 18,
                ticks,
                marks,
                responded.toString().strip(),
                expected.toString().strip(),
                CHART_HEIGHT - 12);
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
