package org.observatory.schemas.codelist;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.classification.Iccs;

/**
 * The indicator catalogue ({@code codelists/indicators.csv}): code, names and definitions in the four languages, ICCS
 * codes covered, CTS section, unit and formula. Every ICCS code it names must exist in the classification.
 */
public final class IndicatorCatalogue {
    public static final String RESOURCE = "codelists/indicators.csv";
    private static final Set<String> COLUMNS = Set.of(
            "code",
            "name_en",
            "cts_section",
            "iccs_codes",
            "unit",
            "rate_per_100k",
            "source_kinds",
            "definition_en",
            "formula");

    private final Map<String, Indicator> byCode;

    private IndicatorCatalogue(CodelistFile file, Iccs iccs) {
        this.byCode = file.toMap(row -> row.required("code"), row -> indicator(row, iccs));
    }

    public static IndicatorCatalogue load(Iccs iccs) {
        return new IndicatorCatalogue(CodelistFile.fromResource(RESOURCE, COLUMNS), iccs);
    }

    private static Indicator indicator(CodelistFile.Row row, Iccs iccs) {
        List<String> iccsCodes = words(row.optional("iccs_codes"));
        for (String code : iccsCodes) {
            if (iccs.find(code).isEmpty()) {
                throw row.invalid("ICCS code '%s' is not in codelists/iccs.csv; add it there or correct the code"
                        .formatted(code));
            }
        }
        String rate = row.required("rate_per_100k");
        if (!rate.equals("true") && !rate.equals("false")) {
            throw row.invalid("column 'rate_per_100k' must be true or false, not '%s'".formatted(rate));
        }
        try {
            return new Indicator(
                    row.required("code"),
                    row.labels("name"),
                    CtsSection.fromCode(row.required("cts_section")),
                    iccsCodes,
                    row.required("unit"),
                    Boolean.parseBoolean(rate),
                    words(row.required("source_kinds")).stream()
                            .map(SourceKind::fromCliName)
                            .toList(),
                    row.labels("definition"),
                    row.required("formula"));
        } catch (IllegalArgumentException e) {
            throw row.invalid(e.getMessage());
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    public Optional<Indicator> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** All indicators in catalogue order. */
    public List<Indicator> all() {
        return List.copyOf(byCode.values());
    }

    /**
     * The offence indicators a value coded to that ICCS category counts towards (rape counts towards rape and
     * sexual violence).
     */
    public List<Indicator> coveringIccsCode(String iccsCode) {
        return byCode.values().stream()
                .filter(indicator -> indicator.covers(iccsCode))
                .toList();
    }
}
