package org.observatory.ingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a test sees of a data directory's staging area: its entries, and staged rows read back with DuckDB. */
public final class StagingArea {
    private StagingArea() {}

    /** Every entry of {@code <data>/staging}, hidden working directories included; empty when there is none. */
    public static List<String> entries(Path data) throws IOException {
        Path staging = data.resolve("staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(staging)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }

    public static String stagedFile(Path data, String submissionId) {
        return data.resolve("staging")
                .resolve(submissionId)
                .resolve("rows.parquet")
                .toString();
    }

    /** The first column of {@code sql}, where {@code %s} stands for the Parquet file. */
    public static List<String> query(String sql, String file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql.formatted(file))) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
