package org.observatory.api.registry;

import java.util.Locale;

/**
 * Whether a country's part of a submission needs that country's explicit approval before a pipeline run may
 * publish it (invariant 7). The demo and the first releases use {@link #AUTOMATIC}: acceptance is approval. Under
 * both policies a country can withdraw its part, and the next run removes its values.
 */
public enum ApprovalPolicy {
    /** Every accepted part is approved at acceptance, unless its country withdrew it. */
    AUTOMATIC,
    /** A part is published only after its country approves it, and until it withdraws it. */
    REQUIRED;

    /** The name used in settings and answers: {@code automatic} or {@code required}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named {@code automatic} or {@code required} (any case). */
    public static ApprovalPolicy fromSettingName(String name) {
        for (ApprovalPolicy policy : values()) {
            if (policy.settingName().equalsIgnoreCase(name.strip())) {
                return policy;
            }
        }
        throw new IllegalArgumentException(
                "Unknown approval policy '%s'; use automatic or required".formatted(name.strip()));
    }
}
