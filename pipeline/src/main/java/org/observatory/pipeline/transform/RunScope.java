package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.observatory.pipeline.transform.Columns.APPROVED_COUNTRIES;
import static org.observatory.pipeline.transform.Columns.COUNTRY;
import static org.observatory.pipeline.transform.Columns.CYCLE;
import static org.observatory.pipeline.transform.Columns.SEQUENCE;
import static org.observatory.pipeline.transform.Columns.STATUS;
import static org.observatory.pipeline.transform.Columns.SUBMISSION_ID;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.table.StagedRows;

/**
 * Decides which staged rows are part of a run (its "rows in"): the accepted rows of the countries whose part of
 * the submission is approved, and every skipped row, which becomes an exclusion with its ingest reason. Accepted
 * rows of a country that has not approved its part are not in the run at all: nothing is public before approval.
 */
public final class RunScope {
    private static final StructType SUBMISSIONS = new StructType()
            .add(SUBMISSION_ID, DataTypes.StringType, false)
            .add(SEQUENCE, DataTypes.LongType, false)
            .add(CYCLE, DataTypes.IntegerType, true)
            .add(APPROVED_COUNTRIES, DataTypes.createArrayType(DataTypes.StringType, false), false);

    private RunScope() {}

    /** The run's submissions: id, sequence, cycle and approved countries, one row each. */
    public static Dataset<Row> submissions(SparkSession spark, List<RunManifest.ApprovedSubmission> submissions) {
        requireNonNull(spark, "spark is null");
        List<Row> rows = submissions.stream()
                .map(submission -> RowFactory.create(
                        submission.submissionId(),
                        submission.sequence(),
                        submission.cycle(),
                        submission.approvedCountries().stream()
                                .map(country -> country.strip().toUpperCase(Locale.ROOT))
                                .toArray(String[]::new)))
                .toList();
        return spark.createDataFrame(rows, SUBMISSIONS);
    }

    /**
     * The staged rows that are in the run, with the submission's {@code sequence} and {@code cycle} added.
     *
     * @param staged staged rows ({@link StagedRows#SCHEMA}) of the run's submissions
     * @param submissions the frame of {@link #submissions}
     */
    public static Dataset<Row> rowsIn(Dataset<Row> staged, Dataset<Row> submissions) {
        Column accepted = col(STATUS).eqNullSafe(StagedRows.STATUS_ACCEPTED);
        Column approved = array_contains(col(APPROVED_COUNTRIES), col(COUNTRY));
        return staged.join(broadcast(submissions), new String[] {SUBMISSION_ID}, "inner")
                .filter(not(accepted).or(approved))
                .drop(APPROVED_COUNTRIES);
    }
}
