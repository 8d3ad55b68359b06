package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The national offence codes each country's correspondence table maps (its latest uploaded table, or the default
 * shipped in schemas), looked up once per country. Empty for a country without any table. Safe to share between the
 * threads that validate parts of one file.
 */
public final class KnownNationalCodes {
    private final Function<String, Optional<Set<String>>> loader;
    private final Map<String, Optional<Set<String>>> byCountry = new HashMap<>();

    public KnownNationalCodes(Function<String, Optional<Set<String>>> loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    public synchronized Optional<Set<String>> of(String country) {
        return byCountry.computeIfAbsent(country, loader);
    }
}
