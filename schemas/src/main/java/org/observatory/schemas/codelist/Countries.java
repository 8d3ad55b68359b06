package org.observatory.schemas.codelist;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every ISO 3166-1 country (249 entries), so that an unknown code ({@code XYZ}) and a real country outside the
 * deployment's member list ({@code FRA}) can be told apart. Looked up by alpha-3, alpha-2 or M49 code.
 */
public final class Countries {
    public static final String RESOURCE = "codelists/countries.csv";

    private final Map<String, Country> byAlpha3;
    private final Map<String, Country> byAlpha2;
    private final Map<String, Country> byM49;

    private Countries(CodelistFile file) {
        this.byAlpha3 = Map.copyOf(file.toMap(row -> row.required("alpha3"), Countries::country));
        this.byAlpha2 = Map.copyOf(file.toMap(row -> row.required("alpha2"), Countries::country));
        this.byM49 = Map.copyOf(file.toMap(row -> row.required("m49"), Countries::country));
    }

    public static Countries load() {
        return new Countries(CodelistFile.fromResource(RESOURCE, Set.of("alpha3", "alpha2", "m49", "name_en")));
    }

    private static Country country(CodelistFile.Row row) {
        try {
            return new Country(row.required("alpha3"), row.required("alpha2"), row.required("m49"), row.labels("name"));
        } catch (IllegalArgumentException e) {
            throw row.invalid(e.getMessage());
        }
    }

    /** Finds a country by alpha-3, alpha-2 or M49 code, ignoring case and surrounding spaces. */
    public Optional<Country> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.strip().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(byAlpha3.get(key))
                .or(() -> Optional.ofNullable(byAlpha2.get(key)))
                .or(() -> Optional.ofNullable(byM49.get(key)));
    }

    public Collection<Country> all() {
        return List.copyOf(byAlpha3.values());
    }

    public int size() {
        return byAlpha3.size();
    }
}
