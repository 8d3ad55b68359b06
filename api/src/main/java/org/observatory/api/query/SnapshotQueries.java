package org.observatory.api.query;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.table.SnapshotTables.CHANGES;
import static org.observatory.schemas.table.SnapshotTables.COUNTRY;
import static org.observatory.schemas.table.SnapshotTables.INDICATORS;
import static org.observatory.schemas.table.SnapshotTables.RESPONSES;
import static org.observatory.schemas.table.SnapshotTables.YEAR;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.ColumnType;
import org.observatory.schemas.table.TableSchema;
import org.observatory.schemas.text.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The questions the API asks of a published snapshot's tables, answered with DuckDB over the snapshot's partitioned
 * Parquet files (one in-memory root connection for every question; each query on its own {@code duplicate()}, since
 * a DuckDB connection must not be shared between threads). The SQL is written out below; every value is bound as a
 * parameter, and callers pass country codes already validated against the member list.
 *
 * <p>Series and coverage questions read a country's partition of the {@code indicators} table, {@code
 * <snapshot>/indicators/country=XXX/*.parquet} (a single-level glob, so in-flight {@code _temporary} files of a
 * writer are never read), once per snapshot: its rows are kept in memory ({@link CountryPartitions}, up to {@link
 * #DEFAULT_ROW_BUDGET} rows, least recently used first out) and every later question about that country in that
 * snapshot is answered from them without DuckDB, after a listing of the partition's directory that shows its files
 * are still the ones read ({@link PartitionFiles}). Opening, globbing and planning a Parquet query costs
 * milliseconds; listing a directory and filtering a few hundred rows in memory, microseconds.
 *
 * <p>Every table is read through {@link #relation}: the columns of the current schema, each null where the snapshot's
 * Parquet files lack it, so a vintage written before a column existed stays readable (a column a vintage lacks reads
 * as null), and files of one table that differ in their columns (partitions carried over from older runs) are read
 * together by column name.
 */
public final class SnapshotQueries implements AutoCloseable {
    /**
     * The rows of the {@code indicators} table held in memory at most by default: about 50 MiB at about 200 bytes a
     * row; a generated snapshot of 35 countries x 20 indicators x 10 years with sex and mechanism breakdowns holds
     * 31,500, the demo's far fewer.
     */
    public static final long DEFAULT_ROW_BUDGET = 250_000;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotQueries.class);
    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

    /**
     * One country's partition of the {@code indicators} table, every column but the country, in the order series
     * are answered in: by indicator and year, then the total before the disaggregations of each dimension.
     */
    static final String COUNTRY_INDICATORS_SQL =
            """
            SELECT indicator, year, sex, age, breakdown_type, breakdown,
                   count, rate_per_100k, population, population_source, reported_rate, unit,
                   obs_status, obs_conf, footnote, source, source_kind,
                   national_code, national_label, match_quality, caveat, submission_id, synthetic
            FROM %s
            ORDER BY indicator, year,
                     sex <> '_T', sex,
                     age <> '_T', age,
                     breakdown_type <> '_T', breakdown_type,
                     breakdown <> '_T', breakdown,
                     source_kind, submission_id
            """
                    .formatted(relation(INDICATORS, "?"));

    /**
     * The distinct (country, year) pairs of one indicator over every country partition of the {@code indicators}
     * table, by country code and year: years only, never values.
     */
    static final String INDICATOR_YEARS_SQL =
            """
            SELECT DISTINCT country, year
            FROM %s
            WHERE indicator = ?
            ORDER BY country, year
            """
                    .formatted(relation(INDICATORS, "?"));

    /** The whole {@code responses} table, summed over reference years: a few rows per country, cycle, indicator. */
    static final String RESPONSES_SQL =
            """
            SELECT country, cycle, submission_id, accepted_at, indicator,
                   sum(value_count) AS value_count,
                   bool_or(coalesce(synthetic, false)) AS synthetic
            FROM %s
            WHERE cycle IS NOT NULL AND indicator IS NOT NULL
            GROUP BY country, cycle, submission_id, accepted_at, indicator
            ORDER BY country, cycle, submission_id, indicator
            """
                    .formatted(relation(RESPONSES, "?"));

    /**
     * The {@code changes} table, or one country's partition of it, optionally of one indicator (bound twice: null
     * for every indicator), by country code, indicator, year and disaggregation: never by the size of a change.
     */
    static final String CHANGES_SQL =
            """
            SELECT country, year, indicator, sex, age, breakdown_type, breakdown, change,
                   old_count, new_count, old_rate_per_100k, new_rate_per_100k,
                   old_reported_rate, new_reported_rate, old_submission_id, new_submission_id
            FROM %s
            WHERE (CAST(? AS VARCHAR) IS NULL OR indicator = ?)
            ORDER BY country, indicator, year, sex, age, breakdown_type, breakdown, change
            """
                    .formatted(relation(CHANGES, "?"));

    /**
     * A whole table as CSV: the select list, the glob of every partition, the order and the file are filled in as
     * SQL text ({@code COPY} takes no bound parameters), all of them the server's own (column names of the schema,
     * paths under the data directory), never a request's.
     */
    static final String EXPORT_CSV_SQL =
            """
            COPY (SELECT %s FROM %s ORDER BY %s)
            TO %s (FORMAT csv, HEADER true)
            """;

    /**
     * A table of a snapshot as a SQL relation with every column of its current schema, typed as the schema says:
     * the Parquet files the source names (a bound {@code ?} or a literal glob), read by column name ({@code
     * union_by_name}), united by name with an empty relation of the schema's columns, so a column the files lack
     * reads as null. Columns the files have beyond the schema are kept; the queries select the ones they read.
     * DuckDB pushes projections and filters down into the Parquet read and drops the empty side.
     */
    static String relation(TableSchema table, String source) {
        String typedNulls = table.columns().stream()
                .map(column -> "CAST(NULL AS %s) AS %s".formatted(column.type().duckDbType(), column.name()))
                .collect(Collectors.joining(", "));
        return ("(SELECT %s WHERE false UNION ALL BY NAME SELECT * FROM read_parquet(%s, hive_partitioning = true,"
                        + " union_by_name = true))")
                .formatted(typedNulls, source);
    }

    private final DuckDBConnection root;
    private final CountryPartitions partitions;

    private SnapshotQueries(DuckDBConnection root, long rowBudget) {
        this.root = root;
        this.partitions = new CountryPartitions(rowBudget, this::readCountryIndicators);
    }

    /** Opens the in-memory DuckDB root connection with the default row budget; {@link #close()} releases it. */
    public static SnapshotQueries open() {
        return open(DEFAULT_ROW_BUDGET);
    }

    /** Opens the in-memory DuckDB root connection, holding at most that many indicator rows in memory. */
    public static SnapshotQueries open(long rowBudget) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            return new SnapshotQueries(connection.unwrap(DuckDBConnection.class), rowBudget);
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.INTERNAL_ERROR, "Cannot open an in-memory DuckDB database: " + e.getMessage(), e);
        }
    }

    /** The indicators with values for that country in the snapshot, ordered by indicator code, with their years. */
    public List<IndicatorCoverage> coverage(Snapshot snapshot, String iso3) {
        requireNonNull(snapshot, "snapshot is null");
        return partition(snapshot, iso3).coverage();
    }

    /**
     * The values of one indicator for one country in the snapshot, ordered by year, then by sex, age, breakdown
     * type and breakdown with the total first in each; empty when the country has no such values.
     */
    public List<SeriesObservation> series(Snapshot snapshot, SeriesQuery query) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(query, "query is null");
        return partition(snapshot, query.iso3()).series(query);
    }

    /**
     * Every indicator's values for one country in the snapshot, national totals and every disaggregation, in one
     * read (what a country page shows): per indicator the same observations, in the same order, as {@link #series}
     * with no filter. The first question about a country in a snapshot reads its partition; later ones are answered
     * from memory.
     */
    public CountrySeries countrySeries(Snapshot snapshot, String iso3) {
        requireNonNull(snapshot, "snapshot is null");
        return partition(snapshot, iso3).countrySeries(iso3);
    }

    private CountryPartition partition(Snapshot snapshot, String iso3) {
        if (iso3 == null || !ISO3.matcher(iso3).matches()) {
            throw new IllegalArgumentException("iso3 must be a validated member-state code, not " + iso3);
        }
        Path directory = snapshot.directory().resolve(INDICATORS.name()).resolve(COUNTRY + "=" + iso3);
        return partitions.partition(snapshot, iso3, PartitionFiles.list(directory));
    }

    /** The indicator rows held in memory now, over every snapshot and country. */
    public long heldRows() {
        return partitions.heldRows();
    }

    private CountryPartition readCountryIndicators(Snapshot snapshot, PartitionFiles files) {
        // Codes, units and sources repeat on every row: one String each per partition.
        Map<String, String> texts = new HashMap<>();
        List<CountryPartition.Row> rows = query(
                snapshot,
                COUNTRY_INDICATORS_SQL,
                statement -> statement.setString(1, files.glob()),
                row -> new CountryPartition.Row(
                        text(row, 1, texts),
                        nullableInteger(row, 2),
                        text(row, 3, texts),
                        text(row, 4, texts),
                        text(row, 5, texts),
                        text(row, 6, texts),
                        nullableDouble(row, 7),
                        nullableDouble(row, 8),
                        nullableDouble(row, 9),
                        text(row, 10, texts),
                        nullableDouble(row, 11),
                        text(row, 12, texts),
                        text(row, 13, texts),
                        text(row, 14, texts),
                        text(row, 15, texts),
                        text(row, 16, texts),
                        text(row, 17, texts),
                        text(row, 18, texts),
                        text(row, 19, texts),
                        text(row, 20, texts),
                        text(row, 21, texts),
                        text(row, 22, texts),
                        (Boolean) row.getObject(23)));
        return new CountryPartition(files, rows);
    }

    private static String text(ResultSet row, int column, Map<String, String> texts) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : texts.computeIfAbsent(value, same -> same);
    }

    private static Integer nullableInteger(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : ((Number) value).intValue();
    }

    private static Double nullableDouble(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    /**
     * Which years each country has values of one indicator for in the snapshot (what the indicator page shows), by
     * country code; countries without any are left out. One DuckDB query over every country partition (a
     * single-level glob per partition); the indicator code is bound as a parameter, so any string is safe to pass.
     */
    public List<CountryYears> yearsByCountry(Snapshot snapshot, String indicator) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(indicator, "indicator is null");
        Path table = snapshot.directory().resolve(INDICATORS.name());
        if (!hasPartitionFiles(table)) {
            return List.of();
        }
        String glob = table + "/" + COUNTRY + "=*/*.parquet";
        Map<String, List<Integer>> years = new LinkedHashMap<>();
        query(
                        snapshot,
                        INDICATOR_YEARS_SQL,
                        statement -> {
                            statement.setString(1, glob);
                            statement.setString(2, indicator);
                        },
                        row -> Map.entry(row.getString(1), row.getInt(2)))
                .forEach(pair -> years.computeIfAbsent(pair.getKey(), key -> new ArrayList<>())
                        .add(pair.getValue()));
        List<CountryYears> coverage = new ArrayList<>();
        years.forEach((iso3, covered) -> coverage.add(new CountryYears(iso3, covered)));
        return List.copyOf(coverage);
    }

    /**
     * Every row of the snapshot's {@code responses} table (who answered which UN-CTS cycle with which indicator),
     * summed over reference years and ordered by country, cycle, submission and indicator; empty when the table has
     * no rows.
     *
     * @throws ObservatoryException {@code NOT_FOUND} when the snapshot was published before the pipeline wrote a
     *     {@code responses} table
     */
    public List<ResponseRecord> responses(Snapshot snapshot) {
        requireNonNull(snapshot, "snapshot is null");
        Path table = snapshot.directory().resolve(RESPONSES.name());
        if (!Files.isDirectory(table)) {
            throw new ObservatoryException(
                    ErrorCode.NOT_FOUND,
                    Message.of(ApiMessage.NO_RESPONSES_TABLE, "snapshot", snapshot.id(), "table", RESPONSES.name()));
        }
        if (!hasPartitionFiles(table)) {
            return List.of();
        }
        String glob = table + "/" + COUNTRY + "=*/*.parquet";
        return query(
                snapshot,
                RESPONSES_SQL,
                statement -> statement.setString(1, glob),
                row -> new ResponseRecord(
                        row.getString(1),
                        row.getInt(2),
                        row.getString(3),
                        instant(snapshot, row.getString(4), row.getString(3)),
                        row.getString(5),
                        row.getLong(6),
                        row.getBoolean(7)));
    }

    /**
     * The rows of the snapshot's {@code changes} table (what it revised, added and withdrew against the previous
     * snapshot), of one country and one indicator when given, ordered by country code, indicator, year, sex, age,
     * breakdown type and breakdown; empty when the table (or the country's partition) has no rows.
     *
     * @param iso3 a member-state code already validated against the member list, or empty for every country
     * @param indicator an indicator code (bound as a parameter), or empty for every indicator
     * @throws ObservatoryException {@code CHANGES_NOT_RECORDED} when the snapshot was published before the pipeline
     *     wrote a {@code changes} table
     */
    public List<ChangeRecord> changes(Snapshot snapshot, Optional<String> iso3, Optional<String> indicator) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(iso3, "iso3 is null");
        requireNonNull(indicator, "indicator is null");
        Path table = snapshot.directory().resolve(CHANGES.name());
        if (!Files.isDirectory(table)) {
            throw new ObservatoryException(
                    ErrorCode.CHANGES_NOT_RECORDED,
                    Message.of(ApiMessage.CHANGES_NOT_RECORDED, "snapshot", snapshot.id(), "table", CHANGES.name()));
        }
        String partitions = COUNTRY + "="
                + iso3.map(code -> {
                            if (!ISO3.matcher(code).matches()) {
                                throw new IllegalArgumentException(
                                        "iso3 must be a validated member-state code, not " + code);
                            }
                            return code;
                        })
                        .orElse("*");
        if (!hasPartitionFiles(table, partitions)) {
            return List.of();
        }
        String glob = table + "/" + partitions + "/*.parquet";
        return query(
                snapshot,
                CHANGES_SQL,
                statement -> {
                    statement.setString(1, glob);
                    statement.setString(2, indicator.orElse(null));
                    statement.setString(3, indicator.orElse(null));
                },
                row -> change(snapshot, row));
    }

    private static ChangeRecord change(Snapshot snapshot, ResultSet row) throws SQLException {
        Integer year = nullableInteger(row, 2);
        try {
            if (year == null) {
                throw new IllegalArgumentException("year is null");
            }
            return new ChangeRecord(
                    row.getString(1),
                    year,
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6),
                    row.getString(7),
                    row.getString(8),
                    nullableDouble(row, 9),
                    nullableDouble(row, 10),
                    nullableDouble(row, 11),
                    nullableDouble(row, 12),
                    nullableDouble(row, 13),
                    nullableDouble(row, 14),
                    row.getString(15),
                    row.getString(16));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "The %s table of snapshot '%s' holds a row the API cannot read (%s); publish the snapshot again"
                            .formatted(CHANGES.name(), snapshot.id(), e.getMessage()),
                    e);
        }
    }

    private static Instant instant(Snapshot snapshot, String text, String submissionId) {
        if (text == null) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("The responses table of snapshot '%s' has no acceptance time for submission %s; give it an"
                                    + " acceptedAt in the run manifest and run the pipeline again")
                            .formatted(snapshot.id(), submissionId));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("The responses table of snapshot '%s' gives submission %s the acceptance time '%s', which is not"
                                    + " an ISO-8601 time; correct the run manifest's acceptedAt and run the pipeline"
                                    + " again")
                            .formatted(snapshot.id(), submissionId, text),
                    e);
        }
    }

    /**
     * Writes one whole table of the snapshot as CSV (UTF-8, header, ordered by country) to the file, replacing it;
     * a table without rows gives the header alone. The file is for people: text cells that start like a formula are
     * neutralised ({@link SpreadsheetCells}); numeric columns are written as they are.
     */
    public void exportCsv(Snapshot snapshot, TableSchema table, Path file) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(table, "table is null");
        requireNonNull(file, "file is null");
        List<String> columns =
                table.columns().stream().map(column -> column.name()).toList();
        Path directory = snapshot.directory().resolve(table.name());
        boolean hasRows = Files.isDirectory(directory) && hasPartitionFiles(directory);
        try {
            if (!hasRows) {
                Files.writeString(file, String.join(",", columns) + "\n", StandardCharsets.UTF_8);
                return;
            }
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot write %s: %s".formatted(file, e.getMessage()), e);
        }
        String order = columns.contains(YEAR) ? COUNTRY + ", " + YEAR : COUNTRY;
        String selected = table.columns().stream()
                .map(column -> column.type() == ColumnType.STRING
                        ? SpreadsheetCells.neutralisedColumn(column.name())
                        : column.name())
                .collect(Collectors.joining(", "));
        String sql = EXPORT_CSV_SQL.formatted(
                selected,
                relation(table, literal(directory + "/" + COUNTRY + "=*/*.parquet")),
                order,
                literal(file.toString()));
        try (Connection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot export table %s of snapshot '%s': %s"
                            .formatted(table.name(), snapshot.id(), e.getMessage()),
                    e);
        }
    }

    /** A SQL string literal (COPY takes no bound parameters); the paths are the server's own. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Whether any {@code country=XXX/} directory of the table holds a Parquet file (DuckDB fails on an empty glob). */
    static boolean hasPartitionFiles(Path table) {
        return hasPartitionFiles(table, COUNTRY + "=*");
    }

    /** Whether a partition directory of the table, {@code country=XXX} or every one ({@code country=*}), holds Parquet. */
    private static boolean hasPartitionFiles(Path table, String partitionName) {
        if (!Files.isDirectory(table)) {
            return false;
        }
        String prefix = partitionName.endsWith("*") ? partitionName.substring(0, partitionName.length() - 1) : null;
        try (Stream<Path> partitions = Files.list(table)) {
            return partitions
                    .filter(partition -> prefix == null
                            ? partition.getFileName().toString().equals(partitionName)
                            : partition.getFileName().toString().startsWith(prefix))
                    .anyMatch(partition -> {
                        try (Stream<Path> files = Files.list(partition)) {
                            return files.anyMatch(
                                    file -> file.getFileName().toString().endsWith(".parquet"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot list %s: %s".formatted(table, e.getMessage()), e);
        }
    }

    private <T> List<T> query(Snapshot snapshot, String sql, Parameters parameters, RowMapper<T> mapper) {
        try (Connection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot query snapshot '%s' in %s: %s"
                            .formatted(snapshot.id(), snapshot.directory(), e.getMessage()),
                    e);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            LOG.warn("Closing the DuckDB root connection failed", e);
        }
    }

    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
