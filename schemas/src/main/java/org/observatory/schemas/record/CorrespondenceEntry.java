package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

/**
 * One row of a country's correspondence table: a national offence code and label, the ICCS code it is normalised
 * to, the match quality, and a note explaining any difference. The national code and label are kept next to every
 * normalised value (invariant 6).
 */
public record CorrespondenceEntry(
        String country,
        String nationalCode,
        String nationalLabel,
        String iccsCode,
        MatchQuality matchQuality,
        String note) {
    public CorrespondenceEntry {
        requireNonNull(country, "country is null");
        requireNonNull(nationalCode, "nationalCode is null");
        requireNonNull(nationalLabel, "nationalLabel is null");
        requireNonNull(iccsCode, "iccsCode is null");
        requireNonNull(matchQuality, "matchQuality is null");
        requireNonNull(note, "note is null");
    }
}
