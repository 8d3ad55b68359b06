package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Every value of one indicator for one country in a snapshot: national totals and disaggregations (sex, age,
 * breakdown), ordered by year, then by sex, age, breakdown type and breakdown with the total first in each, as
 * {@link SnapshotQueries#series} orders them.
 */
public record IndicatorSeries(String indicator, List<SeriesObservation> observations) {
    public IndicatorSeries {
        requireNonNull(indicator, "indicator is null");
        observations = List.copyOf(requireNonNull(observations, "observations is null"));
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("an indicator series holds at least one value: " + indicator);
        }
    }

    /** The national totals (sex, age and breakdown type all {@code _T}, as {@link SeriesQuery#nationalTotals}). */
    public List<SeriesObservation> nationalTotals() {
        return observations.stream().filter(IndicatorSeries::isTotal).toList();
    }

    /** The years with values (ascending) and whether any value is synthetic. */
    public IndicatorCoverage coverage() {
        List<Integer> years =
                observations.stream().map(SeriesObservation::year).distinct().toList();
        return new IndicatorCoverage(indicator, years, observations.stream().anyMatch(SeriesObservation::synthetic));
    }

    private static boolean isTotal(SeriesObservation observation) {
        return SeriesQuery.TOTAL.equals(observation.sex())
                && SeriesQuery.TOTAL.equals(observation.age())
                && SeriesQuery.TOTAL.equals(observation.breakdownType());
    }
}
