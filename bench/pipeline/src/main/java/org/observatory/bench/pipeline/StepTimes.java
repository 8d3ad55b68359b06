package org.observatory.bench.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.observatory.pipeline.spark.Steps;

/**
 * Where a pipeline run's time went: the wall time of the Spark queries of each named step of the run ({@link
 * Steps}), from Spark's own query events. Steps that run at the same time (the responses table, the four writes)
 * overlap, so their seconds add up to more than the run's; the time between queries (the driver's own work) is in
 * none of them.
 */
final class StepTimes extends SparkListener {
    /** How long {@link #between} waits for Spark's listener bus to deliver the last events of a run. */
    private static final long SETTLE_MILLIS = 10_000;

    private record Started(String step, long time) {}

    private record Query(String step, long start, long end) {}

    private final Map<Long, Started> open = new ConcurrentHashMap<>();
    private final List<Query> ended = new ArrayList<>();

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            String description = start.description();
            boolean nested = start.rootExecutionId().isDefined()
                    && ((Long) start.rootExecutionId().get()) != start.executionId();
            if (description != null && description.startsWith(Steps.PREFIX) && !nested) {
                open.put(start.executionId(), new Started(description.substring(Steps.PREFIX.length()), start.time()));
            }
        } else if (event instanceof SparkListenerSQLExecutionEnd end) {
            Started started = open.remove(end.executionId());
            if (started != null) {
                synchronized (ended) {
                    ended.add(new Query(started.step(), started.time(), end.time()));
                }
            }
        }
    }

    /**
     * Seconds per step (in the order the steps first started) of the queries that started between the two times
     * (epoch milliseconds), once every such query has ended.
     */
    Map<String, Double> between(long from, long to) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (open.values().stream().anyMatch(started -> started.time() <= to)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<Query> queries;
        synchronized (ended) {
            queries = ended.stream()
                    .filter(query -> query.start() >= from && query.start() <= to)
                    .sorted((a, b) -> Long.compare(a.start(), b.start()))
                    .toList();
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Query query : queries) {
            seconds.merge(query.step(), (query.end() - query.start()) / 1000.0, Double::sum);
        }
        return seconds;
    }
}
