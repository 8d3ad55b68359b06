package org.observatory.pipeline.testing;

import java.util.List;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;

/** Approved submissions of run manifests in tests. */
public final class Submissions {
    private Submissions() {}

    public static ApprovedSubmission approved(String id, String sourceKind, long sequence, String... countries) {
        return new ApprovedSubmission(
                id,
                sourceKind,
                2023,
                sequence,
                "2026-11-0%dT10:00:00Z".formatted(sequence % 9 + 1),
                List.of(countries));
    }
}
