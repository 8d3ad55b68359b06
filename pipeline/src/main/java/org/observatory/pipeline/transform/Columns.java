package org.observatory.pipeline.transform;

import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * Column names the transforms use: those of the shared schemas (staged rows and snapshot tables name the same
 * concept the same way) and the few working columns that exist only between two transforms.
 */
public final class Columns {
    // staged rows and snapshot tables
    public static final String SUBMISSION_ID = StagedRows.SUBMISSION_ID;
    public static final String SOURCE_KIND = StagedRows.SOURCE_KIND;
    public static final String SOURCE_LINE = StagedRows.SOURCE_LINE;
    public static final String STATUS = StagedRows.STATUS;
    public static final String SKIP_REASON = StagedRows.SKIP_REASON;
    public static final String COUNTRY = StagedRows.COUNTRY;
    public static final String YEAR = StagedRows.YEAR;
    public static final String CTS_INDICATOR = StagedRows.CTS_INDICATOR;
    public static final String CTS_DIMENSION = StagedRows.CTS_DIMENSION;
    public static final String CTS_CATEGORY = StagedRows.CTS_CATEGORY;
    public static final String NATIONAL_CODE = StagedRows.NATIONAL_CODE;
    public static final String NATIONAL_LABEL = StagedRows.NATIONAL_LABEL;
    public static final String ICCS_CODE = StagedRows.ICCS_CODE;
    public static final String SEX = StagedRows.SEX;
    public static final String AGE = StagedRows.AGE;
    public static final String BREAKDOWN_TYPE = StagedRows.BREAKDOWN_TYPE;
    public static final String BREAKDOWN = StagedRows.BREAKDOWN;
    public static final String UNIT = StagedRows.UNIT;
    public static final String VALUE = StagedRows.VALUE;
    public static final String OBS_STATUS = StagedRows.OBS_STATUS;
    public static final String FOOTNOTE = StagedRows.FOOTNOTE;
    public static final String SOURCE = StagedRows.SOURCE;
    public static final String MATCH_QUALITY = StagedRows.MATCH_QUALITY;

    public static final String INDICATOR = SnapshotTables.INDICATOR;
    public static final String MEASURE = SnapshotTables.MEASURE;
    public static final String OBS_CONF = SnapshotTables.OBS_CONF;
    public static final String CAVEAT = SnapshotTables.CAVEAT;
    public static final String SOURCE_ROWS = SnapshotTables.SOURCE_ROWS;
    public static final String CYCLE = SnapshotTables.CYCLE;
    public static final String SYNTHETIC = SnapshotTables.SYNTHETIC;
    public static final String REASON = SnapshotTables.REASON;
    public static final String DETAIL = SnapshotTables.DETAIL;
    public static final String COUNT = SnapshotTables.COUNT;
    public static final String RATE_PER_100K = SnapshotTables.RATE_PER_100K;
    public static final String POPULATION = SnapshotTables.POPULATION;
    public static final String POPULATION_SOURCE = SnapshotTables.POPULATION_SOURCE;
    public static final String REPORTED_RATE = SnapshotTables.REPORTED_RATE;

    // working columns
    /** The submission's order of acceptance, from the run manifest. */
    public static final String SEQUENCE = "sequence";
    /** The countries whose part of a submission is approved, from the run manifest. */
    public static final String APPROVED_COUNTRIES = "approved_countries";
    /** The normalised lookup key of a dataUNODC (indicator, dimension, category) triple. */
    public static final String CTS_KEY = "cts_key";
    /** An ICCS code an indicator covers, with every code below it. */
    public static final String COVERED_ICCS_CODE = "covered_iccs_code";
    /** Whether an indicator has a rate per 100,000 population. */
    public static final String HAS_RATE = "has_rate";
    /** The correspondence note explaining a difference between the national and the ICCS definition. */
    public static final String NOTE = "note";
    /** The number of input rows an exclusion or a use stands for. */
    public static final String ROWS = "rows";
    /** What became of input rows: {@link #USED}, or an exclusion reason code. */
    public static final String OUTCOME = "outcome";

    /** A staged row's own id, so that rows that are not incidents stay groups of their own ({@link StagedGroups}). */
    public static final String ROW_ID = "row_id";
    /** The key of a group of staged rows, by which {@link Exclusions#expand} finds the group's lines again. */
    public static final String RAW_KEY = "raw_key";
    /** Whether a value was counted from incident-level rows, to which the small-cell rule applies. */
    public static final String INCIDENT_DERIVED = "incident_derived";
    /** Whether an observation's value is hidden by the small-cell rule. */
    public static final String HIDDEN = "hidden";
    /** The partition an output row lands in ({@link Partitions}). */
    public static final String PARTITION = "partition";

    /** The outcome of an input row that the snapshot uses. */
    public static final String USED = "used";

    private Columns() {}
}
