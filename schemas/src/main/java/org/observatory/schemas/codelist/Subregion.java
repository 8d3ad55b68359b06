package org.observatory.schemas.codelist;

import java.util.Arrays;
import java.util.Locale;

/**
 * UN M49 subregions of the Americas, declared in the fixed order in which every multi-country listing groups
 * countries (invariant 5: grouping and codes order countries, values never do).
 */
public enum Subregion {
    NORTHERN_AMERICA("021", "Northern America", "América del Norte"),
    CENTRAL_AMERICA("013", "Central America", "Centroamérica"),
    CARIBBEAN("029", "Caribbean", "Caribe"),
    SOUTH_AMERICA("005", "South America", "América del Sur");

    private final String m49;
    private final String nameEn;
    private final String nameEs;

    Subregion(String m49, String nameEn, String nameEs) {
        this.m49 = m49;
        this.nameEn = nameEn;
        this.nameEs = nameEs;
    }

    public String m49() {
        return m49;
    }

    public String nameEn() {
        return nameEn;
    }

    public String nameEs() {
        return nameEs;
    }

    /** Parses the English name ({@code Caribbean}) or the constant name ({@code SOUTH_AMERICA}). */
    public static Subregion fromName(String name) {
        String key = name.strip();
        return Arrays.stream(values())
                .filter(value -> value.nameEn.equalsIgnoreCase(key)
                        || value.name().equals(key.toUpperCase(Locale.ROOT).replace(' ', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown subregion '%s'; use one of %s"
                        .formatted(
                                name,
                                Arrays.stream(values()).map(Subregion::nameEn).toList())));
    }
}
