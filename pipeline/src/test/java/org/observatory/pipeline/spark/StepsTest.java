package org.observatory.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.TestSpark;

class StepsTest {
    private final SparkSession spark = TestSpark.session();
    private final SparkContext context = spark.sparkContext();
    private final List<String> described = new CopyOnWriteArrayList<>();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof SparkListenerSQLExecutionStart start) {
                described.add(start.description());
            }
        }
    };

    @BeforeEach
    void listen() {
        context.addSparkListener(listener);
        context.setJobDescription("the caller's description");
    }

    @AfterEach
    void stopListening() {
        context.removeSparkListener(listener);
        context.setJobDescription(null);
    }

    @Test
    void namesTheQueriesOfAStepAndRestoresTheCallersDescription() throws InterruptedException {
        long rows = Steps.named(spark, "counting", () -> spark.range(5).count());

        assertThat(rows).isEqualTo(5);
        assertThat(context.getLocalProperty("spark.job.description")).isEqualTo("the caller's description");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!described.contains("pipeline: counting") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(described).contains("pipeline: counting");
    }

    @Test
    void restoresTheCallersDescriptionWhenTheStepFails() {
        assertThatThrownBy(() -> Steps.named(spark, "failing", () -> {
                    throw new IllegalStateException("the step failed");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the step failed");

        assertThat(context.getLocalProperty("spark.job.description")).isEqualTo("the caller's description");
    }
}
