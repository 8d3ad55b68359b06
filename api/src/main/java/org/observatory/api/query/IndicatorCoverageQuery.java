package org.observatory.api.query;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.table.SnapshotTables.COUNTRY;
import static org.observatory.schemas.table.SnapshotTables.INDICATORS;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which years each country has values of one indicator for in a snapshot (what the indicator page shows): one
 * DuckDB query over every country partition of the {@code indicators} table, the Parquet files directly in each
 * {@code <snapshot>/indicators/country=XXX/} (a single-level glob, as {@link SnapshotRepository} reads, so in-flight
 * {@code _temporary} files of a writer are never read). It answers years only, never values. One in-memory root connection; each query runs on its own
 * {@code duplicate()} (a DuckDB connection must not be shared between threads).
 */
public final class IndicatorCoverageQuery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndicatorCoverageQuery.class);

    /** The distinct (country, year) pairs of one indicator, by country code and year. */
    static final String COVERAGE_SQL =
            """
            SELECT DISTINCT country, year
            FROM read_parquet(?, hive_partitioning = true)
            WHERE indicator = ?
            ORDER BY country, year
            """;

    private final DuckDBConnection root;

    private IndicatorCoverageQuery(DuckDBConnection root) {
        this.root = root;
    }

    /** Opens the in-memory DuckDB root connection; {@link #close()} releases it. */
    public static IndicatorCoverageQuery open() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            return new IndicatorCoverageQuery(connection.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.INTERNAL_ERROR, "Cannot open an in-memory DuckDB database: " + e.getMessage(), e);
        }
    }

    /** The years one country has values of the indicator for, in increasing order. */
    public record CountryYears(String iso3, List<Integer> years) {
        public CountryYears {
            requireNonNull(iso3, "iso3 is null");
            years = List.copyOf(requireNonNull(years, "years is null"));
            if (years.isEmpty()) {
                throw new IllegalArgumentException(
                        "a country with data for an indicator has at least one year: " + iso3);
            }
        }
    }

    /**
     * The countries with values of the indicator in the snapshot, by country code, each with its years; countries
     * without any are left out. The indicator code is bound as a parameter, so any string is safe to pass.
     */
    public List<CountryYears> yearsByCountry(Snapshot snapshot, String indicator) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(indicator, "indicator is null");
        Path table = snapshot.directory().resolve(INDICATORS.name());
        if (!SnapshotQueries.hasPartitionFiles(table)) {
            return List.of();
        }
        String glob = table + "/" + COUNTRY + "=*/*.parquet";
        Map<String, List<Integer>> years = new LinkedHashMap<>();
        try (Connection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(COVERAGE_SQL)) {
            statement.setString(1, glob);
            statement.setString(2, indicator);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    years.computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                            .add(row.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot query snapshot '%s' in %s: %s"
                            .formatted(snapshot.id(), snapshot.directory(), e.getMessage()),
                    e);
        }
        List<CountryYears> coverage = new ArrayList<>();
        years.forEach((iso3, covered) -> coverage.add(new CountryYears(iso3, covered)));
        return List.copyOf(coverage);
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            LOG.warn("Closing the DuckDB root connection of the coverage query failed", e);
        }
    }
}
