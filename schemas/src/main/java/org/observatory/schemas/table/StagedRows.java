package org.observatory.schemas.table;

import static org.observatory.schemas.table.TableSchema.bigint;
import static org.observatory.schemas.table.TableSchema.integer;
import static org.observatory.schemas.table.TableSchema.real;
import static org.observatory.schemas.table.TableSchema.string;

import java.util.List;

/**
 * The staged rows of one accepted submission ({@code staging/<submission-id>/rows.parquet}), written by ingest
 * and read by the pipeline. One schema serves every input kind; columns a kind does not use are null. Skipped
 * rows are staged too ({@code status = skipped} with a reason), so the pipeline's exclusions are complete.
 *
 * <p>Codes: {@code sex} is {@code _T} (total), {@code M}, {@code F} or {@code _U} (unknown); {@code age} is
 * {@code _T} or a band such as {@code 15-29}; {@code breakdown_type} is {@code _T} or e.g. {@code mechanism}, with
 * the category in {@code breakdown}. {@code unit} is one of the {@code UNIT_*} constants.
 */
public final class StagedRows {
    public static final String FILE_NAME = "rows.parquet";

    public static final String SUBMISSION_ID = "submission_id";
    public static final String SOURCE_KIND = "source_kind";
    public static final String SOURCE_LINE = "source_line";
    public static final String STATUS = "status";
    public static final String SKIP_REASON = "skip_reason";
    public static final String COUNTRY = "country";
    public static final String YEAR = "year";
    public static final String CTS_INDICATOR = "cts_indicator";
    public static final String CTS_DIMENSION = "cts_dimension";
    public static final String CTS_CATEGORY = "cts_category";
    public static final String NATIONAL_CODE = "national_code";
    public static final String NATIONAL_LABEL = "national_label";
    public static final String ICCS_CODE = "iccs_code";
    public static final String SEX = "sex";
    public static final String AGE = "age";
    public static final String BREAKDOWN_TYPE = "breakdown_type";
    public static final String BREAKDOWN = "breakdown";
    public static final String UNIT = "unit";
    public static final String VALUE = "value";
    public static final String OBS_STATUS = "obs_status";
    public static final String FOOTNOTE = "footnote";
    public static final String SOURCE = "source";
    public static final String MATCH_QUALITY = "match_quality";

    public static final String STATUS_ACCEPTED = "accepted";
    public static final String STATUS_SKIPPED = "skipped";

    /** An aggregated count (offences, victims, persons). */
    public static final String UNIT_COUNT = "count";
    /** A rate per 100,000 population as the source reported it. */
    public static final String UNIT_REPORTED_RATE = "rate_per_100k";
    /** A resident population (the denominator source). */
    public static final String UNIT_POPULATION = "population";
    /** One recorded offence of an incident-level file (value 1); the pipeline aggregates these. */
    public static final String UNIT_INCIDENT = "incident";
    /** A row of a correspondence table (no value). */
    public static final String UNIT_CORRESPONDENCE = "correspondence";
    /** A percentage, e.g. a victimisation-survey prevalence. */
    public static final String UNIT_PERCENT = "percent";

    /** The code of a total (no disaggregation), as in SDMX. */
    public static final String TOTAL = "_T";

    public static final TableSchema SCHEMA = new TableSchema(
            "staged_rows",
            List.of(
                    string(SUBMISSION_ID),
                    string(SOURCE_KIND),
                    bigint(SOURCE_LINE),
                    string(STATUS),
                    string(SKIP_REASON),
                    string(COUNTRY),
                    integer(YEAR),
                    string(CTS_INDICATOR),
                    string(CTS_DIMENSION),
                    string(CTS_CATEGORY),
                    string(NATIONAL_CODE),
                    string(NATIONAL_LABEL),
                    string(ICCS_CODE),
                    string(SEX),
                    string(AGE),
                    string(BREAKDOWN_TYPE),
                    string(BREAKDOWN),
                    string(UNIT),
                    real(VALUE),
                    string(OBS_STATUS),
                    string(FOOTNOTE),
                    string(SOURCE),
                    string(MATCH_QUALITY)));

    private StagedRows() {}
}
