package org.observatory.bench.ingest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of one measured run. Heap: the sum of the heap pools' peak usage (MemoryPoolMXBean, reset before the
 * run), an upper bound since pools peak at different moments, and the largest heap in use right after a garbage
 * collection (the live set plus what the collector kept). Resident memory: VmHWM from /proc/self/status, which
 * counts native memory too (DuckDB's buffers); on Linux it is reset before each run through /proc/self/clear_refs,
 * and where that fails the value is the process peak since start ({@link #rssResettable()} says which).
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final List<MemoryPoolMXBean> heapPools;
    private final AtomicLong heapAfterGcPeak = new AtomicLong();
    private long processResidentPeak;
    private boolean rssResettable = true;

    public MemoryProbe() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                        .mapToLong(MemoryUsage::getUsed)
                                        .sum();
                                heapAfterGcPeak.accumulateAndGet(used, Math::max);
                            }
                        },
                        null,
                        null);
            }
        }
    }

    /** Starts a new measurement: collects garbage, then resets the heap pools' peaks and the resident peak. */
    public void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        heapAfterGcPeak.set(0);
        residentPeak().ifPresent(peak -> processResidentPeak = Math.max(processResidentPeak, peak));
        if (rssResettable && Files.isWritable(CLEAR_REFS)) {
            try {
                Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            } catch (IOException | SecurityException e) {
                rssResettable = false;
            }
        } else {
            rssResettable = false;
        }
    }

    /** The peaks since the last {@link #reset}. */
    public Peaks peaks() {
        long heap = heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        return new Peaks(heap, heapAfterGcPeak.get(), residentPeak());
    }

    /** The resident peak of the whole process so far, over every reset, when /proc/self/status exists. */
    public OptionalLong processResidentPeak() {
        OptionalLong current = residentPeak();
        return current.isEmpty() ? current : OptionalLong.of(Math.max(processResidentPeak, current.getAsLong()));
    }

    /** Whether resident peaks are per run (true) or since the process started (false). */
    public boolean rssResettable() {
        return rssResettable;
    }

    /** VmRSS, the resident set now, when /proc/self/status exists. */
    public static OptionalLong resident() {
        return statusField("VmRSS:");
    }

    /** VmHWM, the resident set's high-water mark, when /proc/self/status exists. */
    public static OptionalLong residentPeak() {
        return statusField("VmHWM:");
    }

    private static OptionalLong statusField(String field) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L); // always kB
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Peak memory of one run, in bytes. {@code heapAfterGc} is 0 when no collection ran; {@code resident} is empty
     * off Linux.
     */
    public record Peaks(long heap, long heapAfterGc, OptionalLong resident) {
        public Peaks {
            java.util.Objects.requireNonNull(resident, "resident is null");
        }

        /** The larger of two runs' peaks, field by field. */
        public Peaks max(Peaks other) {
            OptionalLong rss;
            if (resident.isEmpty()) {
                rss = other.resident;
            } else if (other.resident.isEmpty()) {
                rss = resident;
            } else {
                rss = OptionalLong.of(Math.max(resident.getAsLong(), other.resident.getAsLong()));
            }
            return new Peaks(Math.max(heap, other.heap), Math.max(heapAfterGc, other.heapAfterGc), rss);
        }
    }
}
