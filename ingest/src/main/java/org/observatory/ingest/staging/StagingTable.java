package org.observatory.ingest.staging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionBuilder;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.Column;
import org.observatory.schemas.table.StagedRows;

/**
 * Turns the staged rows of one upload into its Parquet file with an embedded DuckDB, in a scratch directory: {@link
 * #startWriting} writes the batches of rows the validation hands over into one Parquet file, in their order, while
 * the validation goes on; {@link #check} runs the whole-file checks over it ({@link FileChecks}; duplicates rewrite it with their rows
 * skipped), and {@link #moveTo} puts the result where it is staged. DuckDB works within a memory limit and spills
 * to the scratch directory beyond it, so memory stays bounded whatever the size of the upload. Nothing reaches the
 * staging area until {@link #moveTo} is called, so a rejected file stages nothing.
 */
public final class StagingTable implements AutoCloseable {
    private static final String VIEW = "staged_rows";
    /** DuckDB's own memory (outside the Java heap) for staging one upload; beyond it, DuckDB spills to disk. */
    private static final String MEMORY_LIMIT = "1GB";

    private static final String STREAM_FUNCTION = "staged_rows_stream";
    /** Batches waiting for DuckDB at most: about 2 MB of rows each. */
    private static final int STREAMED_BATCHES = 16;

    private final DuckDBConnection connection;
    private final String submissionId;
    private final String sourceKind;
    private final Path scratch;
    private final StreamSource source = new StreamSource();
    private Writer writer;
    private int files;
    private Path parquet;

    public StagingTable(String submissionId, String sourceKind, Path scratch) {
        this.submissionId = requireNonNull(submissionId, "submissionId is null");
        this.sourceKind = requireNonNull(sourceKind, "sourceKind is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        try {
            this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = '" + escape(scratch.toString()) + "'");
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                // one DuckDB thread while the rows stream to the Parquet file (the source gives one thread work
                // anyway): with more, the COPY often took twice the processor time (bench/ingest --phases), the
                // other threads busy without rows to work on. The checks use every processor (see check)
                statement.execute("SET threads = 1");
            }
            try (DuckDBTableFunctionBuilder function = DuckDBFunctions.tableFunction()) {
                function.withName(STREAM_FUNCTION).withFunction(source).register(connection);
            }
        } catch (SQLException e) {
            throw failure("open the staging database", e);
        }
    }

    /**
     * Starts writing a zstd-compressed Parquet file in the scratch directory from the batches put into the returned
     * writer, in the order they are put, with the submission id and source kind on every row. DuckDB pulls the
     * batches on a thread of its own (a table function), so the file is written while the rows are validated.
     */
    public Writer startWriting() {
        if (writer != null && !writer.done) {
            throw new IllegalStateException("the staged rows are being written already");
        }
        Path file = scratch.resolve("rows-%d.parquet".formatted(++files));
        writer = new Writer(file, new StagedRowStream(STREAMED_BATCHES));
        writer.start();
        return writer;
    }

    /** Writes staged rows to one Parquet file (see {@link #startWriting}). */
    public final class Writer {
        private final Path file;
        private final StagedRowStream stream;
        private final Thread thread;
        private volatile Throwable failure;
        private boolean done;

        private Writer(Path file, StagedRowStream stream) {
            this.file = file;
            this.stream = stream;
            this.thread = new Thread(this::copy, "ingest-parquet-writer");
            this.thread.setDaemon(true);
        }

        private void start() {
            source.current = stream;
            thread.start();
        }

        private void copy() {
            String select = StagedRows.SCHEMA.columns().stream()
                    .map(StagingTable.this::selected)
                    .collect(Collectors.joining(", "));
            try (Connection copier = connection.duplicate();
                    Statement statement = copier.createStatement()) {
                statement.execute("COPY (SELECT " + select + " FROM " + STREAM_FUNCTION + "()) TO '"
                        + escape(file.toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
            } catch (SQLException | RuntimeException e) {
                failure = e;
                stream.fail(failure("write the staged rows to " + file, e));
            }
        }

        /** Adds the batches to the file, waiting while DuckDB is behind. */
        public void write(List<StagedRowBatch> batches) {
            stream.put(batches);
        }

        /** Ends the file and points the whole-file checks at it. */
        public void finish() {
            stream.close();
            join();
            done = true;
            if (failure != null) {
                throw failure("write the staged rows to " + file, failure);
            }
            show(file);
        }

        /** Stops writing and deletes what was written: the rows will not be staged (or are read again). */
        public void abandon() throws IOException {
            if (done) {
                return;
            }
            stream.fail(new ObservatoryException(ErrorCode.STORAGE_FAILURE, "the staged rows are not needed"));
            join();
            done = true;
            Files.deleteIfExists(file);
        }

        private void join() {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The table function DuckDB reads the staged rows from: the batches of the current writer's stream. */
    private static final class StreamSource implements DuckDBTableFunction<Object, Object, Object> {
        private volatile StagedRowStream current;

        @Override
        public Object bind(DuckDBTableFunctionBindInfo info) {
            for (Column column : StagedRowBatch.COLUMNS) {
                info.addResultColumn(column.name(), duckDbType(column));
            }
            return null;
        }

        @Override
        public Object init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1); // one reader: the rows come out in the order they were put
            return null;
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter chunk) {
            StagedRowBatch batch = current.take();
            if (batch == null) {
                return 0;
            }
            batch.writeTo(chunk);
            return batch.size();
        }

        private static DuckDBColumnType duckDbType(Column column) {
            return switch (column.type()) {
                case STRING -> DuckDBColumnType.VARCHAR;
                case INTEGER -> DuckDBColumnType.INTEGER;
                case LONG -> DuckDBColumnType.BIGINT;
                case DOUBLE -> DuckDBColumnType.DOUBLE;
                case BOOLEAN -> DuckDBColumnType.BOOLEAN;
            };
        }
    }

    private String selected(Column column) {
        if (column.name().equals(StagedRows.SUBMISSION_ID)) {
            return "CAST('" + escape(submissionId) + "' AS VARCHAR) AS " + column.name();
        }
        if (column.name().equals(StagedRows.SOURCE_KIND)) {
            return "CAST('" + escape(sourceKind) + "' AS VARCHAR) AS " + column.name();
        }
        return column.name();
    }

    /**
     * Runs the whole-file checks ({@link FileChecks}) over every staged row: duplicates become skipped rows (the
     * Parquet file is written again with them), the rest are reported as warnings. {@code populationFiles}, staged
     * population submissions in the order they were accepted, are the denominators against which reported rates are
     * checked.
     */
    public void check(SourceKind kind, ValidationReport report, IngestSettings settings, List<Path> populationFiles) {
        check(kind, report, settings, populationFiles, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #check(SourceKind, ValidationReport, IngestSettings, List)}, an issue about a column naming it as the
     * file's header writes it: {@code columnNames} gives the header's name of a canonical column name.
     */
    public void check(
            SourceKind kind,
            ValidationReport report,
            IngestSettings settings,
            List<Path> populationFiles,
            java.util.function.UnaryOperator<String> columnNames) {
        FileChecks checks = new FileChecks(connection, kind, report, settings, columnNames);
        try {
            execute("use every processor for the checks", "RESET threads"); // the rows are written: see the constructor
            if (checks.duplicates()) {
                Path file = scratch.resolve("rows-checked.parquet");
                execute(
                        "skip the duplicated rows in " + file,
                        "COPY (SELECT s.* REPLACE (CASE WHEN d.reason IS NULL THEN s.status ELSE '"
                                + StagedRows.STATUS_SKIPPED + "' END AS status, coalesce(d.reason, s.skip_reason) AS"
                                + " skip_reason) FROM " + VIEW + " s LEFT JOIN duplicate_lines d USING (source_line))"
                                + " TO '" + escape(file.toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
                show(file);
            }
            checks.warnings(populationFiles);
        } catch (SQLException e) {
            throw failure("check the staged rows", e);
        }
    }

    /** The staged rows by status after the checks: accepted rows, and the member countries that have them. */
    public Summary summary() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FILTER (WHERE status = 'accepted'), list(DISTINCT country ORDER BY country) FILTER (WHERE status = 'accepted' AND country IS NOT NULL) FROM "
                                + VIEW)) {
            result.next();
            List<String> countries = new ArrayList<>();
            Array array = result.getArray(2);
            if (array != null) {
                for (Object country : (Object[]) array.getArray()) {
                    countries.add(String.valueOf(country));
                }
            }
            return new Summary(result.getLong(1), List.copyOf(countries));
        } catch (SQLException e) {
            throw failure("count the staged rows", e);
        }
    }

    /** The accepted national codes of a staged correspondence table. */
    public static Set<String> nationalCodes(Path stagedFile) {
        try (Connection reader = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = reader.createStatement();
                ResultSet result = statement.executeQuery("SELECT DISTINCT national_code FROM read_parquet('"
                        + escape(stagedFile.toString()) + "') WHERE status = 'accepted'")) {
            Set<String> codes = new HashSet<>();
            while (result.next()) {
                codes.add(result.getString(1));
            }
            return Set.copyOf(codes);
        } catch (SQLException e) {
            throw failure("read the correspondence table " + stagedFile, e);
        }
    }

    /** What is staged after the checks. */
    public record Summary(long accepted, List<String> countries) {}

    /** Moves the staged rows, as the checks left them, to {@code file} (a Parquet file). */
    public void moveTo(Path file) throws IOException {
        if (parquet == null) {
            throw new IllegalStateException("no staged rows to move: load them first");
        }
        try {
            Files.move(parquet, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(parquet, file);
        }
        parquet = file;
    }

    /** Points the view the checks read at {@code file}. */
    private void show(Path file) {
        execute(
                "read " + file,
                "CREATE OR REPLACE TEMP VIEW " + VIEW + " AS SELECT * FROM read_parquet('" + escape(file.toString())
                        + "')");
        parquet = file;
    }

    private void execute(String action, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.abandon();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + writer.file, e);
        } finally {
            closeConnection();
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the staging database", e);
        }
    }

    private static String escape(String text) {
        return text.replace("'", "''");
    }

    private static ObservatoryException failure(String action, Throwable e) {
        return new ObservatoryException(ErrorCode.STORAGE_FAILURE, "Cannot " + action + ": " + e.getMessage(), e);
    }
}
