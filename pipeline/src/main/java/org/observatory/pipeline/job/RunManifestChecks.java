package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.text.Message;

/** What a run manifest must satisfy beyond its record's own checks, verified before any data is read. */
public final class RunManifestChecks {
    private RunManifestChecks() {}

    /** What a submission id may look like: it names a staging folder. */
    public static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * Each submission is listed once with an id that can name a folder (letters, digits, '.', '_', '-'), and no
     * two share a sequence (sequences order revisions).
     *
     * @throws ObservatoryException {@link ErrorCode#CONFIGURATION_INVALID} naming the submissions at fault
     */
    public static void verify(RunManifest manifest) {
        requireNonNull(manifest, "manifest is null");
        Set<String> ids = new HashSet<>();
        Map<Long, String> bySequence = new HashMap<>();
        for (ApprovedSubmission submission : manifest.submissions()) {
            if (!SUBMISSION_ID.matcher(submission.submissionId()).matches()) {
                throw new ObservatoryException(
                        ErrorCode.CONFIGURATION_INVALID,
                        Message.of(
                                PipelineMessage.SUBMISSION_ID_INVALID,
                                "run",
                                manifest.runId(),
                                "submission",
                                submission.submissionId()));
            }
            if (!ids.add(submission.submissionId())) {
                throw new ObservatoryException(
                        ErrorCode.CONFIGURATION_INVALID,
                        Message.of(
                                PipelineMessage.SUBMISSION_LISTED_TWICE,
                                "run",
                                manifest.runId(),
                                "submission",
                                submission.submissionId()));
            }
            String other = bySequence.putIfAbsent(submission.sequence(), submission.submissionId());
            if (other != null) {
                throw new ObservatoryException(
                        ErrorCode.CONFIGURATION_INVALID,
                        Message.of(
                                PipelineMessage.SEQUENCE_REPEATED,
                                "run",
                                manifest.runId(),
                                "first",
                                other,
                                "second",
                                submission.submissionId(),
                                "sequence",
                                String.valueOf(submission.sequence())));
            }
        }
    }
}
