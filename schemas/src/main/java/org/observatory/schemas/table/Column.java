package org.observatory.schemas.table;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a Parquet table. Names are snake_case and stable: stored data depends on them. */
public record Column(String name, ColumnType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column name must be snake_case: " + name);
        }
    }
}
