package org.observatory.pipeline.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.observatory.schemas.table.Column;
import org.observatory.schemas.table.ColumnType;
import org.observatory.schemas.table.TableSchema;

/**
 * A small relation given row by row (codelists as tables, the run's submissions): its name and typed columns, and
 * its rows, each value of its column's Java type (String, Integer, Long, Double, Boolean) or null.
 */
public record Relation(TableSchema schema, List<List<Object>> rows) {
    public Relation {
        requireNonNull(schema, "schema is null");
        requireNonNull(rows, "rows is null");
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != schema.columns().size()) {
                throw new IllegalArgumentException("relation %s has %d columns, a row has %d values"
                        .formatted(schema.name(), schema.columns().size(), row.size()));
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    public String name() {
        return schema.name();
    }

    /** A builder: {@code Relation.named("x").column("a", STRING).row("1").build()}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder column(String column, ColumnType type) {
            columns.add(new Column(column, type));
            return this;
        }

        public Builder row(Object... values) {
            rows.add(Arrays.asList(values));
            return this;
        }

        public Relation build() {
            return new Relation(new TableSchema(name, columns), rows);
        }
    }
}
