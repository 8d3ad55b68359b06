package org.observatory.schemas.classification;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one dataUNODC (Indicator, Dimension, Category) triple maps to the platform: the indicator it feeds, the
 * ICCS code, and the breakdown it stands for ({@code _T} when it is a total). Mapping on the triple, not on the
 * category alone, matters: under a victims indicator a category can be a victim-perpetrator relationship.
 */
public record CtsCategory(
        String indicator,
        String dimension,
        String category,
        Optional<String> indicatorCode,
        Optional<String> iccsCode,
        String breakdownType,
        String breakdown) {
    public CtsCategory {
        requireNonNull(indicator, "indicator is null");
        requireNonNull(dimension, "dimension is null");
        requireNonNull(category, "category is null");
        requireNonNull(indicatorCode, "indicatorCode is null");
        requireNonNull(iccsCode, "iccsCode is null");
        requireNonNull(breakdownType, "breakdownType is null");
        requireNonNull(breakdown, "breakdown is null");
    }
}
