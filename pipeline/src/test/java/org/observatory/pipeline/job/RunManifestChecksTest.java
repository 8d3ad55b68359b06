package org.observatory.pipeline.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.observatory.pipeline.testing.Submissions.approved;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;

class RunManifestChecksTest {
    @Test
    void rejectsASubmissionListedTwice() {
        assertThatThrownBy(() -> RunManifestChecks.verify(
                        manifest(approved("nat-1", "national", 1, "MEX"), approved("nat-1", "national", 2, "MEX"))))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest run-1 lists submission nat-1 twice; list each submission once");
    }

    @Test
    void rejectsTwoSubmissionsWithTheSameSequence() {
        assertThatThrownBy(() -> RunManifestChecks.verify(
                        manifest(approved("nat-1", "national", 3, "MEX"), approved("cts-1", "cts", 3, "MEX"))))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest run-1 gives submissions nat-1 and cts-1 the same sequence 3; sequences"
                        + " order revisions and must differ");
    }

    @Test
    void rejectsASubmissionIdThatCannotNameAStagingFolder() {
        assertThatThrownBy(() -> RunManifestChecks.verify(manifest(approved("../nat 1", "national", 1, "MEX"))))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest run-1 lists submission '../nat 1', which is not a submission id; ids name"
                        + " staging folders and consist of letters, digits, '.', '_' and '-'");
    }

    private static RunManifest manifest(ApprovedSubmission... submissions) {
        return new RunManifest("run-1", "2026-11-22T12:00:00Z", "staging", "warehouse", List.of(submissions));
    }
}
