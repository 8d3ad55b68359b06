package org.observatory.pipeline.spark;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Columns to add or replace in one projection ({@link Dataset#withColumns(Map)}), in the order given. A chain of
 * {@code withColumn} calls analyses the growing plan once per call, which makes building a job's plan slow; every
 * expression here reads the input's columns, not each other's.
 */
public final class Assignments {
    private final Map<String, Column> columns = new LinkedHashMap<>();

    private Assignments() {}

    public static Assignments set(String name, Column value) {
        return new Assignments().and(name, value);
    }

    public Assignments and(String name, Column value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (columns.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("column " + name + " is assigned twice");
        }
        return this;
    }

    public Dataset<Row> applyTo(Dataset<Row> rows) {
        return rows.withColumns(columns);
    }
}
