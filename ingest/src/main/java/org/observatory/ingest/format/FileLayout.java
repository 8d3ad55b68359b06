package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What detection found out about a file, stated in every report: encoding, delimiter, the number of preamble
 * lines before the header, and where each known column is (canonical name to position).
 */
public record FileLayout(
        DetectedEncoding encoding, char delimiter, int preambleLines, int headerWidth, Map<String, Integer> columns) {
    public FileLayout {
        requireNonNull(encoding, "encoding is null");
        columns = Map.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** The line number of the header (1-based). */
    public long headerLine() {
        return preambleLines + 1L;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** How reports name the delimiter: {@code ,} {@code ;} or {@code tab}. */
    public String delimiterLabel() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }
}
