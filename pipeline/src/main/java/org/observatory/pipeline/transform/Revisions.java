package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.CTS_INDICATOR;
import static org.observatory.pipeline.transform.Columns.DETAIL;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SEQUENCE;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.YEAR;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.observatory.pipeline.spark.Assignments;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.table.ExclusionReason;

/**
 * The revision rule: for each scope (source kind, country, year) only the rows of the latest submission (highest
 * {@code sequence}) count; rows of older submissions become exclusions with reason {@code superseded}. A country's
 * correspondence table has no year: its scope is (correspondence, country), so the latest upload replaces it whole.
 *
 * <p>A {@code cts} scope also names the dataUNODC indicator ({@code Offences}, {@code Violent offences},
 * {@code Victims of intentional homicide}, ...): dataUNODC publishes one theme per file, so a release of one theme
 * must revise that theme's series and leave another theme's values of the same country and year alone. Within an
 * indicator the rule is unchanged: a key the newer release no longer has is withdrawn.
 */
public final class Revisions {
    private static final String LATEST = "latest";
    private static final String SCOPE_KIND = "scope_kind";
    private static final String SCOPE_COUNTRY = "scope_country";
    private static final String SCOPE_YEAR = "scope_year";
    private static final String SCOPE_SERIES = "scope_series";
    private static final String LATEST_YEAR = "latest_year";
    private static final String LATEST_SERIES = "latest_series";

    private Revisions() {}

    /**
     * Adds {@code reason} and {@code detail}: {@code superseded} and the submission that replaced the row, or null
     * for a row of the latest submission of its scope.
     *
     * @param accepted accepted rows in the run, with {@code sequence}
     */
    public static Dataset<Row> markSuperseded(Dataset<Row> accepted) {
        Column correspondence = col(SOURCE_KIND).eqNullSafe(SourceKind.CORRESPONDENCE.cliName());
        Column cts = col(SOURCE_KIND).eqNullSafe(SourceKind.CTS.cliName());
        // the latest submission per scope by an aggregate (a few hundred scopes) joined back by broadcast: a
        // window over the scope would sort every group of the run
        Dataset<Row> scoped = accepted.withColumn(SCOPE_YEAR, when(not(correspondence), col(YEAR)))
                .withColumn(SCOPE_SERIES, when(cts, col(CTS_INDICATOR)));
        Dataset<Row> latestPerScope = scoped.groupBy(
                        col(SOURCE_KIND).as(SCOPE_KIND),
                        col(COUNTRY).as(SCOPE_COUNTRY),
                        col(SCOPE_YEAR),
                        col(SCOPE_SERIES))
                .agg(max(struct(col(SEQUENCE), col(SUBMISSION_ID))).as(LATEST))
                .withColumnRenamed(SCOPE_YEAR, LATEST_YEAR)
                .withColumnRenamed(SCOPE_SERIES, LATEST_SERIES);
        Column sameScope = col(SOURCE_KIND)
                .eqNullSafe(col(SCOPE_KIND))
                .and(col(COUNTRY).eqNullSafe(col(SCOPE_COUNTRY)))
                .and(col(SCOPE_YEAR).eqNullSafe(col(LATEST_YEAR)))
                .and(col(SCOPE_SERIES).eqNullSafe(col(LATEST_SERIES)));
        Dataset<Row> withLatest = scoped.join(broadcast(latestPerScope), sameScope, "inner")
                .drop(SCOPE_KIND, SCOPE_COUNTRY, SCOPE_YEAR, SCOPE_SERIES, LATEST_YEAR, LATEST_SERIES);
        Column superseded = col(LATEST).getField(SEQUENCE).gt(col(SEQUENCE));
        Column detail = format_string(
                "superseded by submission %s for (%s, %s, %s%s), which revises the same scope",
                col(LATEST).getField(SUBMISSION_ID),
                col(SOURCE_KIND),
                col(COUNTRY),
                when(correspondence, lit("all years")).otherwise(col(YEAR).cast("string")),
                when(cts, concat(lit(", "), col(CTS_INDICATOR))).otherwise(lit("")));
        return Assignments.set(REASON, when(superseded, lit(ExclusionReason.SUPERSEDED.code())))
                .and(DETAIL, when(superseded, detail))
                .applyTo(withLatest)
                .drop(LATEST);
    }
}
