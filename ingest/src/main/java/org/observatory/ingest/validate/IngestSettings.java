package org.observatory.ingest.validate;

/**
 * Thresholds of the validation: how many issues of one code a report lists (all are counted), and how many in all
 * (no more than the codes' limits allow, unless said otherwise: a fix list asks for every issue), and from which
 * year-on-year factor a change is reported (the CTS asks respondents to explain such changes); changes between
 * values below {@code yearOnYearMinimum} are not reported, as small counts move a lot by chance. And how a file is
 * read: by up to {@code threads} threads at once, in segments of about {@code segmentBytes} bytes; the report is the
 * same whatever these two are.
 */
public record IngestSettings(
        int issuesPerCode,
        double yearOnYearFactor,
        double yearOnYearMinimum,
        int threads,
        long segmentBytes,
        int issuesInAll) {
    /**
     * Segments of 4 MiB: about 23,000 dataUNODC rows, so that starting one costs next to nothing, and few enough
     * rows that the segments read ahead of the one being staged hold little memory.
     */
    public static final long DEFAULT_SEGMENT_BYTES = 4L << 20;

    public static final IngestSettings DEFAULTS = new IngestSettings(ValidationReport.DEFAULT_PER_CODE_LIMIT, 2.0, 20);

    /**
     * Threads that read a file at most by default: each holds a few segments' rows until they are staged, so memory
     * grows with them.
     */
    public static final int DEFAULT_MAXIMUM_THREADS = 8;

    /** These thresholds, reading with one thread per processor (up to {@link #DEFAULT_MAXIMUM_THREADS}). */
    public IngestSettings(int issuesPerCode, double yearOnYearFactor, double yearOnYearMinimum) {
        this(
                issuesPerCode,
                yearOnYearFactor,
                yearOnYearMinimum,
                Math.min(Runtime.getRuntime().availableProcessors(), DEFAULT_MAXIMUM_THREADS),
                DEFAULT_SEGMENT_BYTES,
                Integer.MAX_VALUE);
    }

    public IngestSettings {
        if (issuesPerCode < 1) {
            throw new IllegalArgumentException("issuesPerCode must be at least 1: " + issuesPerCode);
        }
        if (!(yearOnYearFactor > 1)) {
            throw new IllegalArgumentException("yearOnYearFactor must be above 1: " + yearOnYearFactor);
        }
        if (yearOnYearMinimum < 0) {
            throw new IllegalArgumentException("yearOnYearMinimum must not be negative: " + yearOnYearMinimum);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes must be at least 1: " + segmentBytes);
        }
        if (issuesInAll < 1) {
            throw new IllegalArgumentException("issuesInAll must be at least 1: " + issuesInAll);
        }
    }

    /** The same thresholds, reading with {@code threads} threads in segments of about {@code segmentBytes}. */
    public IngestSettings reading(int threads, long segmentBytes) {
        return new IngestSettings(
                issuesPerCode, yearOnYearFactor, yearOnYearMinimum, threads, segmentBytes, issuesInAll);
    }

    /**
     * The same thresholds and reading, listing every issue up to {@code issues} in all, whatever their code: what a
     * fix list asks for.
     */
    public IngestSettings listing(int issues) {
        return new IngestSettings(issues, yearOnYearFactor, yearOnYearMinimum, threads, segmentBytes, issues);
    }

    /** An empty report that lists issues as these settings say. */
    public ValidationReport report() {
        return new ValidationReport(issuesPerCode, issuesInAll);
    }
}
