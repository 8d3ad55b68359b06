package org.observatory.schemas.codelist;

import java.util.Arrays;
import java.util.Locale;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * UN M49 subregions of the Americas, declared in the fixed order in which every multi-country listing groups
 * countries (invariant 5: grouping and codes order countries, values never do). The English, Spanish and French
 * names are the M49 ones: Northern America (Canada and the United States, Mexico being in Central America) is
 * "América septentrional" and "Amérique septentrionale", not "North America"; the Portuguese names are the
 * project's translation, following M49 ({@code codelists/label-sources.csv}).
 */
public enum Subregion {
    NORTHERN_AMERICA(
            "021",
            Labels.of("América septentrional", "Northern America", "América Setentrional", "Amérique septentrionale")),
    CENTRAL_AMERICA("013", Labels.of("Centroamérica", "Central America", "América Central", "Amérique centrale")),
    CARIBBEAN("029", Labels.of("Caribe", "Caribbean", "Caribe", "Caraïbes")),
    SOUTH_AMERICA("005", Labels.of("América del Sur", "South America", "América do Sul", "Amérique du Sud"));

    private final String m49;
    private final Labels names;

    Subregion(String m49, Labels names) {
        this.m49 = m49;
        this.names = names;
    }

    public String m49() {
        return m49;
    }

    /** The subregion's names in the four languages. */
    public Labels names() {
        return names;
    }

    public String nameEn() {
        return names.text(Language.ENGLISH);
    }

    public String nameEs() {
        return names.text(Language.SPANISH);
    }

    /** Parses the English name ({@code Caribbean}) or the constant name ({@code SOUTH_AMERICA}). */
    public static Subregion fromName(String name) {
        String key = name.strip();
        return Arrays.stream(values())
                .filter(value -> value.nameEn().equalsIgnoreCase(key)
                        || value.name().equals(key.toUpperCase(Locale.ROOT).replace(' ', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown subregion '%s'; use one of %s"
                        .formatted(
                                name,
                                Arrays.stream(values()).map(Subregion::nameEn).toList())));
    }
}
