package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.observatory.api.registry.ApprovalRecord;

/**
 * One country's part of an accepted submission: its country's last decision, whether the next pipeline run
 * publishes it under the approval policy, its state, and the newest published vintage (snapshot id) whose run
 * published it, if any.
 */
public record SubmissionPart(
        String country,
        Optional<ApprovalRecord> decision,
        boolean publishedByNextRun,
        PartState state,
        Optional<String> publishedIn) {
    public SubmissionPart {
        requireNonNull(country, "country is null");
        requireNonNull(decision, "decision is null");
        requireNonNull(state, "state is null");
        requireNonNull(publishedIn, "publishedIn is null");
    }
}
