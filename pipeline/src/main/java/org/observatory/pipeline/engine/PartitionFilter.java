package org.observatory.pipeline.engine;

import java.util.List;
import java.util.Set;

/** The rows of some country partitions, as the staged rows and the snapshot tables file them, as a SQL condition. */
final class PartitionFilter {
    /** The partition of rows that name no country. */
    static final String UNKNOWN = "_UNKNOWN";

    private PartitionFilter() {}

    /**
     * {@code country IN (...)}, and for {@value #UNKNOWN} a null, blank or {@code _UNKNOWN} country: a condition
     * both engines run, and Parquet readers push down.
     */
    static String sql(Set<String> partitions) {
        List<String> countries = partitions.stream()
                .filter(partition -> !partition.equals(UNKNOWN))
                .sorted()
                .map(country -> "'" + country.replace("'", "''") + "'")
                .toList();
        String filter = countries.isEmpty() ? "false" : "country IN (" + String.join(", ", countries) + ")";
        if (partitions.contains(UNKNOWN)) {
            filter += " OR country IS NULL OR trim(country) = '' OR country = '" + UNKNOWN + "'";
        }
        return "(" + filter + ")";
    }
}
