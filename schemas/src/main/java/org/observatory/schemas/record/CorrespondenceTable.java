package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.classification.Iccs;
import org.observatory.schemas.codelist.CodelistFile;

/**
 * A country's correspondence table from national offence codes to ICCS. Defaults ship under
 * {@code correspondence/<ISO3>.csv}; an analyst's upload replaces the country's table from the next run.
 */
public final class CorrespondenceTable {
    public static final Set<String> COLUMNS =
            Set.of("national_code", "national_label", "iccs_code", "match_quality", "note");

    private final String country;
    private final Map<String, CorrespondenceEntry> byNationalCode;

    private CorrespondenceTable(String country, CodelistFile file, Iccs iccs) {
        this.country = requireNonNull(country, "country is null");
        this.byNationalCode =
                Map.copyOf(file.toMap(row -> row.required("national_code"), row -> entry(country, row, iccs)));
    }

    /** The default table shipped for that country, if there is one. */
    public static Optional<CorrespondenceTable> loadDefault(String country, Iccs iccs) {
        String resource = "correspondence/" + country + ".csv";
        InputStream stream = CorrespondenceTable.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            return Optional.empty();
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return Optional.of(new CorrespondenceTable(country, CodelistFile.read(resource, reader, COLUMNS), iccs));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public static CorrespondenceTable load(String country, Path file, Iccs iccs) {
        return new CorrespondenceTable(country, CodelistFile.fromFile(file, COLUMNS), iccs);
    }

    private static CorrespondenceEntry entry(String country, CodelistFile.Row row, Iccs iccs) {
        String iccsCode = row.required("iccs_code");
        if (iccs.find(iccsCode).isEmpty()) {
            throw row.invalid("ICCS code '%s' is not in the classification; use a code from codelists/iccs.csv"
                    .formatted(iccsCode));
        }
        try {
            return new CorrespondenceEntry(
                    country,
                    row.required("national_code"),
                    row.required("national_label"),
                    iccsCode,
                    MatchQuality.fromCode(row.required("match_quality")),
                    row.optional("note"));
        } catch (IllegalArgumentException e) {
            throw row.invalid(e.getMessage());
        }
    }

    public String country() {
        return country;
    }

    public Optional<CorrespondenceEntry> find(String nationalCode) {
        return Optional.ofNullable(nationalCode == null ? null : byNationalCode.get(nationalCode.strip()));
    }

    public List<CorrespondenceEntry> entries() {
        return byNationalCode.values().stream()
                .sorted(java.util.Comparator.comparing(CorrespondenceEntry::nationalCode))
                .toList();
    }
}
