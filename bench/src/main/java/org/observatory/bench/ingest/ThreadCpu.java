package org.observatory.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processor time of every thread of this process, native ones included (DuckDB's), read from {@code
 * /proc/self/task/<tid>/stat} every time {@link #sample} is called: per thread, the time used since the first sample
 * it was seen in (threads born later count from zero). Threads are grouped by the name Linux knows them by (a Java
 * thread's name cut to 15 characters; a native thread inherits the name of the thread that started it). Where
 * {@code /proc} cannot be read (not Linux), nothing is measured.
 *
 * <p>Unlike the stack samples of {@link StepSampler}, which count wall time whether the thread runs or waits for a
 * processor, these are the seconds the threads really ran: on a machine shared with other work they tell what
 * ingest costs, not how long it waited.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Clock ticks per second of {@code /proc} times: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, long[]> firstAndLast = new HashMap<>(); // thread -> {first ticks, last ticks}
    /** Thread -> {first, last} nanoseconds it waited for a processor while runnable (schedstat). */
    private final Map<String, long[]> waits = new HashMap<>();

    private final Map<String, String> names = new HashMap<>();
    private long processFirst = -1;
    private long processLast;
    private boolean available = true;

    /** Reads every thread's time now. */
    synchronized void sample() {
        if (!available) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid;
                long ticks;
                String name;
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    name = stat.substring(open + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15
                    ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    // a thread id may be reused by a later thread: the id with its start time names one thread
                    tid = task.getFileName() + "@" + fields[19];
                } catch (IOException | RuntimeException e) {
                    continue; // the thread ended meanwhile
                }
                boolean first = processFirst < 0;
                // a thread there at the first sample counts from then; one born later, from its start
                long[] times = firstAndLast.computeIfAbsent(tid, key -> new long[] {first ? ticks : 0, 0});
                times[1] = ticks;
                try {
                    String[] schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII)
                            .strip()
                            .split(" ");
                    long waited = Long.parseLong(schedstat[1]);
                    long[] wait = waits.computeIfAbsent(tid, key -> new long[] {first ? waited : 0, 0});
                    wait[1] = waited;
                } catch (IOException | RuntimeException e) {
                    // no scheduler statistics in this kernel: times only
                }
                names.put(tid, name);
            }
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long process = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (processFirst < 0) {
                processFirst = process;
            }
            processLast = process;
        } catch (IOException | RuntimeException e) {
            available = false;
        }
    }

    /** Processor seconds by thread name since the first sample, largest first; empty when not measured. */
    synchronized Map<String, Double> secondsByName() {
        Map<String, Long> ticks = new TreeMap<>();
        firstAndLast.forEach((tid, times) -> ticks.merge(group(names.get(tid)), times[1] - times[0], Long::sum));
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> seconds.put(entry.getKey(), entry.getValue() / TICKS_PER_SECOND));
        return seconds;
    }

    /** Seconds the threads of each name waited for a processor while runnable, since the first sample. */
    synchronized Map<String, Double> waitSecondsByName() {
        Map<String, Double> seconds = new TreeMap<>();
        waits.forEach((tid, wait) -> seconds.merge(group(names.get(tid)), (wait[1] - wait[0]) / 1e9, Double::sum));
        return seconds;
    }

    /** Processor seconds of the whole process since the first sample. */
    synchronized double processSeconds() {
        return (processLast - Math.max(0, processFirst)) / TICKS_PER_SECOND;
    }

    /** Threads numbered by the JVM (GC Thread#0, C2 CompilerThre, ...) counted as one group. */
    private static String group(String name) {
        if (name == null) {
            return "?";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "JVM garbage collector";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JVM JIT compiler";
        }
        return name;
    }
}
