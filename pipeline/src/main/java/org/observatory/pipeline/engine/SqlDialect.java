package org.observatory.pipeline.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two functions of the pipeline's SQL that DuckDB and Spark spell differently: joining a group's texts in order
 * with {@code '; '}. Everything else in the SQL is text both engines run as written. {@code JOINED_DISTINCT(x)}
 * joins the distinct non-null values of {@code x} in their order; {@code JOINED_BY(x, k)} joins the non-null values
 * of {@code x} in the order of {@code k}, then {@code x}. The arguments hold no parentheses. Both give null for a
 * group without a value (or whose only value is empty). Spark's {@code listagg(DISTINCT ..)} fails when a query
 * holds two of them (Spark 4.1.3: a ClassCastException in planning), so Spark sorts a set instead; DuckDB sorts a
 * list of the distinct values too (several times faster than its {@code string_agg(DISTINCT .. ORDER BY ..)}). String
 * literals are written as the SQL standard and DuckDB read them (a backslash is a backslash, {@code ''} a quote);
 * Spark reads backslash escapes in literals, so its literals are translated ({@link #spark}).
 */
final class SqlDialect {
    static final String SEPARATOR = "'; '";
    private static final Pattern JOINED_DISTINCT = Pattern.compile("JOINED_DISTINCT\\(([^()]*)\\)");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern JOINED_BY = Pattern.compile("JOINED_BY\\(([^()]*),\\s*([^(),]*)\\)");

    private SqlDialect() {}

    static String duckDb(String sql) {
        String joined = replace(
                sql,
                JOINED_DISTINCT,
                "nullif(array_to_string(list_sort(list_distinct(list($1))), " + SEPARATOR + "), '')");
        return replace(
                joined,
                JOINED_BY,
                "nullif(array_to_string(list_transform(list_sort(list_filter(list({'k': $2, 'x': $1}),"
                        + " lambda e: e.x IS NOT NULL)), lambda e: e.x), " + SEPARATOR + "), '')");
    }

    static String spark(String sql) {
        String joined =
                replace(sql, JOINED_DISTINCT, "nullif(array_join(array_sort(collect_set($1)), " + SEPARATOR + "), '')");
        return quotesInLiterals(replace(
                joined, JOINED_BY, "nullif(listagg($1, " + SEPARATOR + ") WITHIN GROUP (ORDER BY $2, $1), '')"));
    }

    /**
     * Standard SQL literals as Spark reads them: Spark takes a backslash as an escape and does not know the doubled
     * quote, so {@code '^\s+'} becomes {@code '^\\s+'} and {@code 'row''s'} becomes {@code 'row\'s'}.
     */
    private static String quotesInLiterals(String sql) {
        Matcher matcher = LITERAL.matcher(sql);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String text = matcher.group(1).replace("''", "'");
            String literal = "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
            matcher.appendReplacement(result, Matcher.quoteReplacement(literal));
        }
        matcher.appendTail(result);
        return result.toString();
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
