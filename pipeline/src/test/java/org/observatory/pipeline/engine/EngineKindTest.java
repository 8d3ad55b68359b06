package org.observatory.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineKindTest {
    @Test
    void namesEachEngineAsTheCommandLineDoes() {
        assertThat(EngineKind.DUCKDB.cliName()).isEqualTo("duckdb");
        assertThat(EngineKind.SPARK.cliName()).isEqualTo("spark");
    }

    @Test
    void findsAnEngineByItsNameIgnoringCaseAndSurroundingSpaces() {
        assertThat(EngineKind.of("duckdb")).contains(EngineKind.DUCKDB);
        assertThat(EngineKind.of(" Spark ")).contains(EngineKind.SPARK);
        assertThat(EngineKind.of("DUCKDB")).contains(EngineKind.DUCKDB);
    }

    @Test
    void findsNoEngineForAnotherNameOrNone() {
        assertThat(EngineKind.of("postgres")).isEmpty();
        assertThat(EngineKind.of("")).isEmpty();
        assertThat(EngineKind.of(null)).isEmpty();
        assertThat(EngineKind.of("duck db")).isEmpty();
    }

    @Test
    void runsOnDuckDbUnlessTheJvmNamesASparkMaster() {
        String before = System.getProperty("spark.master");
        try {
            System.clearProperty("spark.master");
            assertThat(Engines.defaultKind()).isEqualTo(EngineKind.DUCKDB);
            System.setProperty("spark.master", "local[2]");
            assertThat(Engines.defaultKind()).isEqualTo(EngineKind.SPARK);
        } finally {
            if (before == null) {
                System.clearProperty("spark.master");
            } else {
                System.setProperty("spark.master", before);
            }
        }
    }
}
