package org.observatory.api.submission;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a submission stands, for one country's part of it, as {@code GET /api/v1/submissions?status=} filters:
 * rejected by validation (the whole file), waiting for its country's approval (under the {@code required} policy),
 * approved but in no published vintage yet, published in a vintage, or withdrawn by its country.
 */
public enum PartState {
    /** The file was rejected by validation: nothing of it was staged. */
    REJECTED,
    /** Accepted; the next pipeline run leaves the part out until its country approves it. */
    PENDING_APPROVAL,
    /** Approved (explicitly, or by acceptance under the automatic policy); no published vintage holds it yet. */
    APPROVED,
    /** Approved, and a published vintage holds it (the newest such is named). */
    PUBLISHED,
    /** Its country withdrew it: the next pipeline run removes its values, the raw file stays. */
    WITHDRAWN;

    /** The name in answers and in {@code ?status=}: {@code pending-approval}, {@code published}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state named {@code name} (any case). */
    public static PartState fromWireName(String name) {
        for (PartState state : values()) {
            if (state.wireName().equalsIgnoreCase(name.strip())) {
                return state;
            }
        }
        throw new IllegalArgumentException(
                "'%s' is not a submission state; use one of %s".formatted(name.strip(), wireNames()));
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(PartState::wireName).collect(Collectors.joining(", "));
    }
}
