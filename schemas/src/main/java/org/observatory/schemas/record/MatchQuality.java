package org.observatory.schemas.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How well a national offence definition matches the ICCS category it is mapped to. Anything but {@link #FULL}
 * puts a comparability caveat on every value it produces (invariant 6).
 */
public enum MatchQuality {
    /** The national definition and the ICCS category cover the same acts. */
    FULL(Optional.empty()),
    /** The two overlap: some acts of one are not in the other. */
    PARTIAL(
            Optional.of(
                    "The national definition only partly matches the ICCS category; values are not fully comparable with other countries.")),
    /** The national definition is broader than the ICCS category: values may be higher than the ICCS concept. */
    BROADER(Optional.of(
            "The national definition is broader than the ICCS category; values may include acts outside it.")),
    /** The national definition is narrower than the ICCS category: values may be lower than the ICCS concept. */
    NARROWER(
            Optional.of("The national definition is narrower than the ICCS category; values may omit acts within it."));

    private final Optional<String> caveat;

    MatchQuality(Optional<String> caveat) {
        this.caveat = caveat;
    }

    /** The comparability caveat that travels with every value of this match quality; empty for a full match. */
    public Optional<String> caveat() {
        return caveat;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchQuality fromCode(String code) {
        return Arrays.stream(values())
                .filter(quality -> quality.code().equalsIgnoreCase(code == null ? "" : code.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown match quality '%s'; use one of %s"
                        .formatted(
                                code,
                                Arrays.stream(values()).map(MatchQuality::code).toList())));
    }
}
