package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * Reads the staged rows of a run's submissions ({@code <staging>/<submission-id>/rows.parquet}) with the columns
 * of {@link StagedRows#SCHEMA}. The submission id is the folder's: the manifest names the folder, so a row can
 * only belong to the submission it was staged under. Staged rows never change: a submission id is derived from
 * the landed file's bytes and its declaration, so a folder is written once.
 */
public final class StagedRowsReader {
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
                    Message.of(
                            PipelineMessage.STAGED_ROWS_MISSING,
                            "submissions",
                            missing.toString(),
                            "location",
                            location(staging, missing.get(0)).toString()));
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
                Message.of(PipelineMessage.STAGED_ROWS_UNREADABLE, "file", file.toString(), "problem", e.toString()),
                e);
    }
}
