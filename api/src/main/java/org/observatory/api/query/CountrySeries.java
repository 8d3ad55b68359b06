package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything a snapshot holds for one member state's indicators, for a country page: one {@link IndicatorSeries}
 * per indicator with values, ordered by indicator code, each with every year and every disaggregation. It never
 * holds another country's values. Empty when the country has no values in the snapshot.
 */
public record CountrySeries(String iso3, List<IndicatorSeries> indicators) {
    public CountrySeries {
        requireNonNull(iso3, "iso3 is null");
        indicators = List.copyOf(requireNonNull(indicators, "indicators is null"));
    }

    /** The series of one indicator, or empty when the country has no values of it. */
    public Optional<IndicatorSeries> indicator(String code) {
        requireNonNull(code, "code is null");
        return indicators.stream()
                .filter(series -> series.indicator().equals(code))
                .findFirst();
    }

    /** The indicators with values and their years, as {@link SnapshotQueries#coverage} gives them. */
    public List<IndicatorCoverage> coverage() {
        return indicators.stream().map(IndicatorSeries::coverage).toList();
    }
}
