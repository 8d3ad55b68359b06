package org.observatory.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** What the benchmark reads of the machine: processors, memory, load average, a process's peak resident memory. */
final class Machine {
    private Machine() {}

    /** e.g. "2 cores, 23.4 GiB RAM, Java 17.0.15". */
    static String describe() {
        long ram = ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "%d cores, %.1f GiB RAM, Java %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        ram / (double) (1L << 30),
                        System.getProperty("java.version"));
    }

    /** The 1-, 5- and 15-minute load averages ({@code /proc/loadavg}), e.g. "1.52 1.10 0.98", or "n/a". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .strip()
                    .split("\\s+");
            return String.join(" ", List.of(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The peak resident memory (VmHWM) of a process, in bytes, while it lives. */
    static OptionalLong peakResidentBytes(long pid) {
        return statusField(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    /** The peak resident memory (VmHWM) of this process, in bytes. */
    static OptionalLong ownPeakResidentBytes() {
        return statusField(Path.of("/proc/self/status"), "VmHWM:");
    }

    private static OptionalLong statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended, or this is no Linux
        }
        return OptionalLong.empty();
    }
}
