package org.observatory.pipeline.engine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.table.TableSchema;

/**
 * The cluster engine: Spark SQL on the session given ({@code local[*]}, or the cluster {@code spark-submit} names).
 * Reads and writes any location Hadoop's file systems know ({@code file:}, {@code hdfs:}, {@code s3a:}).
 *
 * <p>The SQL's string literals are translated to Spark's escaped form ({@link SqlDialect#spark}), which needs
 * {@code spark.sql.parser.escapedStringLiterals} off (its default). A materialised
 * relation is computed and checkpointed at once: every stage after the grouping runs on few rows, where planning
 * one query over all stages would cost more than running it.
 */
public final class SparkEngine implements Engine {
    /** Up to this many rows a table is written by one task; shuffling rows to one task per country costs more. */
    static final long SINGLE_WRITER_ROWS = 2_000_000;

    private static final String FILE_SCHEMA_NAME = "staged_file";

    private static final String ESCAPED_LITERALS = "spark.sql.parser.escapedStringLiterals";

    private final SparkSession spark;
    private final boolean stopOnClose;
    private final List<Dataset<Row>> kept = new ArrayList<>();

    /** An engine on a session its caller keeps (and stops). */
    public SparkEngine(SparkSession spark) {
        this(spark, false);
    }

    SparkEngine(SparkSession spark, boolean stopOnClose) {
        this.spark = requireNonNull(spark, "spark is null");
        this.stopOnClose = stopOnClose;
        if (Boolean.parseBoolean(spark.conf().get(ESCAPED_LITERALS, "false"))) {
            // setting it, even to its default, logs a deprecation warning: only a session that set it is changed
            spark.conf().set(ESCAPED_LITERALS, "false");
        }
    }

    @Override
    public EngineKind kind() {
        return EngineKind.SPARK;
    }

    @Override
    public void register(Relation relation) {
        requireNonNull(relation, "relation is null");
        List<Row> rows = relation.rows().stream()
                .map(values -> RowFactory.create(values.toArray()))
                .toList();
        spark.createDataFrame(rows, SparkSchemas.structType(relation.schema()))
                .createOrReplaceTempView(relation.name());
    }

    @Override
    public void registerStaged(String name, List<StagedFile> files, Optional<Set<String>> partitions) {
        StructType fileSchema = SparkSchemas.structType(new TableSchema(
                FILE_SCHEMA_NAME,
                StagedRows.SCHEMA.columns().stream()
                        .filter(column -> !column.name().equals(StagedRows.SUBMISSION_ID))
                        .toList()));
        Dataset<Row> staged = null;
        for (StagedFile file : files) {
            Dataset<Row> rows = spark.read()
                    .schema(fileSchema)
                    .parquet(file.location().toString())
                    .withColumn(
                            StagedRows.SUBMISSION_ID, lit(file.submissionId()).cast(DataTypes.StringType));
            staged = staged == null ? rows : staged.unionByName(rows);
        }
        if (staged == null) {
            staged = spark.createDataFrame(List.of(), SparkSchemas.structType(StagedRows.SCHEMA));
        }
        Dataset<Row> conformed = SparkSchemas.conform(staged, StagedRows.SCHEMA);
        if (partitions.isPresent()) {
            conformed = conformed.where(PartitionFilter.sql(partitions.get()));
        }
        conformed.createOrReplaceTempView(name);
    }

    @Override
    public void registerTable(String name, TableSchema table, URI location, Optional<Set<String>> partitions) {
        Dataset<Row> rows = spark.read().schema(SparkSchemas.structType(table)).parquet(location.toString());
        Dataset<Row> conformed = SparkSchemas.conform(rows, table);
        if (partitions.isPresent()) {
            conformed = conformed.where(PartitionFilter.sql(partitions.get()));
        }
        conformed.createOrReplaceTempView(name);
    }

    @Override
    public void define(String name, String sql, boolean materialise) {
        Dataset<Row> rows = spark.sql(SqlDialect.spark(sql));
        if (materialise) {
            rows = rows.coalesce(spark.sparkContext().defaultParallelism()).localCheckpoint(true);
            kept.add(rows);
        }
        rows.createOrReplaceTempView(name);
    }

    @Override
    public List<List<Object>> query(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : spark.sql(SqlDialect.spark(sql)).collectAsList()) {
            List<Object> values = new ArrayList<>(row.size());
            for (int index = 0; index < row.size(); index++) {
                values.add(row.get(index));
            }
            rows.add(values);
        }
        return rows;
    }

    @Override
    public void write(String relation, TableSchema table, URI location, long rows) {
        String columns = table.columns().stream()
                .map(column -> "CAST(%s AS %s) AS %s"
                        .formatted(
                                column.name(),
                                SparkSchemas.dataType(column.type()).sql(),
                                column.name()))
                .collect(Collectors.joining(", "));
        Dataset<Row> conformed = spark.sql("SELECT " + columns + " FROM " + relation);
        Dataset<Row> placed =
                rows <= SINGLE_WRITER_ROWS ? conformed.coalesce(1) : conformed.repartition(col(SnapshotTables.COUNTRY));
        placed.sortWithinPartitions(SnapshotTables.COUNTRY, SnapshotTables.YEAR)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(SnapshotTables.COUNTRY)
                .parquet(location.toString());
    }

    @Override
    public void close() {
        kept.forEach(Dataset::unpersist);
        kept.clear();
        if (stopOnClose) {
            spark.stop();
        }
    }
}
