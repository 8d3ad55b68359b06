package org.observatory.ingest.staging;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.observatory.ingest.validate.StagedRow;
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

    private final DuckDBConnection connection;
    private final DuckDBAppender appender;
    private final String submissionId;
    private final String sourceKind;
    private long rows;

    public StagingTable(String submissionId, String sourceKind, Path spillDirectory) {
        this.submissionId = submissionId;
        this.sourceKind = sourceKind;
        try {
            this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = '" + escape(spillDirectory.toString()) + "'");
                statement.execute("SET preserve_insertion_order = true");
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
