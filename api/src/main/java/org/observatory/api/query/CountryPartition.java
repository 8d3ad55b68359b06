package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One country's rows of a snapshot's {@code indicators} table, held in memory ({@link CountryPartitions}) with the
 * files they were read from, in the
 * order the queries answer in: by indicator, then year, then sex, age, breakdown type and breakdown with the total
 * first in each, then source kind and submission. A published snapshot never changes, so the rows are read once per
 * snapshot and country and every series, coverage and country-series question about the country is answered from
 * them, with the semantics of the SQL filters it replaces (a row without a year matches no year range; a dimension
 * filter never matches a missing value).
 */
final class CountryPartition {
    private final PartitionFiles files;
    private final List<Row> rows;

    CountryPartition(PartitionFiles files, List<Row> rows) {
        this.files = requireNonNull(files, "files is null");
        this.rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    /** The files the rows were read from. */
    PartitionFiles files() {
        return files;
    }

    int size() {
        return rows.size();
    }

    /** The observations the query selects, in the partition's order. */
    List<SeriesObservation> series(SeriesQuery query) {
        long from = query.fromYear().isPresent() ? query.fromYear().getAsInt() : Long.MIN_VALUE;
        long to = query.toYear().isPresent() ? query.toYear().getAsInt() : Long.MAX_VALUE;
        List<SeriesObservation> selected = new ArrayList<>();
        for (Row row : rows) {
            if (query.indicator().equals(row.indicator())
                    && row.year() != null
                    && row.year() >= from
                    && row.year() <= to
                    && matches(query.sex(), row.sex())
                    && matches(query.age(), row.age())
                    && matches(query.breakdownType(), row.breakdownType())) {
                selected.add(row.observation());
            }
        }
        return List.copyOf(selected);
    }

    private static boolean matches(Optional<String> filter, String value) {
        return filter.isEmpty() || filter.get().equals(value);
    }

    /** The indicators with values, by code, each with its years (ascending) and whether any value is synthetic. */
    List<IndicatorCoverage> coverage() {
        Map<String, List<Integer>> years = new LinkedHashMap<>();
        Map<String, Boolean> synthetic = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Integer> covered = years.computeIfAbsent(row.indicator(), key -> new ArrayList<>());
            // as the grouped query read them: a missing year reads as 0, and sorts last
            int year = row.year() == null ? 0 : row.year();
            if (covered.isEmpty() || covered.get(covered.size() - 1) != year) {
                covered.add(year);
            }
            synthetic.merge(row.indicator(), Boolean.TRUE.equals(row.synthetic()), Boolean::logicalOr);
        }
        List<IndicatorCoverage> coverage = new ArrayList<>();
        years.forEach((indicator, covered) ->
                coverage.add(new IndicatorCoverage(indicator, covered, synthetic.get(indicator))));
        return List.copyOf(coverage);
    }

    /** Every indicator's observations (every year, every disaggregation), by indicator code. */
    CountrySeries countrySeries(String iso3) {
        Map<String, List<SeriesObservation>> byIndicator = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.indicator() != null && row.year() != null) {
                byIndicator
                        .computeIfAbsent(row.indicator(), key -> new ArrayList<>())
                        .add(row.observation());
            }
        }
        List<IndicatorSeries> indicators = new ArrayList<>();
        byIndicator.forEach((indicator, observations) -> indicators.add(new IndicatorSeries(indicator, observations)));
        return new CountrySeries(iso3, indicators);
    }

    /** One row as read: every column of the {@code indicators} table but the country, each possibly missing. */
    record Row(
            String indicator,
            Integer year,
            String sex,
            String age,
            String breakdownType,
            String breakdown,
            Double count,
            Double ratePer100k,
            Double population,
            String populationSource,
            Double reportedRate,
            String unit,
            String obsStatus,
            String obsConf,
            String footnote,
            String source,
            String sourceKind,
            String nationalCode,
            String nationalLabel,
            String matchQuality,
            String caveat,
            String submissionId,
            Boolean synthetic) {
        SeriesObservation observation() {
            return new SeriesObservation(
                    year == null ? 0 : year,
                    sex,
                    age,
                    breakdownType,
                    breakdown,
                    count,
                    ratePer100k,
                    population,
                    populationSource,
                    reportedRate,
                    unit,
                    obsStatus,
                    obsConf,
                    footnote,
                    source,
                    sourceKind,
                    nationalCode,
                    nationalLabel,
                    matchQuality,
                    caveat,
                    submissionId,
                    Boolean.TRUE.equals(synthetic));
        }
    }
}
