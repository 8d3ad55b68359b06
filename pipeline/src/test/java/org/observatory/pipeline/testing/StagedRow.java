package org.observatory.pipeline.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.table.StagedRows;

/** A staged row for tests, built by column name, as ingest would stage it ({@link StagedRows#SCHEMA}). */
public final class StagedRow {
    private final Map<String, Object> cells = new HashMap<>();

    private StagedRow(String submissionId, String sourceKind, long line, String status) {
        cells.put(StagedRows.SUBMISSION_ID, submissionId);
        cells.put(StagedRows.SOURCE_KIND, sourceKind);
        cells.put(StagedRows.SOURCE_LINE, line);
        cells.put(StagedRows.STATUS, status);
    }

    public static StagedRow accepted(String submissionId, String sourceKind, long line) {
        return new StagedRow(submissionId, sourceKind, line, StagedRows.STATUS_ACCEPTED);
    }

    public static StagedRow skipped(String submissionId, String sourceKind, long line, String reason) {
        return new StagedRow(submissionId, sourceKind, line, StagedRows.STATUS_SKIPPED)
                .with(StagedRows.SKIP_REASON, reason);
    }

    public StagedRow with(String column, Object value) {
        if (!StagedRows.SCHEMA.columnNames().contains(column)) {
            throw new IllegalArgumentException("no staged column " + column);
        }
        cells.put(column, value);
        return this;
    }

    public StagedRow at(String country, int year) {
        return with(StagedRows.COUNTRY, country).with(StagedRows.YEAR, year);
    }

    public StagedRow cts(String indicator, String dimension, String category) {
        return with(StagedRows.CTS_INDICATOR, indicator)
                .with(StagedRows.CTS_DIMENSION, dimension)
                .with(StagedRows.CTS_CATEGORY, category);
    }

    public StagedRow national(String code, String label) {
        return with(StagedRows.NATIONAL_CODE, code).with(StagedRows.NATIONAL_LABEL, label);
    }

    public StagedRow count(double value) {
        return with(StagedRows.UNIT, StagedRows.UNIT_COUNT).with(StagedRows.VALUE, value);
    }

    public StagedRow rate(double value) {
        return with(StagedRows.UNIT, StagedRows.UNIT_REPORTED_RATE).with(StagedRows.VALUE, value);
    }

    public StagedRow incident() {
        return with(StagedRows.UNIT, StagedRows.UNIT_INCIDENT).with(StagedRows.VALUE, 1.0);
    }

    public StagedRow population(double value) {
        return with(StagedRows.UNIT, StagedRows.UNIT_POPULATION).with(StagedRows.VALUE, value);
    }

    public StagedRow correspondence(String code, String label, String iccsCode, String matchQuality) {
        return national(code, label)
                .with(StagedRows.ICCS_CODE, iccsCode)
                .with(StagedRows.MATCH_QUALITY, matchQuality)
                .with(StagedRows.UNIT, StagedRows.UNIT_CORRESPONDENCE);
    }

    /** The row's values in the order of {@link StagedRows#SCHEMA}'s columns (null where not set). */
    public List<Object> values() {
        return StagedRows.SCHEMA.columnNames().stream().map(cells::get).toList();
    }

    /**
     * The rows as a relation of the staged rows' columns named {@code name} (what {@code registerStaged} defines from
     * staged files), for tests that run the SQL without staging files.
     */
    public static org.observatory.pipeline.engine.Relation relation(String name, List<StagedRow> rows) {
        return new org.observatory.pipeline.engine.Relation(
                new org.observatory.schemas.table.TableSchema(name, StagedRows.SCHEMA.columns()),
                rows.stream().map(StagedRow::values).toList());
    }

    public Row toRow() {
        return RowFactory.create(
                StagedRows.SCHEMA.columnNames().stream().map(cells::get).toArray());
    }

    public static Dataset<Row> frame(SparkSession spark, List<StagedRow> rows) {
        return spark.createDataFrame(
                rows.stream().map(StagedRow::toRow).toList(), SparkSchemas.structType(StagedRows.SCHEMA));
    }

    /**
     * Writes {@code <staging>/<submissionId>/rows.parquet} as one Parquet file, the way ingest does (DuckDB's
     * {@code COPY}).
     */
    public static void stage(Path staging, String submissionId, List<StagedRow> rows) {
        requireNonNull(staging, "staging is null");
        Path folder = staging.resolve(submissionId);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            Files.createDirectories(folder);
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE staged " + StagedRows.SCHEMA.duckDbColumnList());
            }
            String placeholders = String.join(
                    ", ",
                    java.util.Collections.nCopies(StagedRows.SCHEMA.columns().size(), "?"));
            try (java.sql.PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO staged VALUES (" + placeholders + ")")) {
                for (StagedRow row : rows) {
                    List<String> names = StagedRows.SCHEMA.columnNames();
                    for (int index = 0; index < names.size(); index++) {
                        insert.setObject(index + 1, row.cells.get(names.get(index)));
                    }
                    insert.addBatch();
                }
                if (!rows.isEmpty()) {
                    insert.executeBatch();
                }
            }
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("COPY staged TO '"
                        + folder.resolve(StagedRows.FILE_NAME).toString().replace("'", "''")
                        + "' (FORMAT parquet)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot stage " + submissionId + ": " + e.getMessage(), e);
        }
    }

    /** {@link #stage(Path, String, List)}; the session is not needed any more. */
    public static void stage(SparkSession spark, Path staging, String submissionId, List<StagedRow> rows) {
        stage(staging, submissionId, rows);
    }
}
