package org.observatory.schemas.table;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** The name and columns of a Parquet table that two modules share (ingest writes it, the pipeline reads it...). */
public record TableSchema(String name, List<Column> columns) {
    public TableSchema {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("duplicate column name in table " + name);
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** A {@code CREATE TABLE} column list for DuckDB, e.g. {@code (country VARCHAR, year INTEGER)}. */
    public String duckDbColumnList() {
        return columns.stream()
                .map(column -> column.name() + " " + column.type().duckDbType())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    static Column bigint(String name) {
        return new Column(name, ColumnType.LONG);
    }

    static Column real(String name) {
        return new Column(name, ColumnType.DOUBLE);
    }

    static Column bool(String name) {
        return new Column(name, ColumnType.BOOLEAN);
    }
}
