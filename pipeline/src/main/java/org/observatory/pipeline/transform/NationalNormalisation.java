package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.CAVEAT;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.FOOTNOTE;
import static org.observatory.pipeline.transform.Columns.ICCS_CODE;
import static org.observatory.pipeline.transform.Columns.INCIDENT_DERIVED;
import static org.observatory.pipeline.transform.Columns.MATCH_QUALITY;
import static org.observatory.pipeline.transform.Columns.NATIONAL_CODE;
import static org.observatory.pipeline.transform.Columns.NATIONAL_LABEL;
import static org.observatory.pipeline.transform.Columns.OBS_STATUS;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE;
import static org.observatory.pipeline.transform.Columns.SOURCE_LINE;
import static org.observatory.pipeline.transform.Columns.SOURCE_ROWS;
import static org.observatory.pipeline.transform.Columns.SYNTHETIC;
import static org.observatory.pipeline.transform.Columns.UNIT;
import static org.observatory.pipeline.transform.Columns.VALUE;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * Normalises a national observatory's rows: each (country, national code) goes through the country's
 * correspondence table to an ICCS code, keeping the national code and label next to it with the match quality
 * and its caveat (invariant 6). Codes the table does not have become {@code unmapped-national-code} exclusions.
 * Incident-level rows (one per recorded offence) are then counted per country, year, national code and
 * disaggregation.
 */
public final class NationalNormalisation {
    private static final String TABLE_COUNTRY = "table_country";
    private static final String TABLE_NATIONAL_CODE = "table_national_code";
    private static final String TABLE_NATIONAL_LABEL = "table_national_label";
    private static final String TABLE_ICCS_CODE = "table_iccs_code";
    private static final String TABLE_MATCH_QUALITY = "table_match_quality";

    /** Observation columns that are summed over, not grouped by, when incidents are counted. */
    private static final Set<String> AGGREGATED = Set.of(
            SnapshotTables.VALUE,
            SnapshotTables.OBS_STATUS,
            SnapshotTables.FOOTNOTE,
            SnapshotTables.SOURCE,
            SnapshotTables.NATIONAL_LABEL,
            SnapshotTables.SOURCE_LINE,
            SnapshotTables.SOURCE_ROWS,
            SnapshotTables.SYNTHETIC);

    private NationalNormalisation() {}

    /**
     * Sets {@code iccs_code}, {@code match_quality}, {@code caveat} and (when the row has none) {@code
     * national_label} from the correspondence table, or {@code reason} {@code unmapped-national-code}.
     *
     * @param nationalRows classified national value rows
     * @param correspondence the tables in effect ({@link CorrespondenceTables#effective})
     */
    public static Dataset<Row> mapCodes(Dataset<Row> nationalRows, Dataset<Row> correspondence) {
        Dataset<Row> table = broadcast(correspondence.select(
                col(COUNTRY).as(TABLE_COUNTRY),
                col(NATIONAL_CODE).as(TABLE_NATIONAL_CODE),
                col(NATIONAL_LABEL).as(TABLE_NATIONAL_LABEL),
                col(ICCS_CODE).as(TABLE_ICCS_CODE),
                col(MATCH_QUALITY).as(TABLE_MATCH_QUALITY)));
        Dataset<Row> rows = nationalRows.withColumn(NATIONAL_CODE, trim(col(NATIONAL_CODE)));
        Column unmapped = col(TABLE_NATIONAL_CODE).isNull();
        Column detail = format_string(
                "national offence code '%s' is not in the %s correspondence table; add it to the table (upload a"
                        + " correspondence file) or correct the code",
                coalesce(col(NATIONAL_CODE), lit("")), coalesce(col(COUNTRY), lit("country's")));
        Dataset<Row> joined = rows.join(
                table,
                rows.col(COUNTRY)
                        .equalTo(col(TABLE_COUNTRY))
                        .and(rows.col(NATIONAL_CODE).equalTo(col(TABLE_NATIONAL_CODE))),
                "left_outer");
        return Assignments.set(ICCS_CODE, col(TABLE_ICCS_CODE))
                .and(NATIONAL_LABEL, coalesce(col(NATIONAL_LABEL), col(TABLE_NATIONAL_LABEL)))
                .and(MATCH_QUALITY, col(TABLE_MATCH_QUALITY))
                .and(CAVEAT, MatchQualities.caveat(col(TABLE_MATCH_QUALITY)))
                .and(REASON, when(unmapped, lit(ExclusionReason.UNMAPPED_NATIONAL_CODE.code())))
                .and(DETAIL, when(unmapped, detail))
                .applyTo(joined)
                .drop(TABLE_COUNTRY, TABLE_NATIONAL_CODE, TABLE_NATIONAL_LABEL, TABLE_ICCS_CODE, TABLE_MATCH_QUALITY);
    }

    /** The distinct (country, national_code) pairs that {@link #mapCodes} could not map. */
    public static Dataset<Row> unmappedCodes(Dataset<Row> mapped) {
        return mapped.filter(col(REASON)
                        .eqNullSafe(ExclusionReason.UNMAPPED_NATIONAL_CODE.code())
                        .and(col(COUNTRY).isNotNull())
                        .and(col(NATIONAL_CODE).isNotNull()))
                .select(COUNTRY, NATIONAL_CODE)
                .distinct();
    }

    /**
     * Mapped national rows as observations, with incident rows counted: one observation per country, year,
     * national code, sex, age and breakdown, whose value and {@code source_rows} are the number of incidents and
     * whose {@code source_line} is the first incident's line. Counted observations have the working column {@code
     * incident_derived} true (the small-cell rule applies to them), reported counts false.
     *
     * @param mapped groups of staged rows ({@link StagedGroups}) of {@link #mapCodes} without a reason
     */
    public static Dataset<Row> aggregateIncidents(Dataset<Row> mapped) {
        Column incident = col(UNIT).eqNullSafe(StagedRows.UNIT_INCIDENT);
        Dataset<Row> counts = ValueRows.toObservations(mapped.filter(not(incident)));
        Dataset<Row> incidents = ValueRows.toObservations(mapped.filter(incident));
        List<Column> groups = SnapshotTables.OBSERVATIONS.columnNames().stream()
                .filter(name -> !AGGREGATED.contains(name))
                .map(name -> col(name))
                .toList();
        Dataset<Row> aggregated = incidents
                .groupBy(groups.toArray(Column[]::new))
                .agg(
                        sum(col(SOURCE_ROWS)).cast("double").as(VALUE),
                        ValueRows.summedStatus(col(OBS_STATUS)).as(OBS_STATUS),
                        ValueRows.joinedDistinct(col(FOOTNOTE)).as(FOOTNOTE),
                        ValueRows.joinedDistinct(col(SOURCE)).as(SOURCE),
                        min(col(NATIONAL_LABEL)).as(NATIONAL_LABEL),
                        min(col(SOURCE_LINE)).as(SOURCE_LINE),
                        sum(col(SOURCE_ROWS)).as(SOURCE_ROWS),
                        bool_or(col(SYNTHETIC)).as(SYNTHETIC))
                .withColumn(INCIDENT_DERIVED, lit(true));
        return counts.unionByName(
                SparkSchemas.conform(aggregated, SnapshotTables.OBSERVATIONS, ValueRows.VALUE_COLUMNS));
    }
}
