package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * An upload that validation rejected: nothing of it was staged. The problem answered for it carries the submission
 * id and the whole validation report beside the detail, so the sender sees every issue at once.
 */
public final class SubmissionRejectedException extends ObservatoryException {
    private final String submissionId;
    private final transient JsonNode report;

    public SubmissionRejectedException(String submissionId, String fileName, JsonNode report) {
        super(
                ErrorCode.SUBMISSION_REJECTED,
                Message.of(
                        ApiMessage.SUBMISSION_REJECTED,
                        "file",
                        fileName,
                        "errors",
                        report.path("errors").asLong()));
        this.submissionId = requireNonNull(submissionId, "submissionId is null");
        this.report = requireNonNull(report, "report is null");
    }

    public String submissionId() {
        return submissionId;
    }

    public JsonNode report() {
        return report;
    }
}
