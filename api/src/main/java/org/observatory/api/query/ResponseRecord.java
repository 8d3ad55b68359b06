package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a snapshot's {@code responses} table says about one indicator of one submission: a country answered a UN-CTS
 * cycle with that many values of that indicator (over every reference year), in a submission accepted at that time.
 */
public record ResponseRecord(
        String country,
        int cycle,
        String submissionId,
        Instant acceptedAt,
        String indicator,
        long valueCount,
        boolean synthetic) {
    public ResponseRecord {
        requireNonNull(country, "country is null");
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(acceptedAt, "acceptedAt is null");
        requireNonNull(indicator, "indicator is null");
        if (valueCount < 1) {
            throw new IllegalArgumentException("a response holds at least one value, not %d (%s, cycle %d, %s)"
                    .formatted(valueCount, country, cycle, indicator));
        }
    }
}
