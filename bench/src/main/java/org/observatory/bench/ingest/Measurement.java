package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

/** One timed run: what ran, in which round, how many rows it read, how long it took and its memory peaks. */
public record Measurement(Subject subject, int round, long rows, long bytes, long nanos, MemoryProbe.Peaks peaks) {
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

    public double rowsPerSecond() {
        return rows / seconds();
    }

    public double megabytesPerSecond() {
        return bytes / 1_048_576.0 / seconds();
    }
}
