package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

/** A country's last decision about its part of a submission: who decided, and when. */
public record ApprovalRecord(
        String submissionId, String country, Decision decision, String decidedBy, String decidedAt) {
    public ApprovalRecord {
        requireNonNull(submissionId, "submissionId is null");
        requireNonNull(country, "country is null");
        requireNonNull(decision, "decision is null");
        requireNonNull(decidedBy, "decidedBy is null");
        requireNonNull(decidedAt, "decidedAt is null");
    }
}
