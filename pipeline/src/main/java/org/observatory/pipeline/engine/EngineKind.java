package org.observatory.pipeline.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The engines a run can use, by the name the command line and the settings file give them. */
public enum EngineKind {
    /** DuckDB in-process: the default on one machine (the demo, a national observatory, API-started runs). */
    DUCKDB("duckdb"),
    /** Spark SQL: {@code local[*]}, or the cluster {@code spark-submit} names. */
    SPARK("spark");

    private final String cliName;

    EngineKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The engine of a name ({@code duckdb}, {@code spark}; case and surrounding spaces ignored). */
    public static Optional<EngineKind> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(kind -> kind.cliName.equals(wanted)).findFirst();
    }
}
