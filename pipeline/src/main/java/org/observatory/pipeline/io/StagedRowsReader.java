package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.pipeline.transform.Columns;
import org.observatory.pipeline.transform.Partitions;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.StagedRows;

/**
 * Reads the staged rows of a run's submissions ({@code <staging>/<submission-id>/rows.parquet}) with the columns
 * of {@link StagedRows#SCHEMA}. The submission id is the folder's: the manifest names the folder, so a row can
 * only belong to the submission it was staged under. Staged rows never change: a submission id is derived from
 * the landed file's bytes and its declaration, so a folder is written once.
 */
public final class StagedRowsReader {
    private static final StructType SCHEMA = SparkSchemas.structType(StagedRows.SCHEMA);
    /** The path of the file a row was read from: Spark's hidden metadata column of file sources. */
    private static final String FILE_PATH = "_metadata.file_path";
    /** What {@link #read} answers with: the staged columns but the submission id, then the source file. */
    private static final StructType READ_SCHEMA = new StructType(Stream.concat(
                    Stream.of(SCHEMA.fields()).filter(field -> !field.name().equals(StagedRows.SUBMISSION_ID)),
                    Stream.of(new StructField(Columns.SOURCE_FILE, DataTypes.StringType, true, Metadata.empty())))
            .toArray(StructField[]::new));

    private StagedRowsReader() {}

    /** The staged rows of a submission: {@code <staging>/<submission-id>/rows.parquet}. */
    public static Location location(Location staging, String submissionId) {
        return staging.resolve(submissionId).resolve(StagedRows.FILE_NAME);
    }

    /**
     * The size in bytes of each submission's staged rows, in the manifest's order.
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} naming every submission whose staged rows
     *     are missing
     */
    public static Map<String, Long> sizes(Location staging, List<ApprovedSubmission> submissions) {
        requireNonNull(staging, "staging is null");
        Storage storage = staging.storage();
        List<String> missing = new ArrayList<>();
        for (ApprovedSubmission submission : submissions) {
            Location file = location(staging, submission.submissionId());
            try {
                if (!storage.isFile(file.path())) {
                    missing.add(submission.submissionId());
                }
            } catch (IOException e) {
                throw cannotRead(file, e);
            }
        }
        if (!missing.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("Staged rows are missing for submission(s) %s (expected %s); ingest them again or remove them"
                                    + " from the run manifest")
                            .formatted(missing, location(staging, missing.get(0))));
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (ApprovedSubmission submission : submissions) {
            Location file = location(staging, submission.submissionId());
            try {
                sizes.put(submission.submissionId(), storage.size(file.path()));
            } catch (IOException e) {
                throw cannotRead(file, e);
            }
        }
        return sizes;
    }

    private static ObservatoryException cannotRead(Location file, IOException e) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                "Cannot read the size of %s: %s; check the staging area's permissions".formatted(file, e),
                e);
    }

    /**
     * The staged rows of all the given submissions.
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} naming every submission whose staged rows
     *     are missing
     */
    public static Dataset<Row> read(SparkSession spark, Location staging, List<ApprovedSubmission> submissions) {
        sizes(staging, submissions);
        return read(
                spark,
                staging,
                submissions.stream().map(ApprovedSubmission::submissionId).toList(),
                Optional.empty());
    }

    /**
     * The staged rows of the given submissions in one scan, only those of the given country partitions when {@code
     * partitions} is present (a filter Parquet pushes down). The rows have the columns of {@link
     * StagedRows#SCHEMA} but {@code submission_id}, and {@code source_file}, the file each row comes from; {@link
     * org.observatory.pipeline.transform.StagedGroups} keys rows by file and names the submission per group, which
     * costs nothing per row. The files must exist ({@link #sizes}).
     */
    public static Dataset<Row> read(
            SparkSession spark,
            Location staging,
            Collection<String> submissionIds,
            Optional<Collection<String>> partitions) {
        requireNonNull(spark, "spark is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(partitions, "partitions is null");
        if (submissionIds.isEmpty()) {
            return spark.createDataFrame(List.of(), READ_SCHEMA);
        }
        Dataset<Row> staged = spark.read()
                .schema(SCHEMA)
                .parquet(submissionIds.stream()
                        .map(id -> location(staging, id).uri())
                        .toArray(String[]::new));
        if (partitions.isPresent()) {
            staged = staged.filter(Partitions.isIn(col(StagedRows.COUNTRY), partitions.get()));
        }
        return staged.select(Stream.of(READ_SCHEMA.fieldNames())
                .map(name -> name.equals(Columns.SOURCE_FILE) ? col(FILE_PATH).as(name) : col(name))
                .toArray(Column[]::new));
    }
}
