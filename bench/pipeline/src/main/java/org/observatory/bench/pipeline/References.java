package org.observatory.bench.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.observatory.schemas.table.StagedRows;

/**
 * The two references the pipeline is measured against, over the same staged incident rows: read the Parquet files,
 * count the accepted incidents per country, year, national code, sex, age and breakdown (keeping the first source
 * line, as the pipeline does), and write the counts as Parquet partitioned by country. Once with bare Spark SQL in
 * the pipeline's own session, once with DuckDB SQL. Neither maps codes, checks conservation or publishes: that
 * difference is what the ratios show.
 */
public final class References {
    static final String INCIDENTS = DuckDbReference.INCIDENTS;
    static final String FIRST_LINE = DuckDbReference.FIRST_LINE;
    private static final List<String> GROUPS = DuckDbReference.GROUPS;

    private References() {}

    /** Bare Spark: read, aggregate, write, in the given session. */
    public static void bareSpark(SparkSession spark, List<Path> stagedFiles, Path output) {
        spark.read()
                .parquet(stagedFiles.stream().map(References::location).toArray(String[]::new))
                .filter(col(StagedRows.STATUS).equalTo(StagedRows.STATUS_ACCEPTED))
                .groupBy(GROUPS.stream().map(name -> col(name)).toArray(org.apache.spark.sql.Column[]::new))
                .agg(
                        count(lit(1)).as(INCIDENTS),
                        min(col(StagedRows.SOURCE_LINE)).as(FIRST_LINE))
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(StagedRows.COUNTRY)
                .parquet(location(output));
    }

    /** The same aggregation in DuckDB ({@link DuckDbReference}), in a new in-memory database. */
    public static void duckDb(List<Path> stagedFiles, Path output, Path spill) throws SQLException {
        DuckDbReference.aggregate(stagedFiles, output, spill);
    }

    /**
     * The rows and the summed incidents of a written aggregate (either reference's), read back with DuckDB: both
     * references must agree on them, and the sum must equal the accepted incidents.
     */
    public static long[] groupsAndIncidents(Path output) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*), sum(" + INCIDENTS + ") FROM read_parquet('"
                        + escape(output.toString()) + "/country=*/*.parquet')")) {
            result.next();
            return new long[] {result.getLong(1), result.getLong(2)};
        }
    }

    private static String location(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    private static String escape(String text) {
        return DuckDbReference.escape(text);
    }
}
