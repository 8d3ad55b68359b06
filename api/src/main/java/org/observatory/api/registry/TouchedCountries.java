package org.observatory.api.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the audit entry of an upload says of the countries its rows touch: the submission's accepted countries, the
 * member states whose rows passed their checks ({@code countries} of its validation report) and those whose rows
 * were refused as not the declared country's ({@code rowsOfOtherCountries}), with how many rows each.
 */
final class TouchedCountries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TouchedCountries() {}

    /**
     * The suffix of the audit detail, e.g. {@code "; countries touched: COL (2 rows refused as not MEX's), MEX"};
     * empty when the upload touches no country or only the one it declares.
     */
    static String describe(SubmissionRecord upload) {
        SortedSet<String> touched = new TreeSet<>(upload.countries());
        SortedMap<String, Long> refused = new TreeMap<>();
        try {
            JsonNode report = JSON.readTree(upload.reportJson());
            report.path("countries").forEach(country -> touched.add(country.asText()));
            report.path("rowsOfOtherCountries").fields().forEachRemaining(rows -> {
                touched.add(rows.getKey());
                refused.put(rows.getKey(), rows.getValue().asLong());
            });
        } catch (JsonProcessingException e) {
            // a report that is not JSON names no country; the submission's own countries are named all the same
        }
        if (touched.isEmpty() || (upload.country() != null && touched.equals(Set.of(upload.country())))) {
            return "";
        }
        return touched.stream()
                .map(country -> refused.containsKey(country) ? refusal(country, refused, upload.country()) : country)
                .collect(Collectors.joining(", ", "; countries touched: ", ""));
    }

    private static String refusal(String country, Map<String, Long> refused, String declared) {
        long rows = refused.get(country);
        return "%s (%d row%s refused as not %s's)".formatted(country, rows, rows == 1 ? "" : "s", declared);
    }
}
