package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The country partitions of a snapshot ({@code <table>/country=XXX}): every output of an input row lands in the
 * partition of the row's country, or in {@value #UNKNOWN} when the row names none. Nothing a run computes crosses
 * partitions (revisions, correspondence tables, populations and indicators are all per country), which is what lets
 * an incremental run recompute some partitions and carry the others over.
 */
public final class Partitions {
    /** The partition of rows that name no country (only exclusions land there). */
    public static final String UNKNOWN = "_UNKNOWN";

    private Partitions() {}

    /**
     * Whether a row's partition is one of {@code partitions}, written so that Parquet readers can push it down
     * ({@code country IN (...)}, and {@code country IS NULL} for {@value #UNKNOWN}).
     */
    public static Column isIn(Column country, Collection<String> partitions) {
        List<String> countries = partitions.stream()
                .filter(partition -> !partition.equals(UNKNOWN))
                .sorted()
                .toList();
        Column in = countries.isEmpty() ? lit(false) : country.isin(countries.toArray());
        if (partitions.contains(UNKNOWN)) {
            in = in.or(country.isNull()).or(trim(country).equalTo(""));
        }
        return in;
    }

    /** The partition of a row: its country, or {@value #UNKNOWN} when the country is null or blank. */
    public static Column of(Column country) {
        return when(country.isNull().or(trim(country).equalTo("")), lit(UNKNOWN))
                .otherwise(country);
    }
}
