package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An indicator of the catalogue. Its {@code code} is part of the public interface (routes use it). Offence
 * indicators cover a set of ICCS codes; criminal-justice indicators cover every offence (empty list). When
 * {@code ratePer100k} is true the platform computes count / resident population x 100,000. The {@code definition}
 * is in English, {@code definitionEs} its Spanish translation.
 */
public record Indicator(
        String code,
        String nameEn,
        String nameEs,
        CtsSection ctsSection,
        List<String> iccsCodes,
        String unit,
        boolean ratePer100k,
        List<SourceKind> sourceKinds,
        String definition,
        String definitionEs,
        String formula) {
    public Indicator {
        requireNonNull(code, "code is null");
        requireNonNull(nameEn, "nameEn is null");
        requireNonNull(nameEs, "nameEs is null");
        requireNonNull(ctsSection, "ctsSection is null");
        iccsCodes = List.copyOf(requireNonNull(iccsCodes, "iccsCodes is null"));
        requireNonNull(unit, "unit is null");
        sourceKinds = List.copyOf(requireNonNull(sourceKinds, "sourceKinds is null"));
        requireNonNull(definition, "definition is null");
        requireNonNull(definitionEs, "definitionEs is null");
        requireNonNull(formula, "formula is null");
        if (!code.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "indicator code '%s' must be lower-case words joined by '-'".formatted(code));
        }
    }

    /** True when a value coded to that ICCS category counts towards this indicator. */
    public boolean covers(String iccsCode) {
        return iccsCode != null && iccsCodes.stream().anyMatch(iccsCode::startsWith);
    }
}
