package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

/**
 * One row of a snapshot's {@code indicators} table for a country and indicator: the disaggregation, the count,
 * the platform's rate per 100,000 and the population it used (null where no population exists), the rate the
 * source reported, flags, provenance, the national definition it came from and its comparability caveat. Nullable
 * fields are null when the snapshot holds no value, never zero.
 */
public record SeriesObservation(
        int year,
        String sex,
        String age,
        String breakdownType,
        String breakdown,
        Double count,
        Double ratePer100k,
        Double population,
        String populationSource,
        Double reportedRate,
        String unit,
        String obsStatus,
        String obsConf,
        String footnote,
        String source,
        String sourceKind,
        String nationalCode,
        String nationalLabel,
        String matchQuality,
        String caveat,
        String submissionId,
        boolean synthetic) {
    public SeriesObservation {
        requireNonNull(sex, "sex is null");
        requireNonNull(age, "age is null");
        requireNonNull(breakdownType, "breakdownType is null");
        requireNonNull(breakdown, "breakdown is null");
    }
}
