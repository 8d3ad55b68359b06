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
        return index == null ? "" : cell(index);
    }

    /**
     * The trimmed cell at a position (see {@link #positionOf}), or an empty string when this (short) row has no cell
     * there or the position is -1.
     */
    public String cell(int position) {
        return position < 0 || position >= record.size()
                ? ""
                : record.get(position).strip();
    }

    /** Where the cells of that column are in every row of this file, or -1 when the file has no such column. */
    public int positionOf(String column) {
        Integer index = columns.get(column);
        return index == null ? -1 : index;
    }
}
