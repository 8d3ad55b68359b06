package org.observatory.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Builds the run manifest handed to the pipeline: the accepted submissions in order of acceptance, each with the
 * countries whose part is approved under the deployment's approval policy. The pipeline reads nothing else.
 */
public final class RunManifests {
    private RunManifests() {}

    /**
     * @param approved under {@link ApprovalPolicy#REQUIRED}, the countries that approved each submission id
     */
    public static RunManifest build(
            String runId,
            DataDirectory data,
            List<SubmissionManifest> accepted,
            ApprovalPolicy policy,
            Map<String, Set<String>> approved) {
        List<RunManifest.ApprovedSubmission> submissions = new ArrayList<>();
        long sequence = 0;
        for (SubmissionManifest submission : accepted) {
            sequence++;
            List<String> countries = policy == ApprovalPolicy.AUTOMATIC
                    ? submission.countries()
                    : submission.countries().stream()
                            .filter(country -> approved.getOrDefault(submission.submissionId(), Set.of())
                                    .contains(country))
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
                submissions);
    }
}
