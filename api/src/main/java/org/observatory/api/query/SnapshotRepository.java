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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.observatory.schemas.storage.PublishedSnapshots;
import org.observatory.schemas.table.ColumnType;
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
        if (!Files.isDirectory(directory) || !isPublished(snapshotId)) {
            return Optional.empty();
        }
        // A published snapshot never changes, so its manifest is read once.
        Snapshot snapshot = new Snapshot(snapshotId, directory, SnapshotManifests.read(directory));
        Snapshot previous = snapshotsById.putIfAbsent(snapshotId, snapshot);
        return Optional.of(previous == null ? snapshot : previous);
    }

    private boolean isPublished(String snapshotId) {
        try {
            return PublishedSnapshots.isPublished(dataDirectory.warehouse(), snapshotId);
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
    }

    /**
     * The published snapshots (vintages) in the order of publication, the current one last: those {@code
     * warehouse/PUBLISHED} lists and the one {@code CURRENT} names, with the time each was published ({@code
     * PUBLISHED}; for a current snapshot a killed run left out of the log, its manifest's {@code createdAt}).
     * Snapshots whose directory is gone (removed by retention) are left out.
     */
    public List<PublishedSnapshot> publishedSnapshots() {
        Optional<String> current = currentSnapshotId();
        List<PublishedSnapshots.Entry> log;
        try {
            log = PublishedSnapshots.log(dataDirectory.warehouse());
        } catch (UncheckedIOException e) {
            throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
        }
        Map<String, String> publishedAt = new LinkedHashMap<>();
        for (PublishedSnapshots.Entry entry : log) {
            publishedAt.remove(entry.snapshotId());
            publishedAt.put(entry.snapshotId(), entry.publishedAt());
        }
        current.ifPresent(id -> {
            String time = publishedAt.remove(id);
            publishedAt.put(id, time);
        });
        List<PublishedSnapshot> snapshots = new ArrayList<>();
        publishedAt.forEach((id, time) -> {
            Path directory = dataDirectory.snapshot(id);
            if (!Files.isRegularFile(directory.resolve(DataDirectory.SNAPSHOT_MANIFEST))) {
                return;
            }
            Snapshot snapshot = snapshotsById.computeIfAbsent(
                    id, key -> new Snapshot(key, directory, SnapshotManifests.read(directory)));
            String when = time != null ? time : snapshot.manifest().createdAt();
            snapshots.add(new PublishedSnapshot(
                    snapshot, when, current.filter(id::equals).isPresent()));
        });
        return List.copyOf(snapshots);
    }

    /**
     * The snapshot a {@code vintage} names: a published snapshot id, or a date ({@code 2026-11-01}, the snapshot
     * current at the end of that UTC day) or an ISO-8601 time ({@code 2026-11-01T12:00:00Z}, the snapshot current at
     * that moment). Empty when no published snapshot has that id, or none had been published by that time.
     */
    public Optional<Snapshot> vintage(String idOrTime) {
        requireNonNull(idOrTime, "idOrTime is null");
        Optional<Snapshot> byId = published(idOrTime);
        if (byId.isPresent()) {
            return byId;
        }
        Optional<Instant> until = vintageTime(idOrTime);
        if (until.isEmpty()) {
            return Optional.empty();
        }
        Snapshot chosen = null;
        for (PublishedSnapshot published : publishedSnapshots()) {
            Optional<Instant> at = parseInstant(published.publishedAt());
            if (at.isPresent() && !at.get().isAfter(until.get())) {
                chosen = published.snapshot();
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** Whether the text is a date or a time {@link #vintage} reads as one (rather than as a snapshot id). */
    public static boolean isVintageTime(String text) {
        return vintageTime(text).isPresent();
    }

    /**
     * The last instant a date or time vintage covers (the end of its UTC day, or the time itself); empty for text
     * that is neither (a snapshot id). A vintage whose last instant is past names the same snapshot from then on.
     */
    public static Optional<Instant> vintageEnd(String text) {
        return vintageTime(text);
    }

    /** The last instant a date or time vintage covers: the end of a UTC day, or the time itself. */
    private static Optional<Instant> vintageTime(String text) {
        try {
            LocalDate day = LocalDate.parse(text);
            return Optional.of(
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1));
        } catch (DateTimeParseException e) {
            // not a date; maybe a time
        }
        return parseInstant(text);
    }

    private static Optional<Instant> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A published snapshot, when it was published (ISO-8601) and whether it is the current one. */
    public record PublishedSnapshot(Snapshot snapshot, String publishedAt, boolean current) {
        public PublishedSnapshot {
            requireNonNull(snapshot, "snapshot is null");
            requireNonNull(publishedAt, "publishedAt is null");
        }
    }

    /** The data directory this repository serves. */
    public DataDirectory dataDirectory() {
        return dataDirectory;
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
                Files.writeString(file, String.join(",", columns) + "\n", java.nio.charset.StandardCharsets.UTF_8);
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
                .collect(java.util.stream.Collectors.joining(", "));
        String sql = "COPY (SELECT " + selected + " FROM read_parquet("
                + literal(directory + "/" + COUNTRY + "=*/*.parquet")
                + ", hive_partitioning = true) ORDER BY " + order + ") TO " + literal(file.toString())
                + " (FORMAT csv, HEADER true)";
        try (Connection connection = root.duplicate();
                java.sql.Statement statement = connection.createStatement()) {
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
