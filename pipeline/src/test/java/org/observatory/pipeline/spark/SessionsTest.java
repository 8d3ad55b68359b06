package org.observatory.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SessionsTest {
    @Test
    void runsEmbeddedWithoutUiAndWithFewShufflePartitionsByDefault() {
        SparkConf conf = Sessions.withDefaults(new SparkConf(false), "pipeline");

        assertThat(conf.get("spark.master")).isEqualTo("local[*]");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("8");
        assertThat(conf.get("spark.app.name")).isEqualTo("pipeline");
        assertThat(conf.get("spark.sql.adaptive.enabled")).isEqualTo("true");
        assertThat(conf.get("spark.sql.sources.parallelPartitionDiscovery.threshold"))
                .isEqualTo("1024");
        assertThat(conf.get("spark.sql.codegen.cache.maxEntries")).isEqualTo("2000");
    }

    @Test
    void keepsWhatSparkSubmitSet() {
        SparkConf submitted = new SparkConf(false)
                .set("spark.master", "spark://cluster:7077")
                .set("spark.ui.enabled", "true")
                .set("spark.sql.shuffle.partitions", "400")
                .set("spark.sql.codegen.cache.maxEntries", "50");

        SparkConf conf = Sessions.withDefaults(submitted, "pipeline");

        assertThat(conf.get("spark.master")).isEqualTo("spark://cluster:7077");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("true");
        assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("400");
        assertThat(conf.get("spark.sql.codegen.cache.maxEntries")).isEqualTo("50");
        assertThat(submitted.contains("spark.app.name")).isFalse();
    }
}
