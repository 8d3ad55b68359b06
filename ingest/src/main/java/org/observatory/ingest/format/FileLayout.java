package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What detection found out about a file, stated in every report: encoding, delimiter, the number of preamble
 * lines before the header, how many fields the header has, where each known column is (canonical name to
 * position), and how many physical lines the header takes (more than one only when a quoted column name holds a
 * line break). {@code names} says how the header writes each known column (canonical name to the header's cell, e.g.
 * {@code year} to {@code année}), so that reports name a column as the analyst's file does.
 */
public record FileLayout(
        DetectedEncoding encoding,
        char delimiter,
        int preambleLines,
        int headerWidth,
        Map<String, Integer> columns,
        int headerLines,
        Map<String, String> names) {
    public FileLayout {
        requireNonNull(encoding, "encoding is null");
        columns = Map.copyOf(requireNonNull(columns, "columns is null"));
        names = Map.copyOf(requireNonNull(names, "names is null"));
        if (preambleLines < 0) {
            throw new IllegalArgumentException("preambleLines must not be negative: " + preambleLines);
        }
        if (headerLines < 1) {
            throw new IllegalArgumentException("headerLines must be at least 1: " + headerLines);
        }
    }

    /** A layout whose header writes each column under its canonical name. */
    public FileLayout(
            DetectedEncoding encoding,
            char delimiter,
            int preambleLines,
            int headerWidth,
            Map<String, Integer> columns,
            int headerLines) {
        this(encoding, delimiter, preambleLines, headerWidth, columns, headerLines, Map.of());
    }

    /** A layout whose header is on one line. */
    public FileLayout(
            DetectedEncoding encoding,
            char delimiter,
            int preambleLines,
            int headerWidth,
            Map<String, Integer> columns) {
        this(encoding, delimiter, preambleLines, headerWidth, columns, 1);
    }

    /** The line number of the header (1-based). */
    public long headerLine() {
        return preambleLines + 1L;
    }

    /** The line the header ends on (1-based); data rows start after it. */
    public long lastHeaderLine() {
        return (long) preambleLines + headerLines;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /**
     * How the file's header writes a column (e.g. {@code année} for {@code year}), or the canonical name when the
     * header has no such column: what a report calls the column.
     */
    public String nameOf(String column) {
        return names.getOrDefault(column, column);
    }

    /** How reports name the delimiter: {@code ,} {@code ;} or {@code tab}. */
    public String delimiterLabel() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }
}
