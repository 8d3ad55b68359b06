package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.observatory.api.WriteSideSupport.acceptedOnly;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.get;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.post;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.RunManifests;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.api.submission.PolicyChange;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Switching the approval policy from automatic to required must not unpublish values silently: the published
 * snapshot (made under {@code automatic}) holds three MEX values of a part MEX never approved and one COL value of an
 * approved part; under {@code required} the next run would unpublish the three, so it is refused, naming them, until
 * it is confirmed. A withdrawn part is the country's own decision and needs no confirmation.
 */
class PolicyChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEX = "sub-mex-2021";
    private static final String COL = "sub-col-2021";
    private static final String REFUSAL = "The approval policy is now required, but the published snapshot snap-1 was"
            + " made under policy automatic: this run would unpublish 3 values of 1 submission part that their"
            + " countries have not approved (MEX in sub-mex-2021). Have those countries approve their parts first,"
            + " or, to unpublish them, confirm the change: run './observatory pipeline run --confirm-policy-change',"
            + " or POST /api/v1/pipeline-runs?confirm=policy-change";

    private static final List<SubmissionManifest> SUBMISSIONS =
            List.of(submission(MEX, "MEX", "2026-11-01T09:00:00Z"), submission(COL, "COL", "2026-11-02T09:00:00Z"));

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;

    @BeforeEach
    void publishUnderAutomatic() throws Exception {
        data = dataDirectory(root);
        new SnapshotFixture(data)
                .writeAndPublish(
                        "snap-1",
                        false,
                        List.of(
                                IndicatorRow.total("MEX", 2021, "intentional-homicide", 35700, null),
                                IndicatorRow.total("MEX", 2021, "intentional-homicide", 30000, null)
                                        .withSex("M"),
                                IndicatorRow.total("MEX", 2021, "intentional-homicide", 5700, null)
                                        .withSex("F"),
                                IndicatorRow.total("COL", 2021, "intentional-homicide", 13709, null)));
        // the fixture's snapshot names run "run-snap-1"; that run's manifest records its policy
        writeRunManifest("run-snap-1", ApprovalPolicy.AUTOMATIC);
        try (Registry registry = Registry.open(data)) {
            secretariat = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test")
                    .token();
            registry.decide(COL, "COL", Decision.APPROVED, "test");
        }
    }

    @Test
    void switchingFromAutomaticToRequiredRefusesARunThatWouldUnpublishValues() throws Exception {
        Path runs = data.runs();
        try (ApiServer server = start(ApprovalPolicy.REQUIRED)) {
            HttpResponse<String> refused = send(server, post("/api/v1/pipeline-runs", secretariat));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(refused).get("detail").asText()).isEqualTo(REFUSAL);
            try (var entries = Files.list(runs)) {
                assertThat(entries.map(path -> path.getFileName().toString()).toList())
                        .as("a refused run starts nothing")
                        .containsExactly("run-snap-1");
            }

            HttpResponse<String> badConfirmation = send(server, post("/api/v1/pipeline-runs?confirm=yes", secretariat));
            assertThat(badConfirmation.statusCode()).isEqualTo(400);
            assertThat(json(badConfirmation).get("detail").asText())
                    .isEqualTo("Query parameter 'confirm' is 'yes'; the only confirmation is confirm=policy-change (a"
                            + " run that unpublishes the values a change of the approval policy leaves out)");

            HttpResponse<String> confirmed =
                    send(server, post("/api/v1/pipeline-runs?confirm=policy-change", secretariat));
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
            String runId = json(confirmed).get("runId").asText();
            JsonNode manifest =
                    JSON.readTree(runs.resolve(runId).resolve("manifest.json").toFile());
            assertThat(manifest.get("approvalPolicy").asText()).isEqualTo("required");
            JsonNode audit = json(send(server, get("/api/v1/audit", secretariat)));
            assertThat(audit.toString())
                    .contains("confirmed the approval policy change from automatic to required, which unpublishes 3"
                            + " values of 1 submission part (MEX in sub-mex-2021)");
        }
    }

    @Test
    void theSamePolicyOrAWithdrawalNeedsNoConfirmation() {
        Approvals pending = approvals(Map.of());
        assertThat(PolicyChange.of(
                        data, manifest(ApprovalPolicy.AUTOMATIC, pending), ApprovalPolicy.AUTOMATIC, pending))
                .isEmpty();

        Approvals withdrawn = approvals(Map.of(MEX, Map.of("MEX", Decision.WITHDRAWN)));
        assertThat(PolicyChange.of(
                        data, manifest(ApprovalPolicy.REQUIRED, withdrawn), ApprovalPolicy.REQUIRED, withdrawn))
                .as("MEX withdrew its part: its values go because MEX decided so")
                .isEmpty();

        Approvals approved = approvals(Map.of(MEX, Map.of("MEX", Decision.APPROVED)));
        assertThat(PolicyChange.of(
                        data, manifest(ApprovalPolicy.REQUIRED, approved), ApprovalPolicy.REQUIRED, approved))
                .as("every published part is approved: nothing goes")
                .isEmpty();
    }

    @Test
    void aSnapshotWhoseRunRecordedNoPolicyCountsAsMadeUnderAnother() throws Exception {
        writeRunManifest("run-snap-1", null);
        Approvals pending = approvals(Map.of());

        PolicyChange change = PolicyChange.of(
                        data, manifest(ApprovalPolicy.REQUIRED, pending), ApprovalPolicy.REQUIRED, pending)
                .orElseThrow();

        assertThat(change.values()).isEqualTo(3);
        assertThat(change.before()).isEmpty();
        assertThat(change.parts()).isEqualTo(new TreeMap<>(Map.of("MEX", List.of(MEX))));
        assertThatThrownBy(() -> PolicyChange.check(
                        data,
                        manifest(ApprovalPolicy.REQUIRED, pending),
                        ApprovalPolicy.REQUIRED,
                        pending,
                        PolicyChange.Confirmation.NOT_GIVEN))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(REFUSAL.replace("made under policy automatic", "made under an earlier policy"));
    }

    private RunManifest manifest(ApprovalPolicy policy, Approvals approvals) {
        return RunManifests.build("run-next", data, SUBMISSIONS, policy, approvals);
    }

    private static Approvals approvals(Map<String, Map<String, Decision>> decisions) {
        Map<String, Map<String, Decision>> all = new java.util.HashMap<>(decisions);
        all.putIfAbsent(COL, Map.of("COL", Decision.APPROVED));
        return new Approvals(all);
    }

    private void writeRunManifest(String runId, ApprovalPolicy policy) throws Exception {
        Path directory = data.runs().resolve(runId);
        Files.createDirectories(directory);
        Files.writeString(
                directory.resolve("manifest.json"),
                """
                {"runId": "%s", "createdAt": "2026-11-22T09:00:00Z", "stagingUri": "file:/staging",
                 "warehouseUri": "file:/warehouse", "submissions": []%s}
                """
                        .formatted(
                                runId, policy == null ? "" : ", \"approvalPolicy\": \"" + policy.settingName() + "\""),
                StandardCharsets.UTF_8);
    }

    private static SubmissionManifest submission(String submissionId, String country, String receivedAt) {
        return new SubmissionManifest(
                submissionId,
                "0".repeat(64),
                "cts",
                null,
                2022,
                country + ".csv",
                receivedAt,
                "test",
                1,
                1,
                Map.of(),
                List.of(country),
                "rows.parquet");
    }

    private ApiServer start(ApprovalPolicy policy) {
        // a stand-in pipeline that ends at once: only the start of a run matters here
        PipelineLauncher launcher = new PipelineLauncher(List.of("true", PipelineLauncher.MANIFEST));
        return WriteSideSupport.start(
                data,
                SubmissionsConfig.NONE
                        .withIntake(acceptedOnly(SUBMISSIONS))
                        .withPipeline(launcher)
                        .withApprovalPolicy(policy));
    }
}
