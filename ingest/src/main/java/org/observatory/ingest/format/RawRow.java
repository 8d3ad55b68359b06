package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** One data row as read, before validation: the line it starts on and its cells by canonical column name. */
public record RawRow(long line, CSVRecord record, Map<String, Integer> columns) {
    public RawRow {
        requireNonNull(record, "record is null");
        requireNonNull(columns, "columns is null");
    }

    /** The trimmed cell of that column, or an empty string when the file or this (short) row has no such column. */
    public String cell(String column) {
        Integer index = columns.get(column);
        return index == null || index >= record.size() ? "" : record.get(index).strip();
    }
}
