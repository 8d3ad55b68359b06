package org.observatory.bench.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.observatory.schemas.table.StagedRows;

/**
 * DuckDB's floor for the pipeline: read the staged incident rows, count the accepted ones per country, year, national
 * code, sex, age and breakdown (keeping the first source line, as the pipeline does), and write the counts as Parquet
 * partitioned by country, as one {@code COPY} in a new in-memory DuckDB. It loads no Spark class, so that {@link
 * #main} in a fresh JVM is the command line's reference: a process that only does this.
 */
public final class DuckDbReference {
    static final List<String> GROUPS = List.of(
            StagedRows.COUNTRY,
            StagedRows.YEAR,
            StagedRows.NATIONAL_CODE,
            StagedRows.SEX,
            StagedRows.AGE,
            StagedRows.BREAKDOWN_TYPE,
            StagedRows.BREAKDOWN);
    static final String INCIDENTS = "incidents";
    static final String FIRST_LINE = "first_line";

    private DuckDbReference() {}

    /** {@code java -cp ... DuckDbReference OUTPUT SPILL FILE...}: the aggregation, then exit. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 3) {
            System.err.println("usage: DuckDbReference OUTPUT SPILL STAGED-FILE...");
            System.exit(2);
        }
        aggregate(Stream.of(args).skip(2).map(Path::of).toList(), Path.of(args[0]), Path.of(args[1]));
    }

    /** The aggregation as one DuckDB {@code COPY}, in a new in-memory database. */
    public static void aggregate(List<Path> stagedFiles, Path output, Path spill) throws SQLException {
        String files = stagedFiles.stream()
                .map(file -> "'" + escape(file.toString()) + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        String groups = String.join(", ", GROUPS);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET temp_directory = '" + escape(spill.toString()) + "'");
            statement.execute(("COPY (SELECT %s, count(*) AS %s, min(%s) AS %s FROM read_parquet(%s) WHERE %s = '%s'"
                            + " GROUP BY %s) TO '%s' (FORMAT parquet, PARTITION_BY (%s), COMPRESSION snappy)")
                    .formatted(
                            groups,
                            INCIDENTS,
                            StagedRows.SOURCE_LINE,
                            FIRST_LINE,
                            files,
                            StagedRows.STATUS,
                            StagedRows.STATUS_ACCEPTED,
                            groups,
                            escape(output.toString()),
                            StagedRows.COUNTRY));
        }
    }

    static String escape(String text) {
        return text.replace("'", "''");
    }
}
