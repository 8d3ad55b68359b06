package org.observatory.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.testing.TestEngines;

/** The two engine-specific functions of the SQL, spelled for each engine; DuckDB's spelling run on DuckDB. */
class SqlDialectTest {
    private static final String SQL =
            "SELECT JOINED_DISTINCT(footnote) AS f, JOINED_BY(CASE WHEN c IS NOT NULL THEN label END, c) AS l FROM t";

    @Test
    void spellsTheJoinsForDuckDb() {
        assertThat(SqlDialect.duckDb(SQL))
                .isEqualTo("SELECT nullif(array_to_string(list_sort(list_distinct(list(footnote))), '; '), '') AS f,"
                        + " nullif(array_to_string(list_transform(list_sort(list_filter(list({'k': c, 'x': CASE WHEN c"
                        + " IS NOT NULL THEN label END}), lambda e: e.x IS NOT NULL)), lambda e: e.x), '; '), '') AS l"
                        + " FROM t");
    }

    @Test
    void spellsTheJoinsForSpark() {
        assertThat(SqlDialect.spark(SQL))
                .isEqualTo("SELECT nullif(array_join(array_sort(collect_set(footnote)), '; '), '') AS f,"
                        + " nullif(listagg(CASE WHEN c IS NOT NULL THEN label END, '; ') WITHIN GROUP (ORDER BY c, CASE"
                        + " WHEN c IS NOT NULL THEN label END), '') AS l FROM t");
    }

    @Test
    void leavesOtherSqlAsWritten() {
        String plain = "SELECT min(x), 'JOINED' AS y FROM t WHERE z = '$1'";

        assertThat(SqlDialect.duckDb(plain)).isEqualTo(plain);
        assertThat(SqlDialect.spark(plain)).isEqualTo(plain);
    }

    @Test
    void sparkReadsStandardLiteralsInItsEscapedForm() {
        String sql = "SELECT 'the row''s problem' AS a, 'plain' AS b, '' AS c, 'say \"no\"' AS d,"
                + " regexp_replace(x, '^\\s+', '') AS e FROM t";

        assertThat(SqlDialect.spark(sql))
                .isEqualTo("SELECT 'the row\\'s problem' AS a, 'plain' AS b, '' AS c, 'say \"no\"' AS d,"
                        + " regexp_replace(x, '^\\\\s+', '') AS e FROM t");
        assertThat(SqlDialect.duckDb(sql)).isEqualTo(sql);
    }

    @Test
    void sparkAndDuckDbReadTheTranslatedLiteralsAlike() {
        String sql = "SELECT 'the row''s \\ problem' AS a, regexp_replace(' \t x ', '^\\s+', '') AS b";
        try (Engine duckDb = TestEngines.duckDb();
                Engine spark = TestEngines.spark()) {
            assertThat(spark.query(sql))
                    .isEqualTo(duckDb.query(sql))
                    .containsExactly(List.of("the row's \\ problem", "x "));
        }
    }

    @Test
    void joinsDistinctTextsInOrderAndGivesNullForAGroupWithoutText() {
        try (Engine engine = new DuckDbEngine(Optional.empty(), Path.of(System.getProperty("java.io.tmpdir")))) {
            List<List<Object>> rows = engine.query(
                    "SELECT g, JOINED_DISTINCT(t), JOINED_BY(t, k) FROM (VALUES (1, 'b', 2), (1, 'a', 3), (1, 'b', 1),"
                            + " (2, NULL, 1), (3, '', 1)) v(g, t, k) GROUP BY g ORDER BY g");

            assertThat(rows)
                    .containsExactly(
                            Arrays.asList(1, "a; b", "b; b; a"),
                            Arrays.asList(2, null, null),
                            Arrays.asList(3, null, null));
        }
    }
}
