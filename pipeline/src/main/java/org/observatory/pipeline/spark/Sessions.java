package org.observatory.pipeline.spark;

import static java.util.Objects.requireNonNull;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the pipeline's Spark session: embedded ({@code local[*]}) by default, and unchanged on a cluster, where
 * {@code spark-submit} sets {@code spark.master} and any other setting, which then win over the defaults here.
 */
public final class Sessions {
    public static final String MASTER = "spark.master";
    public static final String UI_ENABLED = "spark.ui.enabled";
    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    public static final String APP_NAME = "spark.app.name";
    public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
    public static final String LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    public static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";

    /** Enough for one country's or 35 countries' aggregates; a cluster run sets its own. */
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    /**
     * Up to this many staged files are listed by the driver: a run reads one file per submission, and above
     * Spark's default (32) every read starts a listing job of one task per file, which costs more than the listing.
     */
    public static final int DEFAULT_LISTING_THRESHOLD = 1024;

    /**
     * Compiled query classes kept for reuse. Spark keeps 100; one run plans about twenty queries of several
     * generated classes each, so with Spark's limit a driver that runs the pipeline more than once (tests, the
     * benchmark, a long-lived session) recompiles most of them in every run: measured on 1,000,000 rows, a warm
     * incremental run spent about a third of its CPU in the Janino compiler.
     */
    public static final int DEFAULT_CODEGEN_CACHE = 2000;

    private Sessions() {}

    /** A session configured from {@code spark.*} system properties, with the embedded defaults where unset. */
    public static SparkSession create(String appName) {
        requireNonNull(appName, "appName is null");
        return SparkSession.builder()
                .config(withDefaults(new SparkConf(), appName))
                .getOrCreate();
    }

    /**
     * A copy of {@code conf} with the embedded defaults for what it does not set: {@code local[*]}, no web UI,
     * {@value #DEFAULT_SHUFFLE_PARTITIONS} shuffle partitions, adaptive query execution on (it coalesces the shuffle
     * partitions of the small stages after the grouping), staged files listed by the driver up to {@value
     * #DEFAULT_LISTING_THRESHOLD}, and up to {@value #DEFAULT_CODEGEN_CACHE} compiled query classes kept.
     */
    public static SparkConf withDefaults(SparkConf conf, String appName) {
        requireNonNull(conf, "conf is null");
        requireNonNull(appName, "appName is null");
        SparkConf result = conf.clone();
        result.setIfMissing(MASTER, "local[*]");
        result.setIfMissing(UI_ENABLED, "false");
        result.setIfMissing(SHUFFLE_PARTITIONS, Integer.toString(DEFAULT_SHUFFLE_PARTITIONS));
        result.setIfMissing(APP_NAME, appName);
        result.setIfMissing(ADAPTIVE, "true");
        result.setIfMissing(LISTING_THRESHOLD, Integer.toString(DEFAULT_LISTING_THRESHOLD));
        result.setIfMissing(CODEGEN_CACHE, Integer.toString(DEFAULT_CODEGEN_CACHE));
        return result;
    }
}
