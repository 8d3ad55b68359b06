package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.AGE;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN;
import static org.observatory.pipeline.transform.Columns.BREAKDOWN_TYPE;
import static org.observatory.pipeline.transform.Columns.CAVEAT;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.INCIDENT_DERIVED;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.MEASURE;
import static org.observatory.pipeline.transform.Columns.OBS_CONF;
import static org.observatory.pipeline.transform.Columns.OBS_STATUS;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SEX;
import static org.observatory.pipeline.transform.Columns.SOURCE;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.SYNTHETIC;
import static org.observatory.pipeline.transform.Columns.UNIT;
import static org.observatory.pipeline.transform.Columns.VALUE;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.ObservationStatus;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * Value rows: the staged rows of the kinds that carry values ({@code cts}, {@code national}, {@code sdmx-csv}).
 * {@link #classify} gives each its measure and total codes, and marks as {@code invalid-row} what the pipeline
 * cannot read; {@link #toObservations} shapes normalised rows as {@link SnapshotTables#OBSERVATIONS}.
 *
 * <p>Units and measures: {@code count} and {@code incident} (national only) give a {@code count};
 * {@code rate_per_100k} a {@code reported_rate}; {@code percent} a {@code percent}.
 */
public final class ValueRows {
    /** The working columns a normalised value carries after the observation columns. */
    public static final List<String> VALUE_COLUMNS = List.of(INCIDENT_DERIVED);

    private ValueRows() {}

    /**
     * Adds {@code measure} and the working columns {@code indicator} and {@code caveat}, sets blank sex, age and
     * breakdown to {@code _T}, and adds {@code reason}/{@code detail} for rows that cannot give a value (unknown
     * source kind or unit, missing value).
     *
     * @param rows groups of staged rows ({@link StagedGroups}), with their {@code source_rows}
     */
    public static Dataset<Row> classify(Dataset<Row> rows) {
        Column unit = lower(trim(col(UNIT)));
        Column kind = col(SOURCE_KIND);
        Column measure = when(unit.equalTo(StagedRows.UNIT_COUNT), lit(SnapshotTables.MEASURE_COUNT))
                .when(unit.equalTo(StagedRows.UNIT_INCIDENT), lit(SnapshotTables.MEASURE_COUNT))
                .when(unit.equalTo(StagedRows.UNIT_REPORTED_RATE), lit(SnapshotTables.MEASURE_REPORTED_RATE))
                .when(unit.equalTo(StagedRows.UNIT_PERCENT), lit(SnapshotTables.MEASURE_PERCENT));
        Column otherKind = not(coalesce(
                kind.isin(SourceKind.CTS.cliName(), SourceKind.NATIONAL.cliName(), SourceKind.SDMX_CSV.cliName()),
                lit(false)));
        Column incident = unit.equalTo(StagedRows.UNIT_INCIDENT);
        Column incidentOutsideNational = incident.and(not(kind.eqNullSafe(SourceKind.NATIONAL.cliName())));
        Column valueMissing = col(VALUE).isNull().and(not(incident));
        Column invalid = lit(ExclusionReason.INVALID_ROW.code());
        Column reason = when(otherKind, invalid)
                .when(measure.isNull().or(incidentOutsideNational), invalid)
                .when(valueMissing, invalid);
        Column detail = when(
                        otherKind,
                        format_string(
                                "source kind '%s' carries no values the pipeline reads; use cts, national or"
                                        + " sdmx-csv",
                                kind))
                .when(
                        measure.isNull().or(incidentOutsideNational),
                        format_string(
                                "unit '%s' is not read for source kind '%s'; use count, rate_per_100k or percent"
                                        + " (incident for national incident-level files)",
                                col(UNIT), kind))
                .when(valueMissing, lit("the value is missing; give a number or leave the row out"));
        return Assignments.set(UNIT, unit)
                .and(MEASURE, measure)
                .and(SEX, totalIfBlank(col(SEX)))
                .and(AGE, totalIfBlank(col(AGE)))
                .and(BREAKDOWN_TYPE, totalIfBlank(col(BREAKDOWN_TYPE)))
                .and(BREAKDOWN, totalIfBlank(col(BREAKDOWN)))
                .and(INDICATOR, lit(null).cast(DataTypes.StringType))
                .and(CAVEAT, lit(null).cast(DataTypes.StringType))
                .and(REASON, reason)
                .and(DETAIL, detail)
                .applyTo(rows);
    }

    /**
     * Normalised value rows (after {@link #classify} and the kind's mapping) as observations: the unit of the
     * measure ({@code count}, {@code rate_per_100k}, {@code percent}; the indicator's unit replaces it later),
     * {@code obs_status} {@code A} unless the source gave one, and {@code synthetic} when the source says so. The
     * working column {@code incident_derived} is false: these values were reported, not counted from incidents.
     */
    public static Dataset<Row> toObservations(Dataset<Row> rows) {
        Column measure = col(MEASURE);
        Column unit = when(measure.equalTo(SnapshotTables.MEASURE_REPORTED_RATE), lit(StagedRows.UNIT_REPORTED_RATE))
                .when(measure.equalTo(SnapshotTables.MEASURE_PERCENT), lit(StagedRows.UNIT_PERCENT))
                .otherwise(lit(StagedRows.UNIT_COUNT));
        return SparkSchemas.conform(
                Assignments.set(UNIT, unit)
                        .and(OBS_STATUS, observationStatus(col(OBS_STATUS)))
                        .and(OBS_CONF, lit(null).cast(DataTypes.StringType))
                        .and(Columns.ICCS_CODE, trim(col(Columns.ICCS_CODE)))
                        .and(SYNTHETIC, isSynthetic(col(SOURCE)))
                        .and(INCIDENT_DERIVED, lit(false))
                        .applyTo(rows),
                SnapshotTables.OBSERVATIONS,
                VALUE_COLUMNS);
    }

    /** {@code _T} for a blank code, else the trimmed code. */
    public static Column totalIfBlank(Column code) {
        return when(trim(code).isNull().or(trim(code).equalTo("")), lit(StagedRows.TOTAL))
                .otherwise(trim(code));
    }

    /** The trimmed, upper-cased SDMX OBS_STATUS, or {@code A} (normal) when blank. */
    public static Column observationStatus(Column status) {
        Column code = upper(trim(status));
        return when(code.isNull().or(code.equalTo("")), lit(ObservationStatus.NORMAL))
                .otherwise(code);
    }

    /** True when the provenance names synthetic data (case-insensitive). */
    public static Column isSynthetic(Column source) {
        return coalesce(lower(source).contains("synthetic"), lit(false));
    }

    /**
     * The status of a value summed from several: {@code A} when all are normal, else the first other status in
     * alphabetical order (an estimated or provisional part makes the sum estimated or provisional).
     */
    public static Column summedStatus(Column status) {
        return coalesce(min(when(status.notEqual(ObservationStatus.NORMAL), status)), lit(ObservationStatus.NORMAL));
    }

    /** The distinct non-null texts of a group, sorted and joined with {@code "; "}, or null when there are none. */
    public static Column joinedDistinct(Column text) {
        Column texts = array_sort(collect_set(text));
        return when(size(texts).gt(0), array_join(texts, "; "));
    }
}
