package org.observatory.api.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Builds the run manifest handed to the pipeline: the accepted submissions in order of acceptance, each with the
 * countries whose part the approval policy and the registry's decisions publish (a withdrawn part never, a pending
 * part only under {@link ApprovalPolicy#AUTOMATIC}), and the policy itself. The pipeline reads nothing else.
 */
public final class RunManifests {
    private RunManifests() {}

    public static RunManifest build(
            String runId,
            DataDirectory data,
            List<SubmissionManifest> accepted,
            ApprovalPolicy policy,
            Approvals approvals) {
        List<RunManifest.ApprovedSubmission> submissions = new ArrayList<>();
        long sequence = 0;
        for (SubmissionManifest submission : accepted) {
            sequence++;
            List<String> countries = submission.countries().stream()
                    .filter(country -> approvals.publishes(policy, submission.submissionId(), country))
                    .toList();
            submissions.add(new RunManifest.ApprovedSubmission(
                    submission.submissionId(),
                    submission.sourceKind(),
                    submission.cycle(),
                    sequence,
                    submission.receivedAt(),
                    countries));
        }
        return new RunManifest(
                runId,
                Instant.now().toString(),
                data.staging().toUri().toString(),
                data.warehouse().toUri().toString(),
                submissions,
                null,
                policy.settingName());
    }
}
