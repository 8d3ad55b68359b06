package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.SubmissionRecord;

/**
 * A submission as one caller may see it: its record, the approval policy, the parts the caller may see (ordered by
 * country) and the validation report. For the analyst of one country of a multi-country file, {@code onlyCountry}
 * names that country, the report holds that country's issues only, and {@code otherParts} and {@code otherIssues}
 * count what is not shown. {@code alreadySubmitted} is known only in the answer to an upload.
 */
public record SubmissionView(
        SubmissionRecord submission,
        ApprovalPolicy policy,
        List<SubmissionPart> parts,
        JsonNode report,
        Optional<String> onlyCountry,
        int otherParts,
        int otherIssues,
        Optional<Boolean> alreadySubmitted) {
    public SubmissionView {
        requireNonNull(submission, "submission is null");
        requireNonNull(policy, "policy is null");
        parts = List.copyOf(requireNonNull(parts, "parts is null"));
        requireNonNull(report, "report is null");
        requireNonNull(onlyCountry, "onlyCountry is null");
        requireNonNull(alreadySubmitted, "alreadySubmitted is null");
    }

    /** The number of errors the validation report counts (0 for a report that does not say). */
    public long errors() {
        return report.path("errors").asLong();
    }

    /** The number of warnings the validation report counts (0 for a report that does not say). */
    public long warnings() {
        return report.path("warnings").asLong();
    }
}
