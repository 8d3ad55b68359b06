package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The years one country has values of an indicator for, in increasing order (see {@link SnapshotQueries}). */
public record CountryYears(String iso3, List<Integer> years) {
    public CountryYears {
        requireNonNull(iso3, "iso3 is null");
        years = List.copyOf(requireNonNull(years, "years is null"));
        if (years.isEmpty()) {
            throw new IllegalArgumentException("a country with data for an indicator has at least one year: " + iso3);
        }
    }
}
