package org.observatory.pipeline.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the engine a run asked for. Only the Spark engine's classes load Spark: a run on DuckDB never pays Spark's
 * start-up.
 */
public final class Engines {
    /**
     * A system property with DuckDB's {@code memory_limit} for the embedded engine (e.g. {@code 1GB}); DuckDB's own
     * default (80 % of the machine's memory) without it. Beyond the limit DuckDB spills to a temporary directory.
     */
    public static final String DUCKDB_MEMORY_LIMIT = "observatory.duckdb.memoryLimit";

    private Engines() {}

    /** The engine of this kind; Spark in a session made from {@code spark.*} system properties. */
    public static Engine open(EngineKind kind) {
        requireNonNull(kind, "kind is null");
        return switch (kind) {
            case DUCKDB ->
                new DuckDbEngine(
                        Optional.ofNullable(System.getProperty(DUCKDB_MEMORY_LIMIT))
                                .filter(limit -> !limit.isBlank()),
                        Path.of(System.getProperty("java.io.tmpdir")));
            case SPARK -> SparkSessionEngine.create();
        };
    }

    /**
     * The engine when none is asked for: Spark when the JVM was started by {@code spark-submit} or names a Spark
     * master ({@code -Dspark.master}), else DuckDB.
     */
    public static EngineKind defaultKind() {
        return submittedBySpark() || System.getProperty("spark.master") != null ? EngineKind.SPARK : EngineKind.DUCKDB;
    }

    /** Whether {@code spark-submit} started this JVM (it sets the system property {@code SPARK_SUBMIT}). */
    public static boolean submittedBySpark() {
        return System.getProperty("SPARK_SUBMIT") != null;
    }
}
