package org.observatory.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

class RunManifestsTest {
    private static final DataDirectory DATA = new DataDirectory(Path.of("data"));
    private static final List<SubmissionManifest> ACCEPTED = List.of(
            submission("sub-a", "2026-01-01T00:00:00Z", List.of("COL", "JAM", "MEX")),
            submission("sub-b", "2026-02-01T00:00:00Z", List.of("JAM")));

    @Test
    void automaticPolicyApprovesEveryAcceptedCountryInOrderOfAcceptance() {
        RunManifest manifest = RunManifests.build("run-1", DATA, ACCEPTED, ApprovalPolicy.AUTOMATIC, Approvals.NONE);

        assertThat(manifest.submissions())
                .extracting(RunManifest.ApprovedSubmission::submissionId)
                .containsExactly("sub-a", "sub-b");
        assertThat(manifest.submissions())
                .extracting(RunManifest.ApprovedSubmission::sequence)
                .containsExactly(1L, 2L);
        assertThat(manifest.submissions().get(0).approvedCountries()).containsExactly("COL", "JAM", "MEX");
        assertThat(manifest.stagingUri()).matches("file:.*/data/staging/?");
    }

    @Test
    void requiredPolicyPublishesOnlyTheCountriesThatApprovedTheirPart() {
        Approvals approvals = new Approvals(Map.of(
                "sub-a", Map.of("MEX", Decision.APPROVED, "COL", Decision.WITHDRAWN),
                "sub-b", Map.of("JAM", Decision.WITHDRAWN)));

        RunManifest manifest = RunManifests.build("run-2", DATA, ACCEPTED, ApprovalPolicy.REQUIRED, approvals);

        assertThat(manifest.submissions().get(0).approvedCountries()).containsExactly("MEX");
        assertThat(manifest.submissions().get(1).approvedCountries()).isEmpty();
    }

    @Test
    void automaticPolicyLeavesOutTheWithdrawnPartsOnly() {
        Approvals approvals =
                new Approvals(Map.of("sub-a", Map.of("COL", Decision.WITHDRAWN, "MEX", Decision.APPROVED)));

        RunManifest manifest = RunManifests.build("run-3", DATA, ACCEPTED, ApprovalPolicy.AUTOMATIC, approvals);

        assertThat(manifest.submissions().get(0).approvedCountries()).containsExactly("JAM", "MEX");
        assertThat(manifest.submissions().get(1).approvedCountries()).containsExactly("JAM");
    }

    private static SubmissionManifest submission(String id, String receivedAt, List<String> countries) {
        return new SubmissionManifest(
                id,
                "sha-" + id,
                "cts",
                null,
                2022,
                id + ".csv",
                receivedAt,
                "cli",
                10,
                10,
                Map.of(),
                countries,
                "rows.parquet");
    }
}
