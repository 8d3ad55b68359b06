package org.observatory.schemas.codelist;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a codelist label comes from ({@code codelists/label-sources.csv}). Only {@link #OFFICIAL} labels are the
 * words of an official publication; the others are listed by {@link LabelAudit} so the secretariat can have them
 * checked or replaced.
 */
public enum LabelStatus {
    /** Taken from an official publication the source names (UN M49, ICCS 2015, SDMX). */
    OFFICIAL,
    /** A name in common use from a named non-official source (Unicode CLDR) or a usual short form. */
    COMMON,
    /** The project's translation of a label. */
    TRANSLATION,
    /** The project's own wording (no official text exists), which the translations follow. */
    ORIGINAL;

    /** The lower-case code used in {@code label-sources.csv} and in the CLI's output. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LabelStatus fromCode(String code) {
        return Arrays.stream(values())
                .filter(status -> status.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '%s'; use one of %s"
                        .formatted(
                                code,
                                Arrays.stream(values()).map(LabelStatus::code).toList())));
    }
}
