package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.observatory.api.query.CountrySeries;
import org.observatory.api.query.IndicatorCoverage;
import org.observatory.api.query.SeriesQuery;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The read path without HTTP and without the response cache, in the benchmark's JVM: on each snapshot a fresh
 * {@link SnapshotRepository} (what a server has right after a snapshot switch: nothing of that snapshot read yet)
 * <ol>
 *   <li>fetches one country's page data: {@code countrySeries} (every indicator, national totals and
 *       disaggregations) and {@code coverage} (its indicator list), timed together; the country changes with each
 *       snapshot;
 *   <li>then, in another fresh repository, answers every country x indicator series query (national totals, the
 *       series route's default) in the benchmark's shuffled order, timing each; the first query of each country
 *       in a snapshot is also reported apart (it reads the country's partition).
 * </ol>
 * Once, after the rounds: the heap that every country's rows of one snapshot take in a repository (used heap after
 * a full collection, with and without them).
 */
final class QueryLatency {
    /** Goal of issue 15 for the median uncached series query. */
    static final double SERIES_GOAL_MILLIS = 2;
    /** Goal of issue 15 for a country page's data on a snapshot nothing has read yet. */
    static final double COUNTRY_PAGE_GOAL_MILLIS = 100;

    private QueryLatency() {}

    /** What was measured. */
    record Result(
            List<Double> seriesMillis,
            List<Double> firstOfCountryMillis,
            List<Double> countryPageMillis,
            long heldRows,
            long heldBytes) {
        Result {
            seriesMillis = List.copyOf(seriesMillis);
            firstOfCountryMillis = List.copyOf(firstOfCountryMillis);
            countryPageMillis = List.copyOf(countryPageMillis);
        }
    }

    /** One series query: a country and an indicator. */
    record Series(String iso3, String indicator) {
        Series {
            requireNonNull(iso3, "iso3 is null");
            requireNonNull(indicator, "indicator is null");
        }
    }

    static Result measure(DataDirectory data, List<String> snapshotIds, List<String> countries, List<Series> series) {
        List<Double> seriesMillis = new ArrayList<>();
        List<Double> firstOfCountry = new ArrayList<>();
        List<Double> countryPage = new ArrayList<>();
        for (int round = 0; round < snapshotIds.size(); round++) {
            String snapshotId = snapshotIds.get(round);
            String country = countries.get(round % countries.size());
            try (SnapshotRepository repository = open(data)) {
                Snapshot snapshot = snapshot(repository, snapshotId);
                long start = System.nanoTime();
                CountrySeries page = repository.countrySeries(snapshot, country);
                List<IndicatorCoverage> indicators = repository.coverage(snapshot, country);
                countryPage.add((System.nanoTime() - start) / 1e6);
                if (page.indicators().isEmpty()
                        || indicators.size() != page.indicators().size()) {
                    throw new IllegalStateException("%s of snapshot %s: %d indicators with series, %d covered"
                            .formatted(country, snapshotId, page.indicators().size(), indicators.size()));
                }
            }
            try (SnapshotRepository repository = open(data)) {
                Snapshot snapshot = snapshot(repository, snapshotId);
                Set<String> seen = new HashSet<>();
                for (Series one : series) {
                    long start = System.nanoTime();
                    int values = repository
                            .series(snapshot, SeriesQuery.nationalTotals(one.iso3(), one.indicator()))
                            .size();
                    double millis = (System.nanoTime() - start) / 1e6;
                    if (values == 0) {
                        throw new IllegalStateException("%s has no values in snapshot %s".formatted(one, snapshotId));
                    }
                    seriesMillis.add(millis);
                    if (seen.add(one.iso3())) {
                        firstOfCountry.add(millis);
                    }
                }
            }
        }
        long[] held = heldByOneSnapshot(data, snapshotIds.get(snapshotIds.size() - 1), countries);
        return new Result(seriesMillis, firstOfCountry, countryPage, held[0], held[1]);
    }

    /** The rows, and the heap in bytes, every country's page data of one snapshot holds in a repository. */
    private static long[] heldByOneSnapshot(DataDirectory data, String snapshotId, List<String> countries) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (SnapshotRepository repository = open(data)) {
            Snapshot snapshot = snapshot(repository, snapshotId);
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            for (String country : countries) {
                repository.countrySeries(snapshot, country);
            }
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            return new long[] {repository.queries().heldRows(), Math.max(0, after - before)};
        }
    }

    private static SnapshotRepository open(DataDirectory data) {
        return SnapshotRepository.open(data, Duration.ofSeconds(1));
    }

    private static Snapshot snapshot(SnapshotRepository repository, String snapshotId) {
        return repository
                .published(snapshotId)
                .orElseThrow(() -> new IllegalStateException("snapshot %s is not published".formatted(snapshotId)));
    }
}
