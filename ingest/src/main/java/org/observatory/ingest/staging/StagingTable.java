package org.observatory.ingest.staging;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.StagedRow;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.StagedRows;

/**
 * Collects staged rows in an embedded DuckDB table (which spills to disk when it outgrows memory) and writes them
 * as one Parquet file. Nothing reaches the staging area until {@link #writeParquet} is called, so a rejected file
 * stages nothing.
 */
public final class StagingTable implements AutoCloseable {
    private static final String TABLE = "staged_rows";
    /** DuckDB's own memory (outside the Java heap) for staging one upload; beyond it, DuckDB spills to disk. */
    private static final String MEMORY_LIMIT = "1GB";

    private final DuckDBConnection connection;
    private final DuckDBAppender appender;
    private final String submissionId;
    private final String sourceKind;
    private long rows;

    public StagingTable(String submissionId, String sourceKind, Path spillDirectory) {
        this.submissionId = submissionId;
        this.sourceKind = sourceKind;
        try {
            // a database file in the working directory: rows go to disk as they come, so memory stays bounded
            // whatever the size of the upload; the directory is deleted once the submission is staged or rejected
            this.connection = (DuckDBConnection)
                    DriverManager.getConnection("jdbc:duckdb:" + spillDirectory.resolve("staging.duckdb"));
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = '" + escape(spillDirectory.toString()) + "'");
                statement.execute("SET preserve_insertion_order = false"); // the Parquet is written ORDER BY line
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                statement.execute("CREATE TABLE " + TABLE + " " + StagedRows.SCHEMA.duckDbColumnList());
            }
            this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
        } catch (SQLException e) {
            throw failure("open the staging table", e);
        }
    }

    public void append(StagedRow row) {
        try {
            appender.beginRow();
            appender.append(submissionId);
            appender.append(sourceKind);
            appender.append(row.sourceLine());
            appender.append(row.status());
            appender.append(row.skipReason());
            appender.append(row.country());
            appendInteger(row.year());
            appender.append(row.ctsIndicator());
            appender.append(row.ctsDimension());
            appender.append(row.ctsCategory());
            appender.append(row.nationalCode());
            appender.append(row.nationalLabel());
            appender.append(row.iccsCode());
            appender.append(row.sex());
            appender.append(row.age());
            appender.append(row.breakdownType());
            appender.append(row.breakdown());
            appender.append(row.unit());
            if (row.value() == null) {
                appender.appendNull();
            } else {
                appender.append(row.value().doubleValue());
            }
            appender.append(row.obsStatus());
            appender.append(row.footnote());
            appender.append(row.source());
            appender.append(row.matchQuality());
            appender.endRow();
            rows++;
        } catch (SQLException e) {
            throw failure("stage line " + row.sourceLine(), e);
        }
    }

    private void appendInteger(Integer value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value.intValue());
        }
    }

    public long rows() {
        return rows;
    }

    /**
     * Runs the whole-file checks ({@link FileChecks}) over every staged row: duplicates become skipped rows, the
     * rest are reported as warnings. {@code populationFiles}, staged population submissions in the order they were
     * accepted, are the denominators against which reported rates are checked.
     */
    public void check(SourceKind kind, ValidationReport report, IngestSettings settings, List<Path> populationFiles) {
        try {
            appender.flush();
            new FileChecks(connection, kind, report, settings).run(populationFiles);
        } catch (SQLException e) {
            throw failure("check the staged rows", e);
        }
    }

    /** The staged rows by status after the checks: accepted rows, and the member countries that have them. */
    public Summary summary() {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery(
                        "SELECT count(*) FILTER (WHERE status = 'accepted'), list(DISTINCT country ORDER BY country) FILTER (WHERE status = 'accepted' AND country IS NOT NULL) FROM "
                                + TABLE)) {
            result.next();
            List<String> countries = new java.util.ArrayList<>();
            java.sql.Array array = result.getArray(2);
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
    public static java.util.Set<String> nationalCodes(Path stagedFile) {
        try (java.sql.Connection reader = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = reader.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SELECT DISTINCT national_code FROM read_parquet('"
                        + escape(stagedFile.toString()) + "') WHERE status = 'accepted'")) {
            java.util.Set<String> codes = new java.util.HashSet<>();
            while (result.next()) {
                codes.add(result.getString(1));
            }
            return java.util.Set.copyOf(codes);
        } catch (SQLException e) {
            throw failure("read the correspondence table " + stagedFile, e);
        }
    }

    /** What is staged after the checks. */
    public record Summary(long accepted, List<String> countries) {}

    /** Writes every staged row, in input order, to {@code file} (zstd-compressed Parquet). */
    public void writeParquet(Path file) {
        try (Statement statement = connection.createStatement()) {
            appender.flush();
            statement.execute("COPY (SELECT * FROM " + TABLE + " ORDER BY " + StagedRows.SOURCE_LINE + ") TO '"
                    + escape(file.toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException e) {
            throw failure("write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close the staging table", e);
        }
    }

    private static String escape(String text) {
        return text.replace("'", "''");
    }

    private static ObservatoryException failure(String action, SQLException e) {
        return new ObservatoryException(ErrorCode.STORAGE_FAILURE, "Cannot " + action + ": " + e.getMessage(), e);
    }
}
