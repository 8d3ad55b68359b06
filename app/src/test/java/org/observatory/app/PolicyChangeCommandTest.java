package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.api.registry.AuditEntry;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Registry;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Switching the approval policy from {@code automatic} to {@code required} (defect 9 of issue 14: it silently
 * unpublished 23,786 values): MEX and COL values are published under {@code automatic}; only COL approves its part;
 * under {@code required}, {@code pipeline run} refuses and says how many values it would unpublish, and {@code
 * pipeline run --confirm-policy-change} runs, unpublishes exactly that many and is audited.
 */
class PolicyChangeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temporary;

    @Test
    void switchingFromAutomaticToRequiredRefusesTheNextRunUntilItIsConfirmed() throws Exception {
        Path root = temporary.resolve("data");
        DataDirectory data = new DataDirectory(root);
        String mex = ingest(root, WriteApi.homicides(temporary, "mex.csv", "MEX,2020,36579", "MEX,2021,35700"));
        String col = ingest(root, WriteApi.homicides(temporary, "col.csv", "COL,2021,13709"));
        CommandRun first = CommandRun.of("pipeline", "run", "--data", root.toString(), "--format", "json");
        assertThat(first.exit()).as(first.err()).isZero();
        String published = JSON.readTree(first.out()).get("snapshotId").asText();

        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve(DeploymentSettings.FILE), "approval-policy=required\n", StandardCharsets.UTF_8);
        try (Registry registry = Registry.open(data)) {
            registry.decide(col, "COL", Decision.APPROVED, "test");
        }

        CommandRun refused = CommandRun.of("pipeline", "run", "--data", root.toString());

        assertThat(refused.exit()).isEqualTo(ObservatoryCommand.EXIT_FAILED);
        Matcher refusal = Pattern.compile(("error \\[CONFLICT\\]: The approval policy is now required, but the"
                                + " published snapshot %s was made under policy automatic: this run would unpublish"
                                + " ([0-9,]+) values of 1 submission part that their countries have not approved \\(MEX"
                                + " in %s\\)\\. Have those countries approve their parts first, or, to unpublish them,"
                                + " confirm the change: run '\\./observatory pipeline run --confirm-policy-change', or"
                                + " POST /api/v1/pipeline-runs\\?confirm=policy-change\n")
                        .formatted(published, mex))
                .matcher(refused.err());
        assertThat(refusal.matches()).as(refused.err()).isTrue();
        long values = Long.parseLong(refusal.group(1).replace(",", ""));
        assertThat(values).isPositive();
        assertThat(data.currentSnapshotId()).contains(published);

        CommandRun confirmed = CommandRun.of(
                "pipeline", "run", "--confirm-policy-change", "--data", root.toString(), "--format", "json");

        assertThat(confirmed.exit()).as(confirmed.err()).isZero();
        JsonNode report = JSON.readTree(confirmed.out());
        assertThat(report.get("previousSnapshotId").asText()).isEqualTo(published);
        assertThat(report.get("withdrawnValues").asLong())
                .as("the run unpublished the values the refusal counted")
                .isEqualTo(values);
        try (Registry registry = Registry.open(data)) {
            assertThat(registry.auditLog().stream().map(AuditEntry::detail)).anySatisfy(detail -> assertThat(detail)
                    .isEqualTo(("started a pipeline run from the command line, approval policy required;"
                                    + " confirmed the approval policy change from automatic to required,"
                                    + " which unpublishes %s values of 1 submission part (MEX in %s)")
                            .formatted(refusal.group(1), mex)));
        }
    }

    private static String ingest(Path root, Path file) throws Exception {
        CommandRun run = CommandRun.of(
                "ingest", file.toString(), "--source", "cts", "--data", root.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out()).get("submissionId").asText();
    }
}
