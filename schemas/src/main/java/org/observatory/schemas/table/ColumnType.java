package org.observatory.schemas.table;

/** Column types of the platform's Parquet tables, named so that DuckDB and Spark can each map them. */
public enum ColumnType {
    STRING("VARCHAR"),
    INTEGER("INTEGER"),
    LONG("BIGINT"),
    DOUBLE("DOUBLE"),
    BOOLEAN("BOOLEAN");

    private final String duckDbType;

    ColumnType(String duckDbType) {
        this.duckDbType = duckDbType;
    }

    public String duckDbType() {
        return duckDbType;
    }
}
