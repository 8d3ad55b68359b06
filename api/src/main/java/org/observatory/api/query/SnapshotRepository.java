package org.observatory.api.query;

import static java.util.Objects.requireNonNull;
import static org.observatory.schemas.table.SnapshotTables.ACCEPTED_AT;
import static org.observatory.schemas.table.SnapshotTables.AGE;
import static org.observatory.schemas.table.SnapshotTables.BREAKDOWN;
import static org.observatory.schemas.table.SnapshotTables.BREAKDOWN_TYPE;
import static org.observatory.schemas.table.SnapshotTables.CAVEAT;
import static org.observatory.schemas.table.SnapshotTables.COUNT;
import static org.observatory.schemas.table.SnapshotTables.COUNTRY;
import static org.observatory.schemas.table.SnapshotTables.CYCLE;
import static org.observatory.schemas.table.SnapshotTables.FOOTNOTE;
import static org.observatory.schemas.table.SnapshotTables.INDICATOR;
import static org.observatory.schemas.table.SnapshotTables.INDICATORS;
import static org.observatory.schemas.table.SnapshotTables.MATCH_QUALITY;
import static org.observatory.schemas.table.SnapshotTables.NATIONAL_CODE;
import static org.observatory.schemas.table.SnapshotTables.NATIONAL_LABEL;
import static org.observatory.schemas.table.SnapshotTables.OBS_CONF;
import static org.observatory.schemas.table.SnapshotTables.OBS_STATUS;
import static org.observatory.schemas.table.SnapshotTables.POPULATION;
import static org.observatory.schemas.table.SnapshotTables.POPULATION_SOURCE;
import static org.observatory.schemas.table.SnapshotTables.RATE_PER_100K;
import static org.observatory.schemas.table.SnapshotTables.REPORTED_RATE;
import static org.observatory.schemas.table.SnapshotTables.RESPONSES;
import static org.observatory.schemas.table.SnapshotTables.SEX;
import static org.observatory.schemas.table.SnapshotTables.SOURCE;
import static org.observatory.schemas.table.SnapshotTables.SOURCE_KIND;
import static org.observatory.schemas.table.SnapshotTables.SUBMISSION_ID;
import static org.observatory.schemas.table.SnapshotTables.SYNTHETIC;
import static org.observatory.schemas.table.SnapshotTables.UNIT;
import static org.observatory.schemas.table.SnapshotTables.VALUE_COUNT;
import static org.observatory.schemas.table.SnapshotTables.YEAR;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads published snapshots with DuckDB. It holds one in-memory root connection and runs every query on a
 * {@code duplicate()} of it (a DuckDB connection must not be shared between threads). It re-reads
 * {@code warehouse/CURRENT} at most once per check interval, so a newly published snapshot is served without a
 * restart; a caller resolves its {@link Snapshot} once per request and passes it to every query, so a request
 * finishes on the snapshot it began with.
 *
 * <p>Queries read one country partition, {@code <snapshot>/<table>/country=XXX/*.parquet} (a single-level glob, so
 * in-flight {@code _temporary} files of a writer are never read), and bind every value as a parameter. Callers pass
 * country codes already validated against the member list.
 */
public final class SnapshotRepository implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRepository.class);
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

    private static final String FROM_PARTITION = " FROM read_parquet(?, hive_partitioning = true)";

    private static final String COVERAGE_SQL = "SELECT " + INDICATOR + ", " + YEAR
            + ", bool_or(coalesce(" + SYNTHETIC + ", false)) AS any_synthetic"
            + FROM_PARTITION
            + " GROUP BY " + INDICATOR + ", " + YEAR
            + " ORDER BY " + INDICATOR + ", " + YEAR;

    private static final List<String> SERIES_COLUMNS = List.of(
            YEAR,
            SEX,
            AGE,
            BREAKDOWN_TYPE,
            BREAKDOWN,
            COUNT,
            RATE_PER_100K,
            POPULATION,
            POPULATION_SOURCE,
            REPORTED_RATE,
            UNIT,
            OBS_STATUS,
            OBS_CONF,
            FOOTNOTE,
            SOURCE,
            SOURCE_KIND,
            NATIONAL_CODE,
            NATIONAL_LABEL,
            MATCH_QUALITY,
            CAVEAT,
            SUBMISSION_ID,
            SYNTHETIC);

    // Filters are constant SQL; values are bound. "(? OR sex = ?)": the first parameter is true for "all".
    // Within a year, totals (_T) come before the disaggregations of each dimension.
    private static final String SERIES_SQL = "SELECT " + String.join(", ", SERIES_COLUMNS)
            + FROM_PARTITION
            + " WHERE " + INDICATOR + " = ?"
            + " AND " + YEAR + " >= ? AND " + YEAR + " <= ?"
            + " AND (? OR " + SEX + " = ?)"
            + " AND (? OR " + AGE + " = ?)"
            + " AND (? OR " + BREAKDOWN_TYPE + " = ?)"
            + " ORDER BY " + YEAR
            + ", " + SEX + " <> '_T', " + SEX
            + ", " + AGE + " <> '_T', " + AGE
            + ", " + BREAKDOWN_TYPE + " <> '_T', " + BREAKDOWN_TYPE
            + ", " + BREAKDOWN + " <> '_T', " + BREAKDOWN
            + ", " + SOURCE_KIND + ", " + SUBMISSION_ID;

    // The whole table, summed over reference years: a few rows per country, cycle and indicator.
    private static final String RESPONSES_SQL = "SELECT " + COUNTRY + ", " + CYCLE + ", " + SUBMISSION_ID + ", "
            + ACCEPTED_AT + ", " + INDICATOR + ", sum(" + VALUE_COUNT + ") AS " + VALUE_COUNT
            + ", bool_or(coalesce(" + SYNTHETIC + ", false)) AS " + SYNTHETIC
            + FROM_PARTITION
            + " WHERE " + CYCLE + " IS NOT NULL AND " + INDICATOR + " IS NOT NULL"
            + " GROUP BY " + COUNTRY + ", " + CYCLE + ", " + SUBMISSION_ID + ", " + ACCEPTED_AT + ", " + INDICATOR
            + " ORDER BY " + COUNTRY + ", " + CYCLE + ", " + SUBMISSION_ID + ", " + INDICATOR;

    private final DataDirectory dataDirectory;
    private final long checkIntervalNanos;
    private final DuckDBConnection root;
    private final Object checkLock = new Object();
    private final ConcurrentMap<String, Snapshot> snapshotsById = new ConcurrentHashMap<>();
    private volatile CurrentCheck lastCheck;

    private SnapshotRepository(DataDirectory dataDirectory, Duration checkInterval, DuckDBConnection root) {
        this.dataDirectory = dataDirectory;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.root = root;
    }

    /** Opens the in-memory DuckDB root connection; {@link #close()} releases it. */
    public static SnapshotRepository open(DataDirectory dataDirectory, Duration checkInterval) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(checkInterval, "checkInterval is null");
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            return new SnapshotRepository(dataDirectory, checkInterval, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.INTERNAL_ERROR, "Cannot open an in-memory DuckDB database: " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot {@code warehouse/CURRENT} names, or empty when nothing has been published yet. {@code CURRENT}
     * is re-read when the last read is older than the check interval.
     *
     * @throws ObservatoryException {@code STORAGE_FAILURE} when {@code CURRENT} cannot be read or names a snapshot
     *     that does not exist or has no manifest
     */
    public Optional<Snapshot> current() {
        return currentSnapshotId().map(id -> published(id)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        "%s names snapshot '%s', but %s does not exist; publish it or correct CURRENT"
                                .formatted(dataDirectory.currentPointer(), id, dataDirectory.snapshot(id)))));
    }

    /** The current snapshot; fails with {@code NO_SNAPSHOT} when nothing has been published yet. */
    public Snapshot requireCurrent() {
        return current()
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NO_SNAPSHOT,
                        "No snapshot has been published yet, so there is no data to serve; run the pipeline"
                                + " ('observatory pipeline run') to publish one"));
    }

    /**
     * A published snapshot (a vintage) by id, or empty when no snapshot has that id. Any string is safe to pass:
     * ids that are not snapshot-id shaped are simply not found.
     */
    public Optional<Snapshot> published(String snapshotId) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            return Optional.empty();
        }
        Snapshot cached = snapshotsById.get(snapshotId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path directory = dataDirectory.snapshot(snapshotId);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        // A published snapshot never changes, so its manifest is read once.
        Snapshot snapshot = new Snapshot(snapshotId, directory, SnapshotManifests.read(directory));
        Snapshot previous = snapshotsById.putIfAbsent(snapshotId, snapshot);
        return Optional.of(previous == null ? snapshot : previous);
    }

    private Optional<String> currentSnapshotId() {
        CurrentCheck check = lastCheck;
        if (check == null || System.nanoTime() - check.checkedAtNanos() >= checkIntervalNanos) {
            synchronized (checkLock) {
                check = lastCheck;
                if (check == null || System.nanoTime() - check.checkedAtNanos() >= checkIntervalNanos) {
                    Optional<String> id = readCurrentPointer();
                    if (check == null || !check.snapshotId().equals(id)) {
                        LOG.info("Serving snapshot {}", id.orElse("(none published yet)"));
                    }
                    check = new CurrentCheck(id, System.nanoTime());
                    lastCheck = check;
                }
            }
        }
        return check.snapshotId();
    }

    private Optional<String> readCurrentPointer() {
        Optional<String> id;
        try {
            id = dataDirectory.currentSnapshotId();
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
        if (id.isPresent() && !SNAPSHOT_ID.matcher(id.get()).matches()) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "%s holds '%s', which is not a snapshot id (letters, digits, '.', '_' and '-'); correct CURRENT"
                            .formatted(dataDirectory.currentPointer(), id.get()));
        }
        return id;
    }

    /** The indicators with values for that country in the snapshot, ordered by indicator code, with their years. */
    public List<IndicatorCoverage> coverage(Snapshot snapshot, String iso3) {
        requireNonNull(snapshot, "snapshot is null");
        Optional<String> partition = partitionGlob(snapshot, INDICATORS, iso3);
        if (partition.isEmpty()) {
            return List.of();
        }
        Map<String, List<Integer>> years = new LinkedHashMap<>();
        Map<String, Boolean> synthetic = new LinkedHashMap<>();
        query(snapshot, COVERAGE_SQL, statement -> statement.setString(1, partition.get()), row -> {
            String indicator = row.getString(1);
            years.computeIfAbsent(indicator, key -> new ArrayList<>()).add(row.getInt(2));
            synthetic.merge(indicator, row.getBoolean(3), Boolean::logicalOr);
            return null;
        });
        List<IndicatorCoverage> coverage = new ArrayList<>();
        years.forEach((indicator, covered) ->
                coverage.add(new IndicatorCoverage(indicator, covered, synthetic.get(indicator))));
        return List.copyOf(coverage);
    }

    /**
     * The values of one indicator for one country in the snapshot, ordered by year, then by sex, age, breakdown
     * type and breakdown with the total first in each; empty when the country has no such values.
     */
    public List<SeriesObservation> series(Snapshot snapshot, SeriesQuery query) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(query, "query is null");
        Optional<String> partition = partitionGlob(snapshot, INDICATORS, query.iso3());
        if (partition.isEmpty()) {
            return List.of();
        }
        return query(
                snapshot,
                SERIES_SQL,
                statement -> {
                    int parameter = 1;
                    statement.setString(parameter++, partition.get());
                    statement.setString(parameter++, query.indicator());
                    statement.setInt(parameter++, query.fromYear().orElse(Integer.MIN_VALUE));
                    statement.setInt(parameter++, query.toYear().orElse(Integer.MAX_VALUE));
                    for (Optional<String> filter : List.of(query.sex(), query.age(), query.breakdownType())) {
                        statement.setBoolean(parameter++, filter.isEmpty());
                        statement.setString(parameter++, filter.orElse(""));
                    }
                },
                SnapshotRepository::observation);
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
                    ("Snapshot '%s' has no %s table: it was published before response-rate reports existed; run the"
                                    + " pipeline ('observatory pipeline run') to publish a snapshot that has one")
                            .formatted(snapshot.id(), RESPONSES.name()));
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
                        row.getString(COUNTRY),
                        row.getInt(CYCLE),
                        row.getString(SUBMISSION_ID),
                        instant(snapshot, row.getString(ACCEPTED_AT), row.getString(SUBMISSION_ID)),
                        row.getString(INDICATOR),
                        row.getLong(VALUE_COUNT),
                        row.getBoolean(SYNTHETIC)));
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

    /** Whether any {@code country=XXX/} directory of the table holds a Parquet file. */
    private static boolean hasPartitionFiles(Path table) {
        try (Stream<Path> partitions = Files.list(table)) {
            return partitions
                    .filter(partition -> partition.getFileName().toString().startsWith(COUNTRY + "="))
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

    private static SeriesObservation observation(ResultSet row) throws SQLException {
        return new SeriesObservation(
                row.getInt(YEAR),
                row.getString(SEX),
                row.getString(AGE),
                row.getString(BREAKDOWN_TYPE),
                row.getString(BREAKDOWN),
                nullableDouble(row, COUNT),
                nullableDouble(row, RATE_PER_100K),
                nullableDouble(row, POPULATION),
                row.getString(POPULATION_SOURCE),
                nullableDouble(row, REPORTED_RATE),
                row.getString(UNIT),
                row.getString(OBS_STATUS),
                row.getString(OBS_CONF),
                row.getString(FOOTNOTE),
                row.getString(SOURCE),
                row.getString(SOURCE_KIND),
                row.getString(NATIONAL_CODE),
                row.getString(NATIONAL_LABEL),
                row.getString(MATCH_QUALITY),
                row.getString(CAVEAT),
                row.getString(SUBMISSION_ID),
                Boolean.TRUE.equals(row.getObject(SYNTHETIC)));
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** The single-level glob of one country's partition, or empty when the snapshot has no file for it. */
    private static Optional<String> partitionGlob(Snapshot snapshot, TableSchema table, String iso3) {
        if (iso3 == null || !ISO3.matcher(iso3).matches()) {
            throw new IllegalArgumentException("iso3 must be a validated member-state code, not " + iso3);
        }
        Path partition = snapshot.directory().resolve(table.name()).resolve(COUNTRY + "=" + iso3);
        if (!Files.isDirectory(partition)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(partition)) {
            if (files.noneMatch(file -> file.getFileName().toString().endsWith(".parquet"))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot list %s: %s".formatted(partition, e.getMessage()), e);
        }
        return Optional.of(partition + "/*.parquet");
    }

    private <T> List<T> query(Snapshot snapshot, String sql, Parameters parameters, RowMapper<T> mapper) {
        try (Connection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    T row = mapper.map(result);
                    if (row != null) {
                        rows.add(row);
                    }
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

    private record CurrentCheck(Optional<String> snapshotId, long checkedAtNanos) {
        CurrentCheck {
            Objects.requireNonNull(snapshotId, "snapshotId is null");
        }
    }
}
