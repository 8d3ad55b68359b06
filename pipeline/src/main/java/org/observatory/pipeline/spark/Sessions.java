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

    /** Enough for one country's or 35 countries' aggregates; a cluster run sets its own. */
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    private Sessions() {}

    /** A session configured from {@code spark.*} system properties, with the embedded defaults where unset. */
    public static SparkSession create(String appName) {
        requireNonNull(appName, "appName is null");
        return SparkSession.builder()
                .config(withDefaults(new SparkConf(), appName))
                .getOrCreate();
    }

    /**
     * A copy of {@code conf} with the embedded defaults for what it does not set: {@code local[*]}, no web UI, and
     * {@value #DEFAULT_SHUFFLE_PARTITIONS} shuffle partitions.
     */
    public static SparkConf withDefaults(SparkConf conf, String appName) {
        requireNonNull(conf, "conf is null");
        requireNonNull(appName, "appName is null");
        SparkConf result = conf.clone();
        result.setIfMissing(MASTER, "local[*]");
        result.setIfMissing(UI_ENABLED, "false");
        result.setIfMissing(SHUFFLE_PARTITIONS, Integer.toString(DEFAULT_SHUFFLE_PARTITIONS));
        result.setIfMissing(APP_NAME, appName);
        return result;
    }
}
