package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The geometry of one country's trend chart, worked out in Java so that the template only draws: where each year
 * and value sits in the SVG's coordinates, the lines, the markers and the axis ticks. The chart is honest: the y
 * axis starts at 0; consecutive years with values are joined, a missing year is a gap and never joined; a break in
 * series (OBS_STATUS {@code B}) starts a new line and gets a labelled marker; estimated and provisional values
 * ({@code E}, {@code P}) get hollow markers; a suppressed value has no height, so it is marked on the x axis, never
 * drawn as 0.
 *
 * @param width the SVG's width (its {@code viewBox})
 * @param height the SVG's height
 * @param plotLeft the x of the y axis
 * @param plotRight the x where the plot ends
 * @param plotTop the y of the highest tick
 * @param plotBottom the y of the x axis (value 0)
 * @param xTicks the years labelled on the x axis
 * @param yTicks the values labelled on the y axis, from 0 up
 * @param lines the joined runs of consecutive years with values
 * @param markers one per value, in year order
 * @param breaks one per value flagged as a break in series
 * @param suppressed one per suppressed value, on the x axis
 * @param gapYears the years between the first and the last that have neither a value nor a suppressed one
 */
public record TrendChart(
        double width,
        double height,
        double plotLeft,
        double plotRight,
        double plotTop,
        double plotBottom,
        List<Tick> xTicks,
        List<Tick> yTicks,
        List<Line> lines,
        List<Marker> markers,
        List<BreakMark> breaks,
        List<SuppressedMark> suppressed,
        List<Integer> gapYears) {
    public static final double WIDTH = 480;
    public static final double HEIGHT = 230;
    static final double LEFT = 64;
    static final double RIGHT = 16;
    static final double TOP = 14;
    static final double BOTTOM = 40;

    /** The status of a break in series. */
    public static final String BREAK = "B";

    private static final List<String> HOLLOW = List.of("E", "P");

    public TrendChart {
        xTicks = List.copyOf(requireNonNull(xTicks, "xTicks is null"));
        yTicks = List.copyOf(requireNonNull(yTicks, "yTicks is null"));
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        markers = List.copyOf(requireNonNull(markers, "markers is null"));
        breaks = List.copyOf(requireNonNull(breaks, "breaks is null"));
        suppressed = List.copyOf(requireNonNull(suppressed, "suppressed is null"));
        gapYears = List.copyOf(requireNonNull(gapYears, "gapYears is null"));
    }

    /**
     * One year's value. A {@code null} value is either suppressed (shown on the axis) or missing (a gap).
     *
     * @param status the OBS_STATUS code, or null
     */
    public record Value(int year, Double value, String status, boolean suppressed) {
        public Value {
            if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
                throw new IllegalArgumentException(
                        "A chart value must be a finite number >= 0, not %s (year %d)".formatted(value, year));
            }
            if (suppressed && value != null) {
                throw new IllegalArgumentException(
                        "A suppressed value has no number, but year %d has %s".formatted(year, value));
            }
        }

        public boolean hollow() {
            return status != null && HOLLOW.contains(status);
        }

        public boolean isBreak() {
            return BREAK.equals(status);
        }
    }

    /** Formats a tick value with the given number of fraction digits (the page's {@link Localizer#decimal}). */
    @FunctionalInterface
    public interface NumberFormatter {
        String format(double value, int fractionDigits);
    }

    /** A labelled position on an axis (x for years, y for values). */
    public record Tick(double position, String label) {
        public Tick {
            requireNonNull(label, "label is null");
        }
    }

    /** A point of the chart. */
    public record Point(int year, double x, double y) {}

    /** A run of consecutive years joined by a line; a run of one point is drawn as its marker only. */
    public record Line(List<Point> points) {
        public Line {
            points = List.copyOf(requireNonNull(points, "points is null"));
        }

        /** The points as an SVG {@code points} attribute: {@code x,y x,y ...}. */
        public String svgPoints() {
            StringBuilder text = new StringBuilder();
            for (Point point : points) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(coordinate(point.x())).append(',').append(coordinate(point.y()));
            }
            return text.toString();
        }

        public boolean joinsPoints() {
            return points.size() > 1;
        }
    }

    /** A value's marker: hollow for an estimated or provisional value. */
    public record Marker(int year, double x, double y, double value, String status, boolean hollow) {}

    /** A break in series: a dashed line just before the year that is not comparable with the earlier ones. */
    public record BreakMark(int year, double x) {}

    /** A suppressed value, marked on the x axis at its year. */
    public record SuppressedMark(int year, double x) {}

    /** The chart of the values (any order; one per year), labelling y ticks with the formatter. */
    public static TrendChart of(List<Value> values, NumberFormatter formatter) {
        requireNonNull(values, "values is null");
        requireNonNull(formatter, "formatter is null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("A trend chart needs at least one year");
        }
        List<Value> sorted =
                values.stream().sorted(Comparator.comparingInt(Value::year)).toList();
        for (int index = 1; index < sorted.size(); index++) {
            if (sorted.get(index).year() == sorted.get(index - 1).year()) {
                throw new IllegalArgumentException("A trend chart has one value per year, but %d has two"
                        .formatted(sorted.get(index).year()));
            }
        }
        int firstYear = sorted.get(0).year();
        int lastYear = sorted.get(sorted.size() - 1).year();
        double max = sorted.stream()
                .filter(value -> value.value() != null)
                .mapToDouble(Value::value)
                .max()
                .orElse(0);
        Scale scale = Scale.of(max);

        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        double plotTop = TOP;
        double plotBottom = HEIGHT - BOTTOM;
        XAxis x = new XAxis(firstYear, lastYear, plotLeft, plotRight);

        List<Tick> yTicks = new ArrayList<>();
        for (int step = 0; step <= scale.steps(); step++) {
            double tick = step * scale.step();
            double position = plotBottom - (plotBottom - plotTop) * tick / scale.top();
            yTicks.add(new Tick(round(position), formatter.format(tick, scale.fractionDigits())));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = firstYear == lastYear ? 1 : yearStep(lastYear - firstYear);
        for (int year = firstYear; year <= lastYear; year++) {
            if ((year - firstYear) % every == 0) {
                xTicks.add(new Tick(x.of(year), Integer.toString(year)));
            }
        }

        List<Line> lines = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        List<BreakMark> breaks = new ArrayList<>();
        List<SuppressedMark> suppressed = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        Integer previousYear = null;
        for (Value value : sorted) {
            if (value.value() == null) {
                if (value.suppressed()) {
                    suppressed.add(new SuppressedMark(value.year(), x.of(value.year())));
                }
                close(run, lines);
                previousYear = null;
                continue;
            }
            if (value.isBreak()) {
                close(run, lines);
                breaks.add(new BreakMark(value.year(), round(Math.max(plotLeft, x.of(value.year()) - x.halfYear()))));
            } else if (previousYear != null && previousYear != value.year() - 1) {
                close(run, lines);
            }
            double y = round(plotBottom - (plotBottom - plotTop) * value.value() / scale.top());
            Point point = new Point(value.year(), x.of(value.year()), y);
            run.add(point);
            markers.add(new Marker(value.year(), point.x(), y, value.value(), value.status(), value.hollow()));
            previousYear = value.year();
        }
        close(run, lines);

        TreeSet<Integer> present = new TreeSet<>();
        sorted.stream()
                .filter(value -> value.value() != null || value.suppressed())
                .forEach(value -> present.add(value.year()));
        List<Integer> gapYears = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            if (!present.contains(year)) {
                gapYears.add(year);
            }
        }
        return new TrendChart(
                WIDTH,
                HEIGHT,
                plotLeft,
                plotRight,
                plotTop,
                plotBottom,
                xTicks,
                yTicks,
                lines,
                markers,
                breaks,
                suppressed,
                gapYears);
    }

    /** The y axis: from 0 to a round top, in 3 to 5 round steps. */
    record Scale(double step, int steps, int fractionDigits) {
        double top() {
            return step * steps;
        }

        static Scale of(double max) {
            if (max <= 0) {
                return new Scale(1, 1, 0);
            }
            double raw = max / 4;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double residual = raw / magnitude;
            double nice;
            if (residual <= 1) {
                nice = 1;
            } else if (residual <= 2) {
                nice = 2;
            } else if (residual <= 2.5) {
                nice = 2.5;
            } else if (residual <= 5) {
                nice = 5;
            } else {
                nice = 10;
            }
            double step = nice * magnitude;
            int steps = (int) Math.ceil(max / step - 1e-9);
            int digits = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
            if (nice == 2.5 && step < 10) {
                digits += 1;
            }
            return new Scale(step, Math.max(1, steps), digits);
        }
    }

    private record XAxis(int firstYear, int lastYear, double left, double right) {
        double of(int year) {
            if (firstYear == lastYear) {
                return round((left + right) / 2);
            }
            double inset = halfYear();
            return round(left + inset + (right - left - 2 * inset) * (year - firstYear) / (lastYear - firstYear));
        }

        /** Half the distance between two years (room at both ends, and where a break mark sits). */
        double halfYear() {
            int span = lastYear - firstYear;
            return span == 0 ? (right - left) / 4 : Math.min(16, (right - left) / (span + 1) / 2);
        }
    }

    private static int yearStep(int span) {
        if (span <= 10) {
            return 1;
        }
        if (span <= 20) {
            return 2;
        }
        return 5;
    }

    private static void close(List<Point> run, List<Line> lines) {
        if (!run.isEmpty()) {
            lines.add(new Line(run));
            run.clear();
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A coordinate as SVG text: one fraction digit at most, none when it is whole ({@code 64}, {@code 82.1}). */
    public static String coordinate(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** The horizontal grid lines at the y ticks, as one SVG path. */
    public String gridPath() {
        StringBuilder path = new StringBuilder();
        for (Tick tick : yTicks) {
            path.append('M')
                    .append(coordinate(plotLeft))
                    .append(' ')
                    .append(coordinate(tick.position()))
                    .append('H')
                    .append(coordinate(plotRight));
        }
        return path.toString();
    }

    /** The x axis and a short tick under each labelled year, as one SVG path. */
    public String xAxisPath() {
        StringBuilder path = new StringBuilder();
        path.append('M')
                .append(coordinate(plotLeft))
                .append(' ')
                .append(coordinate(plotBottom))
                .append('H')
                .append(coordinate(plotRight));
        for (Tick tick : xTicks) {
            path.append('M')
                    .append(coordinate(tick.position()))
                    .append(' ')
                    .append(coordinate(plotBottom))
                    .append("v5");
        }
        return path.toString();
    }
}
