package org.observatory.pipeline.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the test JVM ({@code local[2]}, two shuffle partitions, no UI). Test classes
 * take it in {@code @BeforeAll}; it is never stopped by a test, so the module starts Spark once.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("pipeline-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.debug.maxToStringFields", "100")
                    .getOrCreate();
        }
        return session;
    }
}
