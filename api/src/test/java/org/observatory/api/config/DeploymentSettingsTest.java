package org.observatory.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

class DeploymentSettingsTest {
    @TempDir
    Path root;

    private DeploymentSettings load(String text) throws Exception {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve(DeploymentSettings.FILE), text, StandardCharsets.UTF_8);
        return DeploymentSettings.load(new DataDirectory(root));
    }

    @Test
    void withoutAFileEverySettingHasItsDefault() {
        DeploymentSettings settings = DeploymentSettings.load(new DataDirectory(root));

        assertThat(settings.approvalPolicy()).isEqualTo(ApprovalPolicy.AUTOMATIC);
        assertThat(settings.uploadLimitBytes()).isEqualTo(2L << 30);
        assertThat(settings.pipelineCommand()).isEmpty();
    }

    @Test
    void readsThePolicyTheLimitAndThePipelineCommand() throws Exception {
        DeploymentSettings settings = load(
                """
                approval-policy = Required
                upload-limit-megabytes=16
                pipeline-command=spark-submit --master spark://cluster:7077  app.jar --manifest {manifest} --report {report}
                """);

        assertThat(settings.approvalPolicy()).isEqualTo(ApprovalPolicy.REQUIRED);
        assertThat(settings.uploadLimitBytes()).isEqualTo(16L << 20);
        assertThat(settings.pipelineCommand())
                .contains(List.of(
                        "spark-submit",
                        "--master",
                        "spark://cluster:7077",
                        "app.jar",
                        "--manifest",
                        "{manifest}",
                        "--report",
                        "{report}"));
    }

    @Test
    void refusesAnUnknownSettingABadPolicyAndABadLimitNamingThem() {
        Path file = root.resolve(DeploymentSettings.FILE);

        assertThatThrownBy(() -> load("approval=required\n"))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("The settings file %s has unknown setting(s) [approval]; the settings are".formatted(file)
                        + " [approval-policy, pipeline-command, pipeline-engine, upload-limit-megabytes]; correct it")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThatThrownBy(() -> load("approval-policy=sometimes\n"))
                .hasMessage("The settings file %s setting approval-policy: Unknown approval policy 'sometimes'; use"
                                .formatted(file)
                        + " automatic or required; correct it");
        assertThatThrownBy(() -> load("upload-limit-megabytes=lots\n"))
                .hasMessage("The settings file %s setting upload-limit-megabytes must be a whole number above 0, not"
                                .formatted(file)
                        + " 'lots'; correct it");
        assertThatThrownBy(() -> load("pipeline-engine=flink\n"))
                .hasMessage("The settings file %s setting pipeline-engine must be one of [duckdb, spark], not"
                                .formatted(file)
                        + " 'flink'; correct it");
    }

    @Test
    void choosesDuckDbUnlessTheSettingsNameSpark() throws Exception {
        assertThat(load("").pipelineEngine()).isEqualTo("duckdb");
        assertThat(load("pipeline-engine= Spark \n").pipelineEngine()).isEqualTo("spark");
    }
}
