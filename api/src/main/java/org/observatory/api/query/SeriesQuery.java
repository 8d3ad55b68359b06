package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which values of one indicator for one member state to read. An empty {@code sex}, {@code age} or
 * {@code breakdownType} means every value of that dimension ({@code all}); a present one selects it, and
 * {@code _T} selects the total. The country code must already be a validated member-state code.
 */
public record SeriesQuery(
        String iso3,
        String indicator,
        OptionalInt fromYear,
        OptionalInt toYear,
        Optional<String> sex,
        Optional<String> age,
        Optional<String> breakdownType) {
    /** The code SDMX uses for a total over a dimension. */
    public static final String TOTAL = "_T";

    public SeriesQuery {
        requireNonNull(iso3, "iso3 is null");
        requireNonNull(indicator, "indicator is null");
        requireNonNull(fromYear, "fromYear is null");
        requireNonNull(toYear, "toYear is null");
        requireNonNull(sex, "sex is null");
        requireNonNull(age, "age is null");
        requireNonNull(breakdownType, "breakdownType is null");
        if (!iso3.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("iso3 must be three capital letters: " + iso3);
        }
        if (fromYear.isPresent() && toYear.isPresent() && fromYear.getAsInt() > toYear.getAsInt()) {
            throw new IllegalArgumentException(
                    "fromYear %d is after toYear %d".formatted(fromYear.getAsInt(), toYear.getAsInt()));
        }
    }

    /** National totals (sex, age and breakdown all {@code _T}) over every year. */
    public static SeriesQuery nationalTotals(String iso3, String indicator) {
        return new SeriesQuery(
                iso3,
                indicator,
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.of(TOTAL),
                Optional.of(TOTAL),
                Optional.of(TOTAL));
    }
}
