package org.observatory.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.pipeline.PipelineMain;
import org.observatory.pipeline.engine.EngineKind;

/**
 * The server's default way to run the pipeline: {@link PipelineMain} in a new local JVM with this process's class
 * path (the app jar, whose manifest names its libraries), on the engine of the settings file: DuckDB in that JVM by
 * default, or Spark in {@code local[*]} (unless a {@code -Dspark.master} option says otherwise) with the JVM flags
 * Spark needs on Java 17 (Spark's own list). The run watches the server ({@code --parent-pid}) and stops before
 * publishing when the server is gone.
 */
final class LocalPipeline {
    private LocalPipeline() {}

    static PipelineLauncher launcher(List<String> jvmOptions) {
        return launcher(EngineKind.DUCKDB, jvmOptions);
    }

    static PipelineLauncher launcher(EngineKind engine, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (engine == EngineKind.SPARK) {
            command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                PipelineMain.class.getName(),
                "--manifest",
                PipelineLauncher.MANIFEST,
                "--report",
                PipelineLauncher.REPORT,
                "--parent-pid",
                PipelineLauncher.SERVER_PID,
                "--engine",
                engine.cliName()));
        return new PipelineLauncher(command);
    }
}
