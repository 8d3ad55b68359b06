package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One timed run: what ran, in which round, how many rows it read, how long it took, the processor time the whole
 * process used meanwhile ({@code cpuNanos}, every thread, the JVM's own and DuckDB's included; -1 when the JVM
 * cannot tell) and its memory peaks.
 */
public record Measurement(
        Subject subject, int round, long rows, long bytes, long nanos, long cpuNanos, MemoryProbe.Peaks peaks) {
    /** The two things the benchmark compares. */
    public enum Subject {
        BARE("bare Commons CSV parse"),
        VALIDATION("validation (IngestService)");

        private final String label;

        Subject(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Measurement {
        requireNonNull(subject, "subject is null");
        requireNonNull(peaks, "peaks is null");
        if (nanos <= 0) {
            throw new IllegalArgumentException("nanos must be positive: " + nanos);
        }
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** Processor seconds of the process during the run, or NaN when unknown. */
    public double cpuSeconds() {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9;
    }

    public double rowsPerSecond() {
        return rows / seconds();
    }

    public double megabytesPerSecond() {
        return bytes / 1_048_576.0 / seconds();
    }
}
