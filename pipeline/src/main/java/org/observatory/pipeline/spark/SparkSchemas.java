package org.observatory.pipeline.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.observatory.schemas.table.ColumnType;
import org.observatory.schemas.table.TableSchema;

/**
 * Spark's view of the platform's shared table schemas: the Spark type of each {@link ColumnType}, the
 * {@link StructType} of a {@link TableSchema}, and a function that gives a dataset exactly a table's columns.
 */
public final class SparkSchemas {
    private SparkSchemas() {}

    public static DataType dataType(ColumnType type) {
        requireNonNull(type, "type is null");
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case INTEGER -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }

    /** The table as a Spark schema; every column is nullable, as in the Parquet files DuckDB and Spark write. */
    public static StructType structType(TableSchema table) {
        requireNonNull(table, "table is null");
        return new StructType(table.columns().stream()
                .map(column -> new StructField(column.name(), dataType(column.type()), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    /**
     * The table's columns, in its order and cast to its types, and nothing else. Fails at analysis time, naming the
     * column, when the dataset lacks one.
     */
    public static Dataset<Row> conform(Dataset<Row> rows, TableSchema table) {
        return conform(rows, table, List.of());
    }

    /** The table's columns as {@link #conform(Dataset, TableSchema)} gives them, then the working columns named. */
    public static Dataset<Row> conform(Dataset<Row> rows, TableSchema table, List<String> workingColumns) {
        requireNonNull(rows, "rows is null");
        requireNonNull(table, "table is null");
        requireNonNull(workingColumns, "workingColumns is null");
        Column[] columns = Stream.concat(
                        table.columns().stream().map(column -> col(column.name())
                                .cast(dataType(column.type()))
                                .as(column.name())),
                        workingColumns.stream().map(name -> col(name)))
                .toArray(Column[]::new);
        return rows.select(columns);
    }
}
