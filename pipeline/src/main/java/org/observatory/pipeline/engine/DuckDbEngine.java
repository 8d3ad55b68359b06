package org.observatory.pipeline.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.Column;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.table.TableSchema;
import org.observatory.schemas.text.Message;

/**
 * The embedded engine: DuckDB in this process, in memory, spilling to a temporary directory of its own beyond its
 * memory limit instead of failing. Reads and writes local files only ({@code file:} URIs).
 */
public final class DuckDbEngine implements Engine {
    private final Connection connection;
    private final Path spill;
    /** Each relation defined so far: TABLE or VIEW (DuckDB replaces a relation only by one of its kind). */
    private final Map<String, String> relations = new HashMap<>();
    /** The columns of each staged file read so far (a file is read twice when a run plans which partitions change). */
    private final Map<String, Set<String>> fileColumns = new HashMap<>();

    /**
     * @param memoryLimit DuckDB's {@code memory_limit} (e.g. {@code 1GB}), or empty for DuckDB's default (80 % of
     *     the machine's memory)
     * @param spillParent where the temporary directory for spilling is created (removed on {@link #close})
     */
    public DuckDbEngine(Optional<String> memoryLimit, Path spillParent) {
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(spillParent, "spillParent is null");
        try {
            Files.createDirectories(spillParent);
            this.spill = Files.createTempDirectory(spillParent, "duckdb-spill-");
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = '" + literal(spill.toString()) + "'");
                statement.execute("SET preserve_insertion_order = false");
                if (memoryLimit.isPresent()) {
                    statement.execute("SET memory_limit = '" + literal(memoryLimit.get()) + "'");
                }
            }
        } catch (IOException | SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.ENGINE_START_FAILED,
                            "directory",
                            String.valueOf(spillParent),
                            "problem",
                            String.valueOf(e.getMessage())),
                    e);
        }
    }

    @Override
    public EngineKind kind() {
        return EngineKind.DUCKDB;
    }

    @Override
    public void register(Relation relation) {
        requireNonNull(relation, "relation is null");
        TableSchema schema = relation.schema();
        create(schema.name(), "TABLE", schema.duckDbColumnList());
        try (DuckDBAppender appender =
                ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, schema.name())) {
            for (List<Object> row : relation.rows()) {
                appender.beginRow();
                for (int index = 0; index < row.size(); index++) {
                    append(appender, schema.columns().get(index), row.get(index));
                }
                appender.endRow();
            }
        } catch (SQLException e) {
            throw failure("register " + schema.name(), e);
        }
    }

    @Override
    public void registerStaged(String name, List<StagedFile> files, Optional<Set<String>> partitions) {
        List<String> selects = new ArrayList<>();
        for (StagedFile file : files) {
            String path = localPath(file.location());
            Set<String> present = fileColumns.computeIfAbsent(path, this::columnsOf);
            String columns = StagedRows.SCHEMA.columns().stream()
                    .map(column -> column.name().equals(StagedRows.SUBMISSION_ID)
                            ? "CAST('" + literal(file.submissionId()) + "' AS VARCHAR) AS " + column.name()
                            : present.contains(column.name())
                                    ? "CAST(" + column.name() + " AS "
                                            + column.type().duckDbType() + ") AS " + column.name()
                                    : "CAST(NULL AS " + column.type().duckDbType() + ") AS " + column.name())
                    .collect(Collectors.joining(", "));
            selects.add("SELECT " + columns + " FROM read_parquet('" + literal(path) + "')");
        }
        String body = selects.isEmpty()
                ? "SELECT " + nulls(StagedRows.SCHEMA) + " WHERE false"
                : String.join("\nUNION ALL\n", selects);
        String filter = partitions.map(PartitionFilter::sql).orElse("true");
        create(name, "VIEW", "AS SELECT * FROM (" + body + ") WHERE " + filter);
    }

    @Override
    public void registerTable(String name, TableSchema table, URI location, Optional<Set<String>> partitions) {
        Path directory = Path.of(localPath(location));
        boolean hasFiles;
        try (Stream<Path> paths = Files.isDirectory(directory) ? Files.walk(directory, 2) : Stream.empty()) {
            hasFiles = paths.anyMatch(path -> path.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            PipelineMessage.WAREHOUSE_UNLISTABLE,
                            "location",
                            directory.toString(),
                            "problem",
                            String.valueOf(e.getMessage())),
                    e);
        }
        if (!hasFiles) {
            create(name, "VIEW", "AS SELECT " + nulls(table) + " WHERE false");
            return;
        }
        String source = "read_parquet('"
                + literal(directory.resolve("*").resolve("*.parquet").toString())
                + "', hive_partitioning = true, union_by_name = true, hive_types = {'country': VARCHAR})";
        Set<String> present = new HashSet<>();
        query("DESCRIBE SELECT * FROM " + source).forEach(row -> present.add((String) row.get(0)));
        String columns = table.columns().stream()
                .map(column -> (present.contains(column.name()) ? "CAST(" + column.name() : "CAST(NULL") + " AS "
                        + column.type().duckDbType() + ") AS " + column.name())
                .collect(Collectors.joining(", "));
        String filter = partitions.map(PartitionFilter::sql).orElse("true");
        create(name, "VIEW", "AS SELECT " + columns + " FROM " + source + " WHERE " + filter);
    }

    @Override
    public void define(String name, String sql, boolean materialise) {
        create(name, materialise ? "TABLE" : "VIEW", "AS " + SqlDialect.duckDb(sql));
    }

    @Override
    public List<List<Object>> query(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(SqlDialect.duckDb(sql))) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    row.add(value instanceof BigInteger big ? (Object) big.longValueExact() : value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failure("query", e);
        }
    }

    @Override
    public void write(String relation, TableSchema table, URI location, long rows) {
        String columns = table.columns().stream()
                .map(column -> "CAST(" + column.name() + " AS " + column.type().duckDbType() + ") AS " + column.name())
                .collect(Collectors.joining(", "));
        String target = localPath(location);
        execute("COPY (SELECT " + columns + " FROM " + relation + " ORDER BY " + SnapshotTables.COUNTRY
                + ", " + SnapshotTables.YEAR + ") TO '" + literal(target)
                + "' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (" + SnapshotTables.COUNTRY + "))");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was left to write; the spill directory goes anyway
        }
        try (Stream<Path> paths = Files.walk(spill)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a spill file left behind in the temporary directory harms nothing
        }
    }

    /** Creates a relation, replacing one of the same name whatever its kind. */
    private void create(String name, String kind, String definition) {
        String before = relations.remove(name);
        if (before != null) {
            execute("DROP " + before + " " + name);
        }
        execute("CREATE " + kind + " " + name + " " + definition);
        relations.put(name, kind);
    }

    private Set<String> columnsOf(String path) {
        Set<String> names = new HashSet<>();
        query("SELECT name FROM parquet_schema('" + literal(path) + "')")
                .forEach(row -> names.add(((String) row.get(0)).toLowerCase(Locale.ROOT)));
        return names;
    }

    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(sql.lines().findFirst().orElse(sql), e);
        }
    }

    private static void append(DuckDBAppender appender, Column column, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (column.type()) {
            case STRING -> appender.append((String) value);
            case INTEGER -> appender.append(((Number) value).intValue());
            case LONG -> appender.append(((Number) value).longValue());
            case DOUBLE -> appender.append(((Number) value).doubleValue());
            case BOOLEAN -> appender.append((Boolean) value);
        }
    }

    private static String nulls(TableSchema table) {
        return table.columns().stream()
                .map(column -> "CAST(NULL AS " + column.type().duckDbType() + ") AS " + column.name())
                .collect(Collectors.joining(", "));
    }

    /** The local path of a location; the embedded engine reads and writes nothing else. */
    static String localPath(URI location) {
        if (location.getScheme() == null || location.getScheme().equals("file")) {
            return location.getScheme() == null
                    ? Path.of(location.getPath()).toAbsolutePath().toString()
                    : Path.of(location).toString();
        }
        throw new ObservatoryException(
                ErrorCode.CONFIGURATION_INVALID,
                Message.of(PipelineMessage.ENGINE_LOCAL_ONLY, "location", String.valueOf(location)));
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    private static ObservatoryException failure(String what, SQLException e) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                "The DuckDB engine failed (%s): %s"
                        .formatted(
                                what, e.getMessage().strip().lines().findFirst().orElse("")),
                e);
    }
}
