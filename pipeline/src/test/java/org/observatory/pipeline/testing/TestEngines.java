package org.observatory.pipeline.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.observatory.pipeline.engine.DuckDbEngine;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.SparkEngine;

/** The engines tests run the pipeline on: a new in-process DuckDB, or Spark on the module's one local session. */
public final class TestEngines {
    private TestEngines() {}

    /** A DuckDB engine of its own (close it after the run), spilling under the JVM's temporary directory. */
    public static Engine duckDb() {
        return new DuckDbEngine(Optional.empty(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A Spark engine on the module's session ({@link TestSpark}), which closing the engine does not stop. */
    public static Engine spark() {
        return new SparkEngine(TestSpark.session());
    }
}
