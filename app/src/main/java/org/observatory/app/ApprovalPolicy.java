package org.observatory.app;

/**
 * Whether a country's part of a submission needs that country's explicit approval before a pipeline run may
 * publish it (invariant 7). The demo and the first releases use {@link #AUTOMATIC}: acceptance is approval.
 */
public enum ApprovalPolicy {
    /** Every accepted part is approved at acceptance. */
    AUTOMATIC,
    /** A part is published only after its country approves it (approvals arrive with the registry). */
    REQUIRED
}
