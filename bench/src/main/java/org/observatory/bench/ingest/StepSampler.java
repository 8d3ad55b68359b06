package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A sampling profiler for one ingest run: every few milliseconds it takes the stack of the thread that runs
 * {@code IngestService.ingest} and attributes the sample to a step of ingest by the frames on it (landing, encoding
 * check, decimal-separator pass, reading rows, row validators, DuckDB appender, each whole-file check, COPY to
 * Parquet, ...), noting the resident memory at that moment. It reads class and method names only, so it measures
 * the real service as it is, whatever its internals become; frames it does not know go to "other".
 */
public final class StepSampler implements AutoCloseable {
    static final String LANDING = "landing: copy + SHA-256";
    static final String ENCODING = "layout: encoding check (reads every byte)";
    static final String HEADER = "layout: header detection";
    static final String DECIMAL_READING = "decimal-separator pass: reading rows";
    static final String DECIMAL_EVIDENCE = "decimal-separator pass: evidence regexes";
    static final String READING = "validation pass: reading rows (CSV)";
    static final String VALIDATORS = "validation pass: row validators";
    static final String APPENDER = "validation pass: DuckDB appender";
    static final String CHECKS = "whole-file checks: ";
    static final String SUMMARY = "staging: summary query";
    static final String PARQUET = "COPY to Parquet";
    static final String OPEN = "staging: open DuckDB";
    static final String CLOSE = "staging: close DuckDB";
    static final String CLEANUP = "cleanup (delete scratch)";
    static final String OTHER = "other (report, manifest, publish)";

    private static final List<String> ORDER = List.of(
            LANDING,
            ENCODING,
            HEADER,
            DECIMAL_READING,
            DECIMAL_EVIDENCE,
            OPEN,
            READING,
            VALIDATORS,
            APPENDER,
            CHECKS,
            SUMMARY,
            PARQUET,
            CLOSE,
            CLEANUP,
            OTHER);

    private final Thread target;
    private final long intervalMillis;
    private final Thread sampler;
    private final Map<String, long[]> samplesAndPeak = new LinkedHashMap<>();
    private volatile boolean running = true;
    private long samples;

    private StepSampler(Thread target, long intervalMillis) {
        this.target = requireNonNull(target, "target is null");
        this.intervalMillis = intervalMillis;
        this.sampler = new Thread(this::sample, "ingest-step-sampler");
        this.sampler.setDaemon(true);
    }

    /** Starts sampling {@code target} every {@code intervalMillis}. */
    public static StepSampler start(Thread target, long intervalMillis) {
        StepSampler sampler = new StepSampler(target, intervalMillis);
        sampler.sampler.start();
        return sampler;
    }

    private void sample() {
        while (running) {
            StackTraceElement[] stack = target.getStackTrace();
            String step = attribute(stack);
            if (step != null) {
                long resident = MemoryProbe.resident().orElse(0);
                synchronized (samplesAndPeak) {
                    long[] counts = samplesAndPeak.computeIfAbsent(step, key -> new long[2]);
                    counts[0]++;
                    counts[1] = Math.max(counts[1], resident);
                    samples++;
                }
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops sampling; the steps' seconds are their share of the samples times {@code wallNanos}. */
    public List<StepTiming> stop(long wallNanos) {
        close();
        List<StepTiming> steps = new ArrayList<>();
        synchronized (samplesAndPeak) {
            List<String> names = new ArrayList<>(samplesAndPeak.keySet());
            names.sort((left, right) -> Integer.compare(rank(left), rank(right)));
            for (String name : names) {
                long[] counts = samplesAndPeak.get(name);
                steps.add(new StepTiming(
                        name,
                        counts[0],
                        samples == 0 ? 0 : wallNanos / 1e9 * counts[0] / samples,
                        counts[1] == 0 ? OptionalLong.empty() : OptionalLong.of(counts[1])));
            }
        }
        return List.copyOf(steps);
    }

    private static int rank(String step) {
        int index = ORDER.indexOf(step.startsWith(CHECKS) ? CHECKS : step);
        return index < 0 ? ORDER.size() : index;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ingest step a stack is in, or null when the thread is not inside {@code IngestService.ingest}. */
    static String attribute(StackTraceElement[] stack) {
        if (find(stack, "IngestService", "ingest") < 0) {
            return null;
        }
        if (find(stack, "Landing", "land") >= 0) {
            return LANDING;
        }
        if (find(stack, "EncodingDetector", "detect") >= 0) {
            return ENCODING;
        }
        if (find(stack, "DelimitedTable", "open") >= 0) {
            return HEADER;
        }
        if (find(stack, "IngestService", "decimalSeparator") >= 0) {
            return find(stack, "DecimalSeparator$Evidence", null) >= 0 ? DECIMAL_EVIDENCE : DECIMAL_READING;
        }
        int check = outermost(stack, "FileChecks");
        if (check >= 0) {
            return CHECKS + stack[check].getMethodName();
        }
        if (find(stack, "StagingTable", "check") >= 0) {
            return CHECKS + "appender flush";
        }
        if (find(stack, "StagingTable", "summary") >= 0) {
            return SUMMARY;
        }
        if (find(stack, "StagingTable", "writeParquet") >= 0) {
            return PARQUET;
        }
        if (find(stack, "StagingTable", "append") >= 0) {
            return APPENDER;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().endsWith("RowValidator")
                    && frame.getMethodName().equals("validate")) {
                return VALIDATORS;
            }
        }
        if (find(stack, "DelimitedTable", "forEachRow") >= 0) {
            return READING;
        }
        if (find(stack, "StagingTable", "<init>") >= 0) {
            return OPEN;
        }
        if (find(stack, "StagingTable", "close") >= 0) {
            return CLOSE;
        }
        if (find(stack, "IngestService", "deleteRecursively") >= 0) {
            return CLEANUP;
        }
        return OTHER;
    }

    /** The innermost frame of a class (by simple name, nested classes with their {@code $}) and method. */
    private static int find(StackTraceElement[] stack, String simpleClassName, String method) {
        for (int index = 0; index < stack.length; index++) {
            if (simpleName(stack[index]).equals(simpleClassName)
                    && (method == null || stack[index].getMethodName().equals(method))) {
                return index;
            }
        }
        return -1;
    }

    /** The outermost frame of a class other than its {@code run} method: the check that is running. */
    private static int outermost(StackTraceElement[] stack, String simpleClassName) {
        for (int index = stack.length - 1; index >= 0; index--) {
            if (simpleName(stack[index]).equals(simpleClassName)
                    && !stack[index].getMethodName().equals("run")
                    && !stack[index].getMethodName().startsWith("lambda$")) {
                return index;
            }
        }
        return -1;
    }

    private static String simpleName(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
