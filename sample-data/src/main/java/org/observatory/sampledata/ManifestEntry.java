package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * One line of {@code manifest.csv}, the demo's load order: a file relative to the data directory, its input kind
 * ({@code population}, {@code cts} or {@code national}), the country of a national file and the cycle of a CTS
 * file.
 */
record ManifestEntry(String file, String source, String country, OptionalInt cycle) {
    static final List<String> HEADER = List.of("file", "source", "country", "cycle");

    ManifestEntry {
        requireNonNull(file, "file is null");
        requireNonNull(source, "source is null");
        requireNonNull(country, "country is null");
        requireNonNull(cycle, "cycle is null");
    }

    static ManifestEntry population(String file) {
        return new ManifestEntry(file, "population", "", OptionalInt.empty());
    }

    static ManifestEntry cts(String file, int cycle) {
        return new ManifestEntry(file, "cts", "", OptionalInt.of(cycle));
    }

    static ManifestEntry national(String file, String country) {
        return new ManifestEntry(file, "national", country, OptionalInt.empty());
    }

    List<String> cells() {
        return List.of(file, source, country, cycle.isPresent() ? Integer.toString(cycle.getAsInt()) : "");
    }
}
