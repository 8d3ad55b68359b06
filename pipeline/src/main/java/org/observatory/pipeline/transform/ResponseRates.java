package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.CYCLE;
import static org.observatory.pipeline.transform.Columns.INDICATOR;
import static org.observatory.pipeline.transform.Columns.REASON;
import static org.observatory.pipeline.transform.Columns.SOURCE;
import static org.observatory.pipeline.transform.Columns.SOURCE_KIND;
import static org.observatory.pipeline.transform.Columns.STATUS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;
import static org.observatory.pipeline.transform.Columns.SYNTHETIC;
import static org.observatory.pipeline.transform.Columns.VALUE;
import static org.observatory.pipeline.transform.Columns.YEAR;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.IndicatorCatalogue;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;

/**
 * Who answered which UN-CTS cycle: the {@link SnapshotTables#RESPONSES} table, from which the secretariat's
 * response-rate and completeness reports are computed.
 *
 * <p>A member state responded to cycle Y with an indicator when an accepted {@code cts} row of a submission loaded
 * with {@code --cycle Y} holds a value (not null, in a unit the pipeline reads) whose dataUNODC category maps to that
 * indicator. The cycle comes from the submission, never from the reference year of the data. Rows are counted
 * <em>before</em> revisions: a later cycle that supersedes a value does not erase the fact that the country answered
 * the earlier cycle. Rows of countries that have not approved their part are not in a run at all, so they never
 * count; a submission loaded without a cycle answers no cycle.
 */
public final class ResponseRates {
    private static final StructType SUBMISSIONS = new StructType()
            .add(SUBMISSION_ID, DataTypes.StringType, false)
            .add(SnapshotTables.ACCEPTED_AT, DataTypes.StringType, false);

    private static final StructType SECTIONS = new StructType()
            .add(INDICATOR, DataTypes.StringType, false)
            .add(SnapshotTables.CTS_SECTION, DataTypes.StringType, false);

    private ResponseRates() {}

    /**
     * The responses table of a run.
     *
     * @param submissions the run manifest's approved submissions (for their acceptance time)
     * @param rowsIn the run's input rows with their cycle, before revisions ({@link RunScope#rowsIn}, or
     *     {@link SnapshotPlan#revisedRows}, which only marks superseded rows)
     */
    public static Dataset<Row> table(
            SparkSession spark, Codelists codelists, List<ApprovedSubmission> submissions, Dataset<Row> rowsIn) {
        requireNonNull(codelists, "codelists is null");
        return of(
                rowsIn,
                CtsNormalisation.categories(spark, codelists.ctsCategories()),
                sections(spark, codelists.indicators()),
                submissions(spark, submissions));
    }

    /** The submissions' acceptance times: {@code submission_id}, {@code accepted_at}, one row each. */
    public static Dataset<Row> submissions(SparkSession spark, List<ApprovedSubmission> submissions) {
        requireNonNull(spark, "spark is null");
        requireNonNull(submissions, "submissions is null");
        List<Row> rows = submissions.stream()
                .map(submission -> RowFactory.create(submission.submissionId(), submission.acceptedAt()))
                .toList();
        return spark.createDataFrame(rows, SUBMISSIONS);
    }

    /** The CTS section of every indicator of the catalogue: {@code indicator}, {@code cts_section}. */
    public static Dataset<Row> sections(SparkSession spark, IndicatorCatalogue catalogue) {
        requireNonNull(spark, "spark is null");
        requireNonNull(catalogue, "catalogue is null");
        List<Row> rows = catalogue.all().stream()
                .map(indicator -> RowFactory.create(
                        indicator.code(), indicator.ctsSection().code()))
                .toList();
        return spark.createDataFrame(rows, SECTIONS);
    }

    /**
     * One row per country, cycle, submission, indicator and reference year with at least one value: the number of
     * values, the indicator's CTS section, the submission's acceptance time and whether any of the values is
     * synthetic. Columns of {@link SnapshotTables#RESPONSES}.
     *
     * @param rowsIn the run's input rows with their {@code cycle}, before revisions
     * @param ctsCategories the dataUNODC category mapping ({@link CtsNormalisation#categories})
     * @param sections the frame of {@link #sections}
     * @param submissions the frame of {@link #submissions}
     */
    public static Dataset<Row> of(
            Dataset<Row> rowsIn, Dataset<Row> ctsCategories, Dataset<Row> sections, Dataset<Row> submissions) {
        Dataset<Row> ctsRows = rowsIn.filter(col(STATUS)
                .eqNullSafe(StagedRows.STATUS_ACCEPTED)
                .and(col(SOURCE_KIND).eqNullSafe(SourceKind.CTS.cliName()))
                .and(col(CYCLE).isNotNull())
                .and(col(COUNTRY).isNotNull()));
        Dataset<Row> values = CtsNormalisation.map(ValueRows.classify(ctsRows), ctsCategories)
                .filter(col(REASON)
                        .isNull()
                        .and(col(VALUE).isNotNull())
                        .and(col(INDICATOR).isNotNull()));
        Dataset<Row> responses = values.groupBy(col(COUNTRY), col(CYCLE), col(SUBMISSION_ID), col(INDICATOR), col(YEAR))
                .agg(
                        count(lit(1)).as(SnapshotTables.VALUE_COUNT),
                        max(ValueRows.isSynthetic(col(SOURCE))).as(SYNTHETIC));
        return SparkSchemas.conform(
                responses
                        .join(broadcast(submissions), new String[] {SUBMISSION_ID}, "left_outer")
                        .join(broadcast(sections), new String[] {INDICATOR}, "left_outer"),
                SnapshotTables.RESPONSES);
    }
}
