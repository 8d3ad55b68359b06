package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * An indicator of the catalogue. Its {@code code} is part of the public interface (routes use it). Offence
 * indicators cover a set of ICCS codes; criminal-justice indicators cover every offence (empty list). When
 * {@code ratePer100k} is true the platform computes count / resident population x 100,000. Its names and
 * definitions are in the four languages.
 */
public record Indicator(
        String code,
        Labels names,
        CtsSection ctsSection,
        List<String> iccsCodes,
        String unit,
        boolean ratePer100k,
        List<SourceKind> sourceKinds,
        Labels definitions,
        String formula) {
    public Indicator {
        requireNonNull(code, "code is null");
        requireNonNull(names, "names is null");
        requireNonNull(ctsSection, "ctsSection is null");
        iccsCodes = List.copyOf(requireNonNull(iccsCodes, "iccsCodes is null"));
        requireNonNull(unit, "unit is null");
        sourceKinds = List.copyOf(requireNonNull(sourceKinds, "sourceKinds is null"));
        requireNonNull(definitions, "definitions is null");
        requireNonNull(formula, "formula is null");
        if (!code.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "indicator code '%s' must be lower-case words joined by '-'".formatted(code));
        }
    }

    public String nameEn() {
        return names.text(Language.ENGLISH);
    }

    public String nameEs() {
        return names.text(Language.SPANISH);
    }

    /** The English definition. */
    public String definition() {
        return definitions.text(Language.ENGLISH);
    }

    public String definitionEs() {
        return definitions.text(Language.SPANISH);
    }

    /** True when a value coded to that ICCS category counts towards this indicator. */
    public boolean covers(String iccsCode) {
        return iccsCode != null && iccsCodes.stream().anyMatch(iccsCode::startsWith);
    }
}
