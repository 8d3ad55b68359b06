package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.api.query.IndicatorSeries;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.SeriesQuery;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;

/**
 * What the country page reads from a snapshot, in one place: the national totals of every indicator a country has
 * values for, and one disaggregated series on request. Only that country's partition is read, so the page cannot
 * show another country's values.
 */
final class CountryData {
    private final SnapshotRepository repository;

    CountryData(SnapshotRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** The national totals of each indicator with values for the country, by indicator code (code order). */
    Map<String, List<SeriesObservation>> nationalTotals(Snapshot snapshot, String iso3) {
        // one read of the country's partition per snapshot (SnapshotRepository#countrySeries), then from memory
        Map<String, List<SeriesObservation>> totals = new LinkedHashMap<>();
        for (IndicatorSeries indicator :
                repository.countrySeries(snapshot, iso3).indicators()) {
            List<SeriesObservation> series = indicator.nationalTotals();
            if (!series.isEmpty()) {
                totals.put(indicator.indicator(), series);
            }
        }
        return totals;
    }

    /** The values of one indicator the query selects (a disaggregation). */
    List<SeriesObservation> series(Snapshot snapshot, SeriesQuery query) {
        return repository.series(snapshot, query);
    }
}
