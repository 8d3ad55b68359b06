package org.observatory.schemas.table;

import static org.observatory.schemas.table.TableSchema.bigint;
import static org.observatory.schemas.table.TableSchema.bool;
import static org.observatory.schemas.table.TableSchema.integer;
import static org.observatory.schemas.table.TableSchema.real;
import static org.observatory.schemas.table.TableSchema.string;

import java.util.List;

/**
 * The tables of a published snapshot ({@code warehouse/snapshots/<id>/<table>/country=XXX/*.parquet}), written by
 * the pipeline and read by the API. Column names are shared through the constants below.
 */
public final class SnapshotTables {
    public static final String COUNTRY = "country";
    public static final String YEAR = "year";
    public static final String INDICATOR = "indicator";
    public static final String ICCS_CODE = "iccs_code";
    public static final String SEX = "sex";
    public static final String AGE = "age";
    public static final String BREAKDOWN_TYPE = "breakdown_type";
    public static final String BREAKDOWN = "breakdown";
    public static final String MEASURE = "measure";
    public static final String VALUE = "value";
    public static final String COUNT = "count";
    public static final String RATE_PER_100K = "rate_per_100k";
    public static final String POPULATION = "population";
    public static final String POPULATION_SOURCE = "population_source";
    public static final String REPORTED_RATE = "reported_rate";
    public static final String UNIT = "unit";
    public static final String OBS_STATUS = "obs_status";
    public static final String OBS_CONF = "obs_conf";
    public static final String FOOTNOTE = "footnote";
    public static final String SOURCE = "source";
    public static final String SOURCE_KIND = "source_kind";
    public static final String NATIONAL_CODE = "national_code";
    public static final String NATIONAL_LABEL = "national_label";
    public static final String MATCH_QUALITY = "match_quality";
    public static final String CAVEAT = "caveat";
    public static final String SUBMISSION_ID = "submission_id";
    public static final String SOURCE_LINE = "source_line";
    public static final String SOURCE_ROWS = "source_rows";
    public static final String CYCLE = "cycle";
    public static final String SYNTHETIC = "synthetic";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String CTS_SECTION = "cts_section";
    public static final String VALUE_COUNT = "value_count";
    public static final String ACCEPTED_AT = "accepted_at";
    public static final String CHANGE = "change";
    public static final String OLD_COUNT = "old_count";
    public static final String NEW_COUNT = "new_count";
    public static final String OLD_RATE_PER_100K = "old_rate_per_100k";
    public static final String NEW_RATE_PER_100K = "new_rate_per_100k";
    public static final String OLD_REPORTED_RATE = "old_reported_rate";
    public static final String NEW_REPORTED_RATE = "new_reported_rate";
    public static final String OLD_SUBMISSION_ID = "old_submission_id";
    public static final String NEW_SUBMISSION_ID = "new_submission_id";

    /** {@link #CHANGES}' {@code change}: a value of both snapshots whose count, rate or reported rate differs. */
    public static final String CHANGE_REVISED = "revised";
    /** {@link #CHANGES}' {@code change}: a value only the new snapshot has. */
    public static final String CHANGE_ADDED = "added";
    /** {@link #CHANGES}' {@code change}: a value of the previous snapshot the new one no longer has. */
    public static final String CHANGE_WITHDRAWN = "withdrawn";

    /**
     * {@code obs_conf} (SDMX CONF_STATUS) of a value suppressed by the small-cell rule: confidential. Its count (and
     * rate, and an observation's {@code source_rows}) is null and its {@code obs_status} is Q. Other values have
     * no {@code obs_conf}.
     */
    public static final String OBS_CONF_CONFIDENTIAL = "C";

    /** {@code measure} of a count observation. */
    public static final String MEASURE_COUNT = "count";
    /** {@code measure} of a rate the source reported (kept as reported, with its provenance). */
    public static final String MEASURE_REPORTED_RATE = "reported_rate";
    /** {@code measure} of a percentage (victimisation surveys). */
    public static final String MEASURE_PERCENT = "percent";

    /** One row per value, traceable to its submission and source line, with its national definition. */
    public static final TableSchema OBSERVATIONS = new TableSchema(
            "observations",
            List.of(
                    string(COUNTRY),
                    integer(YEAR),
                    string(INDICATOR),
                    string(ICCS_CODE),
                    string(SEX),
                    string(AGE),
                    string(BREAKDOWN_TYPE),
                    string(BREAKDOWN),
                    string(MEASURE),
                    real(VALUE),
                    string(UNIT),
                    string(OBS_STATUS),
                    string(OBS_CONF),
                    string(FOOTNOTE),
                    string(SOURCE),
                    string(SOURCE_KIND),
                    string(NATIONAL_CODE),
                    string(NATIONAL_LABEL),
                    string(MATCH_QUALITY),
                    string(CAVEAT),
                    string(SUBMISSION_ID),
                    bigint(SOURCE_LINE),
                    bigint(SOURCE_ROWS),
                    integer(CYCLE),
                    bool(SYNTHETIC)));

    /**
     * One row per country x year x indicator x disaggregation: the count, and the platform's rate per 100,000
     * computed from the count and the population used (null, never zero, where no population exists).
     */
    public static final TableSchema INDICATORS = new TableSchema(
            "indicators",
            List.of(
                    string(COUNTRY),
                    integer(YEAR),
                    string(INDICATOR),
                    string(SEX),
                    string(AGE),
                    string(BREAKDOWN_TYPE),
                    string(BREAKDOWN),
                    real(COUNT),
                    real(RATE_PER_100K),
                    real(POPULATION),
                    string(POPULATION_SOURCE),
                    real(REPORTED_RATE),
                    string(UNIT),
                    string(OBS_STATUS),
                    string(OBS_CONF),
                    string(FOOTNOTE),
                    string(SOURCE),
                    string(SOURCE_KIND),
                    string(NATIONAL_CODE),
                    string(NATIONAL_LABEL),
                    string(MATCH_QUALITY),
                    string(CAVEAT),
                    string(SUBMISSION_ID),
                    bool(SYNTHETIC)));

    /** Every input row not used, with its reason and source line (invariant 2). */
    public static final TableSchema EXCLUSIONS = new TableSchema(
            "exclusions",
            List.of(
                    string(COUNTRY),
                    integer(YEAR),
                    string(SUBMISSION_ID),
                    string(SOURCE_KIND),
                    bigint(SOURCE_LINE),
                    string(REASON),
                    string(DETAIL)));

    /**
     * Who answered which UN-CTS cycle: one row per country, cycle, submission, indicator and reference year with at
     * least one value, counted before revisions (a later cycle superseding a value does not erase the answer to the
     * earlier one). {@code cycle} is the cycle the submission was loaded for ({@code --cycle}), never the reference
     * year; {@code accepted_at} is when the submission was accepted (ISO-8601 instant).
     */
    public static final TableSchema RESPONSES = new TableSchema(
            "responses",
            List.of(
                    string(COUNTRY),
                    integer(CYCLE),
                    string(SUBMISSION_ID),
                    string(ACCEPTED_AT),
                    string(INDICATOR),
                    string(CTS_SECTION),
                    integer(YEAR),
                    bigint(VALUE_COUNT),
                    bool(SYNTHETIC)));

    /**
     * What a snapshot changed against the previous published one: one row per indicator value (key of {@link
     * #INDICATORS}) that was revised, added or withdrawn, with the old and new count, rate and reported rate and the
     * submissions they came from (null on the side that has no value). Written by every run for the partitions it
     * compared; a snapshot without a previous one has an empty table, and vintages published before this table
     * existed have none. Not part of {@link #ALL}: it belongs to one run and is never carried over.
     */
    public static final TableSchema CHANGES = new TableSchema(
            "changes",
            List.of(
                    string(COUNTRY),
                    integer(YEAR),
                    string(INDICATOR),
                    string(SEX),
                    string(AGE),
                    string(BREAKDOWN_TYPE),
                    string(BREAKDOWN),
                    string(CHANGE),
                    real(OLD_COUNT),
                    real(NEW_COUNT),
                    real(OLD_RATE_PER_100K),
                    real(NEW_RATE_PER_100K),
                    real(OLD_REPORTED_RATE),
                    real(NEW_REPORTED_RATE),
                    string(OLD_SUBMISSION_ID),
                    string(NEW_SUBMISSION_ID)));

    /** The tables every snapshot has, each partitioned by country and carried over by incremental runs. */
    public static final List<TableSchema> ALL = List.of(OBSERVATIONS, INDICATORS, EXCLUSIONS, RESPONSES);

    private SnapshotTables() {}
}
