package org.observatory.api.submission;

import java.io.IOException;
import java.util.List;
import org.observatory.schemas.record.SubmissionManifest;

/**
 * The ingest service as the API sees it: the api module does not depend on ingest, so the app hands the server an
 * implementation that runs the same service as {@code observatory ingest}. Implementations land the file byte for
 * byte, validate it whole and stage it only when it has no error.
 */
public interface SubmissionIntake {
    /**
     * Lands, validates and (when it has no error) stages the upload.
     *
     * @throws org.observatory.schemas.error.ObservatoryException {@code INVALID_PARAMETER} for a declaration the
     *     service refuses (e.g. a country that is not a member state)
     */
    IntakeResult ingest(Upload upload) throws IOException;

    /** Every accepted submission in the staging area, in the order it was received. */
    List<SubmissionManifest> acceptedSubmissions() throws IOException;

    /**
     * Deletes what ingests of processes that are gone (killed mid-upload) left in the staging area; the server calls
     * it when it starts. The default leaves nothing to delete.
     */
    default void removeLeftoversOfDeadProcesses() throws IOException {}
}
