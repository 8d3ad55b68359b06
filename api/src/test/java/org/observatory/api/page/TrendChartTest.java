package org.observatory.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The chart model: axis from 0 with round ticks, gaps, breaks, hollow and suppressed markers. */
class TrendChartTest {
    private static final TrendChart.NumberFormatter PLAIN =
            (value, digits) -> String.format(Locale.ROOT, "%." + digits + "f", value);

    private static TrendChart.Value value(int year, double number) {
        return new TrendChart.Value(year, number, "A", false);
    }

    private static TrendChart.Value flagged(int year, double number, String status) {
        return new TrendChart.Value(year, number, status, false);
    }

    private static List<Integer> years(TrendChart.Line line) {
        return line.points().stream().map(TrendChart.Point::year).toList();
    }

    @Test
    void theValueAxisStartsAtZeroWithRoundTicks() {
        TrendChart chart = TrendChart.of(List.of(value(2018, 613), value(2019, 986)), PLAIN);

        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("0", "250", "500", "750", "1000");
        assertThat(chart.yTicks().get(0).position()).isEqualTo(chart.plotBottom());
        assertThat(chart.yTicks().get(4).position()).isEqualTo(chart.plotTop());
    }

    @Test
    void smallRatesGetTicksWithFractionDigits() {
        TrendChart chart = TrendChart.of(List.of(value(2018, 0.12), value(2019, 0.3)), PLAIN);

        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("0.0", "0.1", "0.2", "0.3");
    }

    @Test
    void aValueOfZeroSitsOnTheAxisAndAllZerosStillHaveAnAxis() {
        TrendChart chart = TrendChart.of(List.of(value(2018, 0), value(2019, 0)), PLAIN);

        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("0", "1");
        assertThat(chart.markers()).allSatisfy(marker -> assertThat(marker.y()).isEqualTo(chart.plotBottom()));
    }

    @Test
    void consecutiveYearsAreJoinedAndAMissingYearIsAGap() {
        TrendChart chart =
                TrendChart.of(List.of(value(2014, 10), value(2015, 12), value(2017, 11), value(2018, 13)), PLAIN);

        assertThat(chart.lines())
                .extracting(TrendChartTest::years)
                .containsExactly(List.of(2014, 2015), List.of(2017, 2018));
        assertThat(chart.gapYears()).containsExactly(2016);
        assertThat(chart.xTicks())
                .extracting(TrendChart.Tick::label)
                .containsExactly("2014", "2015", "2016", "2017", "2018");
    }

    @Test
    void aBreakInSeriesStartsANewLineWithAMarkBeforeIt() {
        TrendChart chart = TrendChart.of(
                List.of(value(2016, 10), value(2017, 11), flagged(2018, 30, "B"), value(2019, 31)), PLAIN);

        assertThat(chart.lines())
                .extracting(TrendChartTest::years)
                .containsExactly(List.of(2016, 2017), List.of(2018, 2019));
        assertThat(chart.breaks()).extracting(TrendChart.BreakMark::year).containsExactly(2018);
        double x2017 = chart.markers().get(1).x();
        double x2018 = chart.markers().get(2).x();
        assertThat(chart.breaks().get(0).x()).isGreaterThan(x2017).isLessThan(x2018);
    }

    @Test
    void estimatedAndProvisionalValuesHaveHollowMarkers() {
        TrendChart chart = TrendChart.of(
                List.of(flagged(2017, 5, "E"), value(2018, 6), flagged(2019, 7, "P"), flagged(2020, 8, "D")), PLAIN);

        assertThat(chart.markers())
                .extracting(TrendChart.Marker::year, TrendChart.Marker::hollow)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2017, true),
                        org.assertj.core.groups.Tuple.tuple(2018, false),
                        org.assertj.core.groups.Tuple.tuple(2019, true),
                        org.assertj.core.groups.Tuple.tuple(2020, false));
    }

    @Test
    void aSuppressedValueIsMarkedOnTheAxisNeverDrawnAsZero() {
        TrendChart chart = TrendChart.of(
                List.of(value(2019, 9), new TrendChart.Value(2020, null, "Q", true), value(2021, 12)), PLAIN);

        assertThat(chart.markers()).extracting(TrendChart.Marker::year).containsExactly(2019, 2021);
        assertThat(chart.suppressed())
                .extracting(TrendChart.SuppressedMark::year)
                .containsExactly(2020);
        assertThat(chart.lines())
                .extracting(TrendChartTest::years)
                .as("the line is not drawn through the suppressed year")
                .containsExactly(List.of(2019), List.of(2021));
        assertThat(chart.gapYears()).as("a suppressed year is not missing").isEmpty();
        assertThat(chart.lines()).noneMatch(TrendChart.Line::joinsPoints);
    }

    @Test
    void oneYearSitsInTheMiddleOfThePlot() {
        TrendChart chart = TrendChart.of(List.of(value(2020, 42)), PLAIN);

        assertThat(chart.markers().get(0).x()).isEqualTo((chart.plotLeft() + chart.plotRight()) / 2);
        assertThat(chart.lines().get(0).svgPoints()).isEqualTo("264,66.8");
    }

    @Test
    void coordinatesAreWrittenWithoutAWholeNumbersFraction() {
        assertThat(TrendChart.coordinate(64.0)).isEqualTo("64");
        assertThat(TrendChart.coordinate(82.14)).isEqualTo("82.1");
        assertThat(TrendChart.coordinate(189.96)).isEqualTo("190");
    }

    @Test
    void longSeriesLabelEverySecondOrFifthYear() {
        List<TrendChart.Value> fifteen = java.util.stream.IntStream.rangeClosed(2009, 2023)
                .mapToObj(year -> value(year, year - 2000))
                .toList();

        assertThat(TrendChart.of(fifteen, PLAIN).xTicks())
                .extracting(TrendChart.Tick::label)
                .containsExactly("2009", "2011", "2013", "2015", "2017", "2019", "2021", "2023");
    }

    @Test
    void rejectsTwoValuesForOneYear() {
        assertThatThrownBy(() -> TrendChart.of(List.of(value(2020, 1), value(2020, 2)), PLAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A trend chart has one value per year, but 2020 has two");
    }

    @Test
    void rejectsASuppressedValueWithANumberAndANegativeValue() {
        assertThatThrownBy(() -> new TrendChart.Value(2020, 3.0, "Q", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A suppressed value has no number, but year 2020 has 3.0");
        assertThatThrownBy(() -> value(2020, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A chart value must be a finite number >= 0, not -1.0 (year 2020)");
    }
}
