package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.StagedRows;

/**
 * Reads the staged rows of a run's submissions ({@code <staging>/<submission-id>/rows.parquet}) with the columns
 * of {@link StagedRows#SCHEMA}. The submission id is the folder's: the manifest names the folder, so a row can
 * only belong to the submission it was staged under.
 */
public final class StagedRowsReader {
    private static final StructType SCHEMA = SparkSchemas.structType(StagedRows.SCHEMA);

    private StagedRowsReader() {}

    public static Path location(Path staging, String submissionId) {
        return staging.resolve(submissionId).resolve(StagedRows.FILE_NAME);
    }

    /**
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} naming every submission whose staged rows
     *     are missing
     */
    public static Dataset<Row> read(SparkSession spark, Path staging, List<ApprovedSubmission> submissions) {
        requireNonNull(spark, "spark is null");
        requireNonNull(staging, "staging is null");
        List<String> missing = submissions.stream()
                .map(ApprovedSubmission::submissionId)
                .filter(id -> !Files.exists(location(staging, id)))
                .toList();
        if (!missing.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("Staged rows are missing for submission(s) %s (expected %s); ingest them again or remove them"
                                    + " from the run manifest")
                            .formatted(missing, location(staging, missing.get(0))));
        }
        Dataset<Row> rows = spark.createDataFrame(List.of(), SCHEMA);
        for (ApprovedSubmission submission : submissions) {
            Dataset<Row> staged = spark.read()
                    .schema(SCHEMA)
                    .parquet(LocalPaths.sparkLocation(location(staging, submission.submissionId())))
                    .withColumn(StagedRows.SUBMISSION_ID, lit(submission.submissionId()));
            rows = rows.unionByName(SparkSchemas.conform(staged, StagedRows.SCHEMA));
        }
        return rows;
    }
}
