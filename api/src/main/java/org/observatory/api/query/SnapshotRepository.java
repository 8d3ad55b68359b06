package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.TableSchema;

/**
 * The read side of published snapshots in one place for the web layer: which snapshot to read ({@link
 * SnapshotCatalogue}: {@code CURRENT}, the published vintages, reader leases) and what it holds ({@link
 * SnapshotQueries}: series, coverage, a country's every series, an indicator's years by country, responses, CSV
 * export, changes). Each method says which of the two answers it. A caller resolves its {@link Snapshot} once per request and
 * passes it to every query, so a request finishes on the snapshot it began with. {@link #close()} releases the DuckDB connection.
 */
public final class SnapshotRepository implements AutoCloseable {
    private final SnapshotCatalogue catalogue;
    private final SnapshotQueries queries;

    public SnapshotRepository(SnapshotCatalogue catalogue, SnapshotQueries queries) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    /** A catalogue of the data directory and the queries over its snapshots (an in-memory DuckDB database). */
    public static SnapshotRepository open(DataDirectory dataDirectory, Duration checkInterval) {
        SnapshotCatalogue catalogue = new SnapshotCatalogue(dataDirectory, checkInterval);
        return new SnapshotRepository(catalogue, SnapshotQueries.open());
    }

    public SnapshotCatalogue catalogue() {
        return catalogue;
    }

    public SnapshotQueries queries() {
        return queries;
    }

    /** {@link SnapshotCatalogue#current()}. */
    public Optional<Snapshot> current() {
        return catalogue.current();
    }

    /**
     * {@link SnapshotCatalogue#requireCurrent()}.
     *
     * @throws ObservatoryException {@code NO_SNAPSHOT} when nothing has been published yet
     */
    public Snapshot requireCurrent() {
        return catalogue.requireCurrent();
    }

    /** {@link SnapshotCatalogue#published(String)}. */
    public Optional<Snapshot> published(String snapshotId) {
        return catalogue.published(snapshotId);
    }

    /** {@link SnapshotCatalogue#publishedSnapshots()}. */
    public List<PublishedSnapshot> publishedSnapshots() {
        return catalogue.publishedSnapshots();
    }

    /** {@link SnapshotCatalogue#vintage(String)}. */
    public Optional<Snapshot> vintage(String idOrTime) {
        return catalogue.vintage(idOrTime);
    }

    /** {@link SnapshotCatalogue#isVintageTime(String)}. */
    public static boolean isVintageTime(String text) {
        return SnapshotCatalogue.isVintageTime(text);
    }

    /** {@link SnapshotCatalogue#vintageEnd(String)}. */
    public static Optional<Instant> vintageEnd(String text) {
        return SnapshotCatalogue.vintageEnd(text);
    }

    /** The data directory this repository serves. */
    public DataDirectory dataDirectory() {
        return catalogue.dataDirectory();
    }

    /** {@link SnapshotQueries#coverage(Snapshot, String)}. */
    public List<IndicatorCoverage> coverage(Snapshot snapshot, String iso3) {
        return queries.coverage(snapshot, iso3);
    }

    /** {@link SnapshotQueries#series(Snapshot, SeriesQuery)}. */
    public List<SeriesObservation> series(Snapshot snapshot, SeriesQuery query) {
        return queries.series(snapshot, query);
    }

    /** {@link SnapshotQueries#countrySeries(Snapshot, String)}: every indicator's values of one country at once. */
    public CountrySeries countrySeries(Snapshot snapshot, String iso3) {
        return queries.countrySeries(snapshot, iso3);
    }

    /** {@link SnapshotQueries#yearsByCountry(Snapshot, String)}: the indicator page's coverage. */
    public List<CountryYears> yearsByCountry(Snapshot snapshot, String indicator) {
        return queries.yearsByCountry(snapshot, indicator);
    }

    /** {@link SnapshotQueries#responses(Snapshot)}. */
    public List<ResponseRecord> responses(Snapshot snapshot) {
        return queries.responses(snapshot);
    }

    /** {@link SnapshotQueries#changes(Snapshot, Optional, Optional)}: what the snapshot changed, by country code. */
    public List<ChangeRecord> changes(Snapshot snapshot, Optional<String> iso3, Optional<String> indicator) {
        return queries.changes(snapshot, iso3, indicator);
    }

    /** {@link SnapshotQueries#exportCsv(Snapshot, TableSchema, Path)}. */
    public void exportCsv(Snapshot snapshot, TableSchema table, Path file) {
        queries.exportCsv(snapshot, table, file);
    }

    @Override
    public void close() {
        queries.close();
    }
}
