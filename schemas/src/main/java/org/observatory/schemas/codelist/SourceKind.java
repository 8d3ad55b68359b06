package org.observatory.schemas.codelist;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of input the platform accepts; the CLI and the API name them by {@link #cliName()}. */
public enum SourceKind {
    /** A dataUNODC long-format export of UN-CTS replies. */
    CTS("cts"),
    /** A national observatory's own submission, aggregated or incident-level. */
    NATIONAL("national"),
    /** Resident population by country and year, the denominator of rates. */
    POPULATION("population"),
    /** SDMX-CSV 1.0 or 2.0 with ICCS-coded series. */
    SDMX_CSV("sdmx-csv"),
    /** A country's correspondence table from national offence codes to ICCS. */
    CORRESPONDENCE("correspondence");

    private final String cliName;

    SourceKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * The kind named {@code name} (any case, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException in English, for names written by the code; a name a person typed goes through
     *     {@link #find} so that the refusal can be said in their language
     */
    public static SourceKind fromCliName(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown source kind '%s'; use one of %s".formatted(name, cliNames())));
    }

    /** The kind named {@code name} (any case, surrounding spaces ignored), if any. */
    public static Optional<SourceKind> find(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.cliName.equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }

    /** The names of the kinds, separated by commas: {@code cts, national, population, sdmx-csv, correspondence}. */
    public static String cliNames() {
        return Arrays.stream(values()).map(SourceKind::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
