package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

/**
 * A national offence of a synthetic national submission ({@code generator/national-offences.csv}): its national
 * code and label, and the synthetic series (times a factor) its yearly count is derived from.
 */
record NationalOffence(String country, String code, String label, Series series, double factor) {
    NationalOffence {
        requireNonNull(country, "country is null");
        requireNonNull(code, "code is null");
        requireNonNull(label, "label is null");
        requireNonNull(series, "series is null");
        if (!(factor > 0 && factor <= 10)) {
            throw new IllegalArgumentException("factor must be above 0 and at most 10, got %s".formatted(factor));
        }
    }
}
