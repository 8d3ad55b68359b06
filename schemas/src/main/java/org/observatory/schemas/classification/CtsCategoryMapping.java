package org.observatory.schemas.classification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.codelist.CodelistFile;
import org.observatory.schemas.codelist.IndicatorCatalogue;

/**
 * The mapping of dataUNODC category labels to indicators and ICCS ({@code codelists/cts-categories.csv}). Labels
 * are matched ignoring case and surrounding spaces, because releases differ in capitalisation.
 */
public final class CtsCategoryMapping {
    public static final String RESOURCE = "codelists/cts-categories.csv";

    private final List<CtsCategory> categories;
    private final Map<String, CtsCategory> byKey;

    private CtsCategoryMapping(CodelistFile file, Iccs iccs, IndicatorCatalogue indicators) {
        this.byKey = Map.copyOf(file.toMap(
                row -> key(row.required("indicator"), row.required("dimension"), row.required("category")),
                row -> category(row, iccs, indicators)));
        this.categories = file.rows().stream()
                .map(row ->
                        byKey.get(key(row.required("indicator"), row.required("dimension"), row.required("category"))))
                .toList();
    }

    public static CtsCategoryMapping load(Iccs iccs, IndicatorCatalogue indicators) {
        return new CtsCategoryMapping(
                CodelistFile.fromResource(
                        RESOURCE,
                        Set.of(
                                "indicator",
                                "dimension",
                                "category",
                                "indicator_code",
                                "iccs_code",
                                "breakdown_type",
                                "breakdown")),
                iccs,
                indicators);
    }

    private static CtsCategory category(CodelistFile.Row row, Iccs iccs, IndicatorCatalogue indicators) {
        String indicatorCode = row.optional("indicator_code");
        if (!indicatorCode.isEmpty() && indicators.find(indicatorCode).isEmpty()) {
            throw row.invalid("indicator '%s' is not in codelists/indicators.csv".formatted(indicatorCode));
        }
        String iccsCode = row.optional("iccs_code");
        if (!iccsCode.isEmpty() && iccs.find(iccsCode).isEmpty()) {
            throw row.invalid("ICCS code '%s' is not in codelists/iccs.csv".formatted(iccsCode));
        }
        return new CtsCategory(
                row.required("indicator"),
                row.required("dimension"),
                row.required("category"),
                indicatorCode.isEmpty() ? Optional.empty() : Optional.of(indicatorCode),
                iccsCode.isEmpty() ? Optional.empty() : Optional.of(iccsCode),
                row.required("breakdown_type"),
                row.required("breakdown"));
    }

    /** The normalised lookup key of a triple: what the pipeline joins on. */
    public static String key(String indicator, String dimension, String category) {
        return (indicator.strip() + "|" + dimension.strip() + "|" + category.strip()).toLowerCase(Locale.ROOT);
    }

    public Optional<CtsCategory> find(String indicator, String dimension, String category) {
        return Optional.ofNullable(byKey.get(key(indicator, dimension, category)));
    }

    public List<CtsCategory> all() {
        return categories;
    }
}
