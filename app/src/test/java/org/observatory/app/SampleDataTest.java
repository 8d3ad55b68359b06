package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.observatory.pipeline.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The whole synthetic sample data through ingest and the pipeline, as {@code observatory demo} loads it, and the
 * published indicators table read back with DuckDB: rows are conserved, every value is labelled synthetic, and
 * every rate equals count / population x 100,000 (null, never zero, where no population exists).
 */
class SampleDataTest {
    private static final Path SAMPLE_MANIFEST = Path.of("..").resolve(DemoCommand.SAMPLE_MANIFEST);

    @TempDir
    static Path temporary;

    private static Engine engine;
    private static DataDirectory data;
    private static RunReport report;

    @BeforeAll
    static void loadAndRun() throws Exception {
        Codelists codelists = Codelists.load();
        data = new DataDirectory(temporary.resolve("data"));
        DemoCommand.load(data, codelists, SAMPLE_MANIFEST, new PrintWriter(new StringWriter()));
        engine = TestSupport.duckDb();
        report = new PipelineJob(engine, codelists)
                .run(RunManifests.build(
                        "run-sample",
                        data,
                        new IngestService(data, codelists).acceptedSubmissions(),
                        ApprovalPolicy.AUTOMATIC,
                        Approvals.NONE));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void conservesEveryRowOfTheSampleData() {
        assertThat(report.rowsIn()).isGreaterThan(10_000);
        assertThat(report.rowsIn()).isEqualTo(report.rowsOut() + report.rowsExcludedTotal());
        assertThat(report.rowsExcluded()).containsKey("out-of-scope-country");
    }

    @Test
    void everyRateIsCountOverPopulationTimes100000AndNullWithoutPopulation() throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement statement = duckdb.prepareStatement(
                        """
                        SELECT count(*) AS values_total,
                               count(*) FILTER (WHERE population IS NOT NULL AND count IS NOT NULL) AS with_rate,
                               count(*) FILTER (WHERE population IS NOT NULL AND count IS NOT NULL
                                   AND (rate_per_100k IS NULL
                                        OR abs(rate_per_100k - count / population * 100000)
                                           > 1e-9 * greatest(1, abs(rate_per_100k)))) AS wrong_rates,
                               count(*) FILTER (WHERE population IS NULL AND rate_per_100k IS NOT NULL)
                                   AS rates_without_population,
                               count(*) FILTER (WHERE rate_per_100k = 0 AND count <> 0) AS zero_rates,
                               count(*) FILTER (WHERE NOT synthetic) AS unlabelled,
                               count(DISTINCT country) AS countries
                        FROM read_parquet(?, hive_partitioning = true)
                        """)) {
            statement.setString(1, indicatorFiles());
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong("values_total")).isGreaterThan(5_000);
                assertThat(row.getLong("with_rate")).isGreaterThan(1_000);
                assertThat(row.getLong("wrong_rates"))
                        .as("rates that are not count / population x 100,000: %s", wrongRates(duckdb))
                        .isZero();
                assertThat(row.getLong("rates_without_population")).isZero();
                assertThat(row.getLong("zero_rates")).isZero();
                assertThat(row.getLong("unlabelled"))
                        .as("values not labelled synthetic")
                        .isZero();
                assertThat(row.getLong("countries")).isBetween(30L, 35L);
            }
        }
    }

    private static String indicatorFiles() {
        return data.snapshot(report.snapshotId())
                .resolve("indicators/country=*/*.parquet")
                .toString();
    }

    /** A few offending rows, to say in the failure what is wrong. */
    private static String wrongRates(Connection duckdb) throws Exception {
        try (PreparedStatement statement = duckdb.prepareStatement(
                """
                SELECT country, year, indicator, sex, age, breakdown, count, population, rate_per_100k, unit
                FROM read_parquet(?, hive_partitioning = true)
                WHERE population IS NOT NULL AND count IS NOT NULL
                  AND (rate_per_100k IS NULL
                       OR abs(rate_per_100k - count / population * 100000) > 1e-9 * greatest(1, abs(rate_per_100k)))
                LIMIT 5
                """)) {
            statement.setString(1, indicatorFiles());
            StringBuilder rows = new StringBuilder();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    for (int column = 1; column <= 10; column++) {
                        rows.append(column == 1 ? "\n  " : ", ").append(row.getString(column));
                    }
                }
            }
            return rows.toString();
        }
    }
}
