package org.observatory.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every country's last decision about its part of each submission, as the registry holds it: the input of a run
 * manifest. A part without a decision is pending (published under {@link ApprovalPolicy#AUTOMATIC} only).
 */
public record Approvals(Map<String, Map<String, Decision>> bySubmission) {
    /** No decision at all. */
    public static final Approvals NONE = new Approvals(Map.of());

    public Approvals {
        Map<String, Map<String, Decision>> copy = new HashMap<>();
        requireNonNull(bySubmission, "bySubmission is null")
                .forEach((submission, decisions) -> copy.put(submission, Map.copyOf(decisions)));
        bySubmission = Map.copyOf(copy);
    }

    /** The last decision of {@code country} about its part of {@code submissionId}, if any. */
    public Optional<Decision> decision(String submissionId, String country) {
        return Optional.ofNullable(
                bySubmission.getOrDefault(submissionId, Map.of()).get(country));
    }

    /** Whether a run may publish that part under the policy. */
    public boolean publishes(ApprovalPolicy policy, String submissionId, String country) {
        Optional<Decision> decision = decision(submissionId, country);
        return switch (policy) {
            case AUTOMATIC -> decision.orElse(Decision.APPROVED) == Decision.APPROVED;
            case REQUIRED -> decision.orElse(Decision.WITHDRAWN) == Decision.APPROVED;
        };
    }
}
