package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;

/**
 * The deployment's write-side settings, read from {@code <data>/config/observatory.properties} by the server and
 * the commands alike (so both apply the same approval policy):
 *
 * <pre>
 * approval-policy=automatic|required     default automatic
 * upload-limit-megabytes=2048            default 2048 (2 GiB)
 * pipeline-command=...                   default: the pipeline in a local JVM; e.g. a spark-submit command line,
 *                                        words separated by spaces, {manifest} and {report} standing for the files
 * pipeline-engine=duckdb|spark           default duckdb: the engine of runs in a local JVM and of the commands
 * </pre>
 *
 * A missing file means every default.
 */
public record DeploymentSettings(
        ApprovalPolicy approvalPolicy,
        long uploadLimitBytes,
        Optional<List<String>> pipelineCommand,
        String pipelineEngine) {
    public static final String FILE = "config/observatory.properties";
    /** The pipeline's engines by name: DuckDB in-process (the default on one machine) and Spark. */
    public static final List<String> ENGINES = List.of("duckdb", "spark");

    private static final Set<String> KEYS =
            Set.of("approval-policy", "upload-limit-megabytes", "pipeline-command", "pipeline-engine");

    public DeploymentSettings {
        requireNonNull(approvalPolicy, "approvalPolicy is null");
        requireNonNull(pipelineCommand, "pipelineCommand is null");
        requireNonNull(pipelineEngine, "pipelineEngine is null");
    }

    public static DeploymentSettings load(DataDirectory data) {
        Path file = data.root().resolve(FILE);
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw invalid(file, ConfigMessage.SETTINGS_UNREADABLE, "reason", String.valueOf(e.getMessage()));
            }
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw invalid(
                    file,
                    ConfigMessage.SETTINGS_UNKNOWN,
                    "unknown",
                    unknown.toString(),
                    "known",
                    new TreeSet<>(KEYS).toString());
        }
        String policyName = properties.getProperty("approval-policy", "automatic");
        ApprovalPolicy policy;
        try {
            policy = ApprovalPolicy.fromSettingName(policyName);
        } catch (IllegalArgumentException e) {
            throw invalid(file, ConfigMessage.SETTINGS_APPROVAL_POLICY, "value", policyName.strip());
        }
        long limit = SubmissionsConfig.DEFAULT_UPLOAD_LIMIT_BYTES;
        String megabytes = properties.getProperty("upload-limit-megabytes");
        if (megabytes != null) {
            try {
                limit = Long.parseLong(megabytes.strip()) << 20;
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit <= 0) {
                throw invalid(file, ConfigMessage.SETTINGS_UPLOAD_LIMIT, "value", megabytes);
            }
        }
        String command = properties.getProperty("pipeline-command", "").strip();
        String engine = properties
                .getProperty("pipeline-engine", ENGINES.get(0))
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(engine)) {
            throw invalid(
                    file,
                    ConfigMessage.SETTINGS_ENGINE,
                    "engines",
                    ENGINES.toString(),
                    "value",
                    properties.getProperty("pipeline-engine"));
        }
        return new DeploymentSettings(
                policy,
                limit,
                command.isEmpty() ? Optional.empty() : Optional.of(Arrays.asList(command.split("\\s+"))),
                engine);
    }

    /** A {@code CONFIGURATION_INVALID} naming the file, with the message's other arguments as name-value pairs. */
    private static ObservatoryException invalid(Path file, ConfigMessage code, String... namesAndValues) {
        Object[] arguments = new Object[namesAndValues.length + 2];
        arguments[0] = "file";
        arguments[1] = file.toString();
        System.arraycopy(namesAndValues, 0, arguments, 2, namesAndValues.length);
        return new ObservatoryException(ErrorCode.CONFIGURATION_INVALID, Message.of(code, arguments));
    }
}
