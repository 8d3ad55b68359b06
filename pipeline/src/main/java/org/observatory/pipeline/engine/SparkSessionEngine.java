package org.observatory.pipeline.engine;

import org.apache.spark.sql.SparkSession;
import org.observatory.pipeline.spark.Sessions;

/** A {@link SparkEngine} on a session of its own, stopped with the engine unless the session existed before. */
final class SparkSessionEngine {
    private SparkSessionEngine() {}

    static Engine create() {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = Sessions.create("observatory-pipeline");
        return new SparkEngine(spark, !existed);
    }
}
