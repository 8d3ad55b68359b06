package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.text.Message;

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

    /**
     * Every issue of a submission's landed file, found by validating the file again as its ingest did, but listing
     * every issue (up to {@code limit} in all) instead of the first of each code as its stored report does; stages
     * nothing and leaves the stored report as it is. Empty when this intake cannot (the default): the fix list then
     * names the issues of the stored report.
     *
     * @param landed the submission's file in the landing area
     */
    default Optional<AllIssues> allIssues(SubmissionRecord submission, Path landed, int limit) throws IOException {
        return Optional.empty();
    }

    /**
     * One issue of one line of a file (line 1 is the file's first line), with its coded message.
     *
     * @param column the column's name as the file writes it, or null for the line as a whole
     * @param value the value found, or null
     */
    record LineIssue(long line, String column, String value, Message message) {
        public LineIssue {
            requireNonNull(message, "message is null");
            if (line < 1) {
                throw new IllegalArgumentException("line must be 1 or more: " + line);
            }
        }
    }

    /**
     * The issues of a file's lines, in the order they were found, and how many issues its validation found in all
     * (those of the file as a whole included).
     *
     * @param complete whether every issue found is listed (the validation found no more than it may list); when not,
     *     {@code lines} holds the first ones found
     */
    record AllIssues(List<LineIssue> lines, long counted, boolean complete) {
        public AllIssues {
            lines = List.copyOf(requireNonNull(lines, "lines is null"));
            if (counted < lines.size()) {
                throw new IllegalArgumentException(
                        "counted (%d) must not be below the issues listed (%d)".formatted(counted, lines.size()));
            }
        }
    }
}
