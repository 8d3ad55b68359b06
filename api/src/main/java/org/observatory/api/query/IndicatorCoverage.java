package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The years for which a snapshot holds values of one indicator for one country, and whether any is synthetic. */
public record IndicatorCoverage(String indicator, List<Integer> years, boolean synthetic) {
    public IndicatorCoverage {
        requireNonNull(indicator, "indicator is null");
        years = List.copyOf(requireNonNull(years, "years is null"));
        if (years.isEmpty()) {
            throw new IllegalArgumentException("an indicator with data covers at least one year: " + indicator);
        }
    }

    public int firstYear() {
        return years.get(0);
    }

    public int lastYear() {
        return years.get(years.size() - 1);
    }
}
