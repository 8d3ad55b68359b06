package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * One data row as read, before validation: the physical line it starts on, the line it ends on (later only when a
 * quoted value holds line breaks), and its cells by canonical column name.
 */
public record RawRow(long line, long lastLine, CSVRecord record, Map<String, Integer> columns) {
    public RawRow {
        requireNonNull(record, "record is null");
        requireNonNull(columns, "columns is null");
        if (lastLine < line) {
            throw new IllegalArgumentException("lastLine %d is before line %d".formatted(lastLine, line));
        }
    }

    /** A row on one line. */
    public RawRow(long line, CSVRecord record, Map<String, Integer> columns) {
        this(line, line, record, columns);
    }

    /** The trimmed cell of that column, or an empty string when the file or this (short) row has no such column. */
    public String cell(String column) {
        Integer index = columns.get(column);
        return index == null || index >= record.size() ? "" : record.get(index).strip();
    }
}
