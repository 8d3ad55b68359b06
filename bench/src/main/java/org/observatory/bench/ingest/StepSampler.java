package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A sampling profiler for one ingest run: every few milliseconds it takes the stack of the thread that runs {@code
 * IngestService.ingest}, and of the threads ingest reads the file with ({@code ingest-reader}), and attributes each
 * sample to a step of ingest by the frames on it (landing, header detection, reading rows, row validators, staging
 * the rows, each whole-file check, DuckDB writing Parquet, ...), noting the resident memory at that moment. It reads
 * class and method names only, so it measures the real service as it is, whatever its internals become; frames it
 * does not know go to "other".
 *
 * <p>The ingest thread's steps add up to the run's wall time; while it waits for the reader threads, what those do
 * is counted in thread-seconds of their own steps (with two threads, up to twice the time they take).
 */
public final class StepSampler implements AutoCloseable {
    static final String LANDING = "landing: copy + SHA-256";
    static final String SCAN = "landing: byte scan (encoding, line starts)";
    static final String ENCODING = "layout: encoding check (reads every byte)";
    static final String HEADER = "layout: header detection";
    static final String DECIMAL_SAMPLE = "decimal separator: sample of the first rows";
    static final String WAITING = "validation pass: waiting for the reader threads";
    static final String READING = "validation pass: reading rows (CSV)";
    static final String VALIDATORS = "validation pass: row validators";
    static final String STAGING_FILE = "validation pass: writing staged rows";
    static final String LOAD = "staging: DuckDB writes the Parquet";
    static final String CHECKS = "whole-file checks: ";
    static final String SUMMARY = "staging: summary query";
    static final String MOVE = "staging: move the Parquet";
    static final String OPEN = "staging: open DuckDB";
    static final String CLOSE = "staging: close DuckDB";
    static final String CLEANUP = "cleanup (delete scratch)";
    static final String OTHER = "other (report, manifest, publish)";
    /** Steps of the reader threads are named with this prefix. */
    static final String READER = "reader threads: ";

    /** Every how many stack samples the processor time of every thread is read. */
    private static final int CPU_EVERY = 5;

    /** The names ingest gives the threads that read a file in parallel. */
    static final String READER_THREAD = "ingest-reader";

    private static final List<String> ORDER = List.of(
            LANDING,
            SCAN,
            ENCODING,
            HEADER,
            DECIMAL_SAMPLE,
            READING,
            VALIDATORS,
            STAGING_FILE,
            WAITING,
            OPEN,
            LOAD,
            CHECKS,
            SUMMARY,
            MOVE,
            CLOSE,
            CLEANUP,
            OTHER);

    private final Thread target;
    private final long intervalMillis;
    private final Thread sampler;
    private final Map<String, long[]> samplesAndPeak = new LinkedHashMap<>();
    private final ThreadCpu cpu = new ThreadCpu();
    private final long targetCpuStart;
    private long targetCpuNanos;
    private volatile boolean running = true;
    private long ticks;

    private StepSampler(Thread target, long intervalMillis) {
        this.target = requireNonNull(target, "target is null");
        this.intervalMillis = intervalMillis;
        this.sampler = new Thread(this::sample, "ingest-step-sampler");
        this.sampler.setDaemon(true);
        this.cpu.sample();
        this.targetCpuStart = threadCpuNanos(target);
    }

    private static long threadCpuNanos(Thread thread) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
    }

    /** Starts sampling {@code target}, and ingest's reader threads, every {@code intervalMillis}. */
    public static StepSampler start(Thread target, long intervalMillis) {
        StepSampler sampler = new StepSampler(target, intervalMillis);
        sampler.sampler.start();
        return sampler;
    }

    private void sample() {
        long iterations = 0;
        while (running) {
            if (++iterations % CPU_EVERY == 0) {
                cpu.sample();
            }
            String step = attribute(target.getStackTrace());
            if (step != null) {
                long resident = MemoryProbe.resident().orElse(0);
                synchronized (samplesAndPeak) {
                    ticks++;
                    count(step, resident);
                    if (step.equals(WAITING)) {
                        for (Map.Entry<Thread, StackTraceElement[]> thread :
                                Thread.getAllStackTraces().entrySet()) {
                            if (thread.getKey().getName().startsWith(READER_THREAD)) {
                                String work = attributeReader(thread.getValue());
                                if (work != null) {
                                    count(READER + work, resident);
                                }
                            }
                        }
                    }
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

    private void count(String step, long resident) {
        long[] counts = samplesAndPeak.computeIfAbsent(step, key -> new long[2]);
        counts[0]++;
        counts[1] = Math.max(counts[1], resident);
    }

    /**
     * Stops sampling. The ingest thread's steps share {@code wallNanos} by their samples; a reader thread's sample
     * stands for the same time as one of the ingest thread's.
     */
    public List<StepTiming> stop(long wallNanos) {
        close();
        cpu.sample();
        long targetCpuEnd = threadCpuNanos(target);
        targetCpuNanos = targetCpuStart < 0 || targetCpuEnd < 0 ? -1 : targetCpuEnd - targetCpuStart;
        List<StepTiming> steps = new ArrayList<>();
        synchronized (samplesAndPeak) {
            List<String> names = new ArrayList<>(samplesAndPeak.keySet());
            names.sort((left, right) -> Integer.compare(rank(left), rank(right)));
            for (String name : names) {
                long[] counts = samplesAndPeak.get(name);
                steps.add(new StepTiming(
                        name,
                        counts[0],
                        ticks == 0 ? 0 : wallNanos / 1e9 * counts[0] / ticks,
                        counts[1] == 0 ? OptionalLong.empty() : OptionalLong.of(counts[1])));
            }
        }
        return List.copyOf(steps);
    }

    /**
     * Processor seconds of the run by thread (see {@link ThreadCpu}), after {@link #stop}: the thread that ran
     * ingest under its own label, the native threads it started (DuckDB's, named after it) under theirs.
     */
    public Map<String, Double> cpuSeconds() {
        Map<String, Double> byName = new LinkedHashMap<>(cpu.secondsByName());
        if (targetCpuNanos >= 0) {
            // the ingest thread is named "java" by Linux when it is the main thread, like the threads it starts
            String linuxName = target.getName().equals("main") ? "java" : cut(target.getName());
            double own = targetCpuNanos / 1e9;
            Double shared = byName.remove(linuxName);
            byName.put(INGEST_THREAD, own);
            if (shared != null && shared - own > 0.005) {
                byName.put(STARTED_BY_INGEST + linuxName + ")", shared - own);
            }
        }
        return byName;
    }

    /** Seconds the threads of each Linux name waited for a processor while they could run. */
    public Map<String, Double> waitSeconds() {
        return cpu.waitSecondsByName();
    }

    /** Processor seconds of the whole process during the run. */
    public double processCpuSeconds() {
        return cpu.processSeconds();
    }

    static final String INGEST_THREAD = "ingest thread (IngestService.ingest)";
    static final String STARTED_BY_INGEST = "native threads started by it (DuckDB; Linux name ";

    private static String cut(String name) {
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    private static int rank(String step) {
        String base = step.startsWith(READER) ? step.substring(READER.length()) : step;
        int index = ORDER.indexOf(base.startsWith(CHECKS) ? CHECKS : base);
        // a reader thread's steps come right after the ingest thread's wait for them
        int position = index < 0 ? ORDER.size() : index;
        return step.startsWith(READER) ? ORDER.indexOf(WAITING) * 100 + 1 + position : position * 100;
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
        if (find(stack, "TextScan", "accept") >= 0) {
            return SCAN;
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
        if (find(stack, "ValidationPass", "sampleSeparator") >= 0) {
            return DECIMAL_SAMPLE;
        }
        String reading = attributeReader(stack);
        if (reading != null) {
            return reading; // rows read on the ingest thread itself (one thread, or one segment)
        }
        if (find(stack, "ValidationPass", "read") >= 0) {
            return WAITING;
        }
        int check = outermost(stack, "FileChecks");
        if (check >= 0) {
            return CHECKS + stack[check].getMethodName();
        }
        if (find(stack, "StagingTable", "check") >= 0) {
            return CHECKS + "skip duplicated rows";
        }
        if (find(stack, "StagingTable", "load") >= 0) {
            return LOAD;
        }
        if (find(stack, "StagingTable", "summary") >= 0) {
            return SUMMARY;
        }
        if (find(stack, "StagingTable", "moveTo") >= 0) {
            return MOVE;
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

    /** What a thread reading rows is doing, or null when it reads none. */
    static String attributeReader(StackTraceElement[] stack) {
        if (find(stack, "DelimitedTable", "readRows") < 0 && find(stack, "DelimitedTable", "forEachRow") < 0) {
            return null;
        }
        if (find(stack, "StagedRowsFile", null) >= 0) {
            return STAGING_FILE;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().endsWith("RowValidator")
                    && frame.getMethodName().equals("validate")) {
                return VALIDATORS;
            }
        }
        return READING;
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

    /** The outermost frame of a class other than its entry points: the check that is running. */
    private static int outermost(StackTraceElement[] stack, String simpleClassName) {
        for (int index = stack.length - 1; index >= 0; index--) {
            String method = stack[index].getMethodName();
            if (simpleName(stack[index]).equals(simpleClassName)
                    && !method.equals("warnings")
                    && !method.startsWith("lambda$")) {
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
