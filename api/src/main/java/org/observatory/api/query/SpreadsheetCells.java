package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

/**
 * Text cells of the CSV files written for people to open in a spreadsheet ({@code format=csv}, the vintage archive's
 * {@code csv/} files, the response-rate report), made safe from formula injection by the OWASP rule: a text cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a single quote in front, so
 * a spreadsheet shows it as text instead of running it as a formula. Only text columns are neutralised: a numeric
 * column such as a count of -5 stays a number. Machine formats (JSON, Parquet, SDMX-CSV) and files an analyst
 * corrects and uploads again keep every value as it was.
 */
public final class SpreadsheetCells {
    /** The characters that make a spreadsheet read a cell as a formula when they start it. */
    static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetCells() {}

    /** The text with a single quote in front when it starts like a formula; null stays null. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    /**
     * A DuckDB expression that neutralises a text column the same way, named after the column, for a {@code SELECT}
     * list.
     */
    static String neutralisedColumn(String column) {
        requireNonNull(column, "column is null");
        if (!column.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a column name: " + column);
        }
        return "CASE WHEN left(" + column + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || " + column
                + " ELSE " + column + " END AS " + column;
    }
}
