package org.observatory.app;

import java.util.Optional;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.pipeline.engine.EngineKind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --engine} option of the commands that run the pipeline. */
final class EngineOption {
    private EngineOption() {}

    /**
     * The engine named by the option, else by the settings file (when given), else DuckDB.
     *
     * @throws ParameterException naming the engines when the option names none of them
     */
    static EngineKind resolve(CommandSpec spec, String option, DeploymentSettings settings) {
        if (option == null) {
            return settings == null
                    ? EngineKind.DUCKDB
                    : EngineKind.of(settings.pipelineEngine()).orElse(EngineKind.DUCKDB);
        }
        Optional<EngineKind> kind = EngineKind.of(option);
        if (kind.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), CliLanguage.text(spec, CliMessage.ENGINE_INVALID, "engine", option));
        }
        return kind.get();
    }
}
