package org.observatory.pipeline.spark;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark queries of a step of a run. Spark describes a query by the line of code that started it unless the
 * thread has a job description; with the step's name instead, the Spark UI of a cluster, event logs and listeners
 * (the pipeline benchmark's {@code --steps}) say which step of the run a query belongs to.
 */
public final class Steps {
    /** The prefix of every step's description, so that a listener can tell the run's queries from others. */
    public static final String PREFIX = "pipeline: ";

    /** Spark's local property for a thread's job description ({@code SparkContext.SPARK_JOB_DESCRIPTION}). */
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private Steps() {}

    /** Runs {@code step} with the calling thread's job description set to {@code name}, then restores it. */
    public static <T> T named(SparkSession spark, String name, Supplier<T> step) {
        requireNonNull(spark, "spark is null");
        requireNonNull(name, "name is null");
        requireNonNull(step, "step is null");
        SparkContext context = spark.sparkContext();
        String before = context.getLocalProperty(JOB_DESCRIPTION);
        context.setJobDescription(PREFIX + name);
        try {
            return step.get();
        } finally {
            context.setJobDescription(before);
        }
    }
}
