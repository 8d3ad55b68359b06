package org.observatory.schemas.table;

import java.util.Locale;

/** Why an input row did not become an observation. Every exclusion is counted by reason in the run report. */
public enum ExclusionReason {
    /** A real country that is not a member state of the deployment (or not in that cycle). */
    OUT_OF_SCOPE_COUNTRY,
    /** A code that is not an ISO 3166-1 country (regional aggregates, {@code GBR_EW}, ...). */
    UNKNOWN_COUNTRY,
    /** A national offence code the country's correspondence table does not map. */
    UNMAPPED_NATIONAL_CODE,
    /** A dataUNODC (indicator, dimension, category) the platform does not map to an indicator. */
    UNMAPPED_CTS_CATEGORY,
    /** Two rows with the same key and different values: both are excluded. */
    CONFLICTING_DUPLICATE,
    /** A row repeating another row exactly: the repeat is excluded. */
    EXACT_DUPLICATE,
    /** Replaced by a newer approved submission for the same (source kind, country, year). */
    SUPERSEDED,
    /** Withdrawn by the country. */
    WITHDRAWN,
    /** A row that marks a value as missing (SDMX OBS_STATUS M, L, O or Q without a value): nothing to publish. */
    MISSING_VALUE,
    /**
     * Reserved. The pipeline does not exclude the rows of a cell suppressed by the small-cell rule: they are used,
     * and the cell is published empty with {@code obs_status} Q and {@code obs_conf} C.
     */
    SMALL_CELL,
    /** Another row problem reported by ingest that does not block the file. */
    INVALID_ROW;

    /** The code used in staged rows, exclusions and reports, e.g. {@code out-of-scope-country}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
