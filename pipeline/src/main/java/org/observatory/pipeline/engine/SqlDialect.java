package org.observatory.pipeline.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two functions of the pipeline's SQL that DuckDB and Spark spell differently: joining a group's texts in order
 * with {@code '; '}. Everything else in the SQL is text both engines run as written. {@code JOINED_DISTINCT(x)}
 * joins the distinct non-null values of {@code x} in their order; {@code JOINED_BY(x, k)} joins the non-null values
 * of {@code x} in the order of {@code k}, then {@code x}. The arguments hold no parentheses. Both give null for a
 * group without a value (or whose only value is empty). Spark's {@code listagg(DISTINCT ..)} fails when a query
 * holds two of them (Spark 4.1.3: a ClassCastException in planning), so Spark sorts a set instead. Spark reads a
 * backslash in a string literal as an escape, DuckDB as itself: Spark's text has its backslashes doubled.
 */
final class SqlDialect {
    static final String SEPARATOR = "'; '";
    private static final Pattern JOINED_DISTINCT = Pattern.compile("JOINED_DISTINCT\\(([^()]*)\\)");
    private static final Pattern JOINED_BY = Pattern.compile("JOINED_BY\\(([^()]*),\\s*([^(),]*)\\)");

    private SqlDialect() {}

    static String duckDb(String sql) {
        String joined = replace(
                sql, JOINED_DISTINCT, "nullif(string_agg(DISTINCT $1, " + SEPARATOR + " ORDER BY $1), '')");
        return replace(joined, JOINED_BY, "string_agg($1, " + SEPARATOR + " ORDER BY $2, $1)");
    }

    static String spark(String sql) {
        String joined = replace(
                sql, JOINED_DISTINCT, "nullif(array_join(array_sort(collect_set($1)), " + SEPARATOR + "), '')");
        String spelled =
                replace(joined, JOINED_BY, "listagg($1, " + SEPARATOR + ") WITHIN GROUP (ORDER BY $2, $1)");
        // Spark unescapes backslashes in string literals (the only place the SQL has them): '^\s+' must reach it
        // as '^\\s+' to stay the regular expression DuckDB reads
        return spelled.replace("\\", "\\\\");
    }

    private static String replace(String sql, Pattern function, String replacement) {
        Matcher matcher = function.matcher(sql);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String expanded = replacement;
            for (int group = matcher.groupCount(); group >= 1; group--) {
                expanded = expanded.replace("$" + group, matcher.group(group).strip());
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(expanded));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
