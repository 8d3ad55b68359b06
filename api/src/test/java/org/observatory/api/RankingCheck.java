package org.observatory.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;

/**
 * Finds what invariant 5 forbids in a response: a field named like a rank (rank, position, percentile, top ...),
 * or a list of several countries in an order other than by country code, or by subregion in DESIGN.md's fixed
 * order and by code inside each. Returns the violations found, empty when there is none.
 */
final class RankingCheck {
    /** Field names (lower case, '_' and '-' removed) that say "rank". */
    static final Set<String> RANK_LIKE = Set.of(
            "rank",
            "ranking",
            "ranked",
            "position",
            "percentile",
            "quantile",
            "quartile",
            "decile",
            "top",
            "topn",
            "bottom",
            "best",
            "worst",
            "place");

    private static final Set<String> COUNTRY_FIELDS = Set.of("iso3", "country", "refarea");

    private final Codelists codelists;

    RankingCheck(Codelists codelists) {
        this.codelists = codelists;
    }

    List<String> json(JsonNode body) {
        List<String> violations = new ArrayList<>();
        walk(body, "$", violations);
        return violations;
    }

    /**
     * A page lists countries through its links to their pages ({@code /countries/XXX}, in any language) and its
     * elements marked {@code data-country="XXX"}: in order of appearance they must be by code or by subregion then
     * code; a table header or a column named like a rank is a violation too.
     */
    List<String> html(String body) {
        List<String> violations = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        java.util.regex.Matcher country = java.util.regex.Pattern.compile(
                        "href=\"(?:/[a-z]{2})?/countries/([A-Z]{3})[\"?#/]|data-country=\"([A-Z]{3})\"")
                .matcher(body);
        while (country.find()) {
            String code = country.group(1) != null ? country.group(1) : country.group(2);
            if (codelists.members().isMember(code)) {
                codes.add(code);
            }
        }
        checkOrder(codes, "the page", violations);
        java.util.regex.Matcher header =
                java.util.regex.Pattern.compile("<th[^>]*>([^<]*)</th>").matcher(body);
        while (header.find()) {
            if (RANK_LIKE.contains(normalise(header.group(1).strip()))) {
                violations.add("the page has a rank-like column '%s'"
                        .formatted(header.group(1).strip()));
            }
        }
        return violations;
    }

    List<String> csv(String body) {
        List<String> violations = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(body))) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (RANK_LIKE.contains(normalise(column))) {
                    violations.add("CSV column '%s' is rank-like".formatted(column));
                }
            }
            List<CSVRecord> rows = parser.getRecords();
            for (String column : header) {
                if (!COUNTRY_FIELDS.contains(normalise(column))) {
                    continue;
                }
                // rows without a member-state code in that column (totals, names) are not country rows
                List<String> codes = new ArrayList<>();
                for (CSVRecord row : rows) {
                    member(row.get(column)).ifPresent(codes::add);
                }
                checkOrder(codes, "CSV column " + column, violations);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return violations;
    }

    private void walk(JsonNode node, String where, List<String> violations) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (RANK_LIKE.contains(normalise(field.getKey()))) {
                    violations.add("%s.%s is a rank-like field".formatted(where, field.getKey()));
                }
                walk(field.getValue(), where + "." + field.getKey(), violations);
            });
        } else if (node.isArray()) {
            List<String> codes = new ArrayList<>();
            for (JsonNode element : node) {
                countryCode(element).ifPresent(codes::add);
            }
            if (codes.size() == node.size()) {
                checkOrder(codes, where, violations);
            }
            for (int index = 0; index < node.size(); index++) {
                walk(node.get(index), where + "[" + index + "]", violations);
            }
        }
    }

    /** The member-state code an array element stands for: its iso3/country/REF_AREA field, or itself as a string. */
    private Optional<String> countryCode(JsonNode element) {
        if (element.isTextual()) {
            return member(element.asText());
        }
        if (!element.isObject()) {
            return Optional.empty();
        }
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) element.properties()::iterator) {
            if (COUNTRY_FIELDS.contains(normalise(field.getKey()))
                    && field.getValue().isTextual()) {
                return member(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private Optional<String> member(String code) {
        return codelists.members().find(code).map(MemberState::iso3).filter(code::equals);
    }

    /** Consecutive repeats of a code (rows of one country) count once; then the order must be by code or grouped. */
    private void checkOrder(List<String> codes, String where, List<String> violations) {
        List<String> distinct = new ArrayList<>();
        for (String code : codes) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(code)) {
                distinct.add(code);
            }
        }
        if (distinct.size() < 2) {
            return;
        }
        Comparator<String> byCode = Comparator.naturalOrder();
        Comparator<String> bySubregion = Comparator.<String, Integer>comparing(code ->
                        codelists.members().find(code).orElseThrow().subregion().ordinal())
                .thenComparing(byCode);
        if (!strictlyOrdered(distinct, byCode) && !strictlyOrdered(distinct, bySubregion)) {
            violations.add(
                    "%s lists countries %s, neither by code nor by subregion then code".formatted(where, distinct));
        }
    }

    private static boolean strictlyOrdered(List<String> codes, Comparator<String> order) {
        for (int index = 1; index < codes.size(); index++) {
            if (order.compare(codes.get(index - 1), codes.get(index)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
