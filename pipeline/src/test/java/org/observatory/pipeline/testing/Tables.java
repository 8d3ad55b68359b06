package org.observatory.pipeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a snapshot table's Parquet files back (with DuckDB, as the API does), for assertions. */
public final class Tables {
    private Tables() {}

    /**
     * The rows of a table directory ({@code <table>/country=XXX/*.parquet}), each a map of column to value, in the
     * order of {@code orderBy} (SQL, e.g. {@code "year, indicator"}); empty when the table has no file.
     */
    public static List<Map<String, Object>> rows(Path table, String orderBy) {
        try (Stream<Path> files = Files.isDirectory(table) ? Files.walk(table) : Stream.empty()) {
            if (files.noneMatch(file -> file.getFileName().toString().endsWith(".parquet"))) {
                return List.of();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String glob = table.resolve("*").resolve("*.parquet").toString().replace("'", "''");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM read_parquet('" + glob
                        + "', hive_partitioning = true, hive_types = {'country': VARCHAR}) ORDER BY " + orderBy)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= columns; column++) {
                    row.put(result.getMetaData().getColumnName(column), result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
        }
    }
}
