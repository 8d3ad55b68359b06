package org.observatory.ingest.format;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The decimal separator of a file's numbers, detected from every numeric cell ({@link Evidence}) and then used to
 * parse them. {@code 1.234,5} and {@code 1,234.5} are both understood once the separator is known; a value that
 * only makes sense with the other separator is reported, never silently reinterpreted.
 */
public enum DecimalSeparator {
    POINT('.', Pattern.compile("-?\\d+(\\.\\d+)?"), Pattern.compile("-?\\d{1,3}([, ]\\d{3})+(\\.\\d+)?")),
    COMMA(',', Pattern.compile("-?\\d+(,\\d+)?"), Pattern.compile("-?\\d{1,3}([. ]\\d{3})+(,\\d+)?"));

    private static final Pattern POINT_FRACTION = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern COMMA_FRACTION = Pattern.compile("-?\\d+,\\d+");
    private static final Pattern POINT_THOUSANDS_ONLY = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+");
    private static final Pattern COMMA_THOUSANDS_ONLY = Pattern.compile("-?\\d{1,3}(,\\d{3})+");
    private static final Pattern BOTH_COMMA_DECIMAL = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");
    private static final Pattern BOTH_POINT_DECIMAL = Pattern.compile("-?\\d{1,3}(,\\d{3})+\\.\\d+");

    private final char symbol;
    private final Pattern plain;
    private final Pattern grouped;

    DecimalSeparator(char symbol, Pattern plain, Pattern grouped) {
        this.symbol = symbol;
        this.plain = plain;
        this.grouped = grouped;
    }

    public char symbol() {
        return symbol;
    }

    /** The number in {@code text}, or empty when it is not a number written with this separator. */
    public OptionalDouble parse(String text) {
        String value = text.strip();
        String normalised;
        if (plain.matcher(value).matches()) {
            normalised = this == COMMA ? value.replace(',', '.') : value;
        } else if (grouped.matcher(value).matches()) {
            String digits = this == COMMA
                    ? value.replace(".", "").replace(" ", "")
                    : value.replace(",", "").replace(" ", "");
            normalised = this == COMMA ? digits.replace(',', '.') : digits;
        } else {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(normalised));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Counts, over a whole file, the numbers that can only be read one way. */
    public static final class Evidence {
        private long point;
        private long comma;

        public void observe(String text, char delimiter) {
            String value = text.strip();
            if (BOTH_COMMA_DECIMAL.matcher(value).matches()) {
                comma++;
            } else if (BOTH_POINT_DECIMAL.matcher(value).matches()) {
                point++;
            } else if (POINT_FRACTION.matcher(value).matches()
                    && !POINT_THOUSANDS_ONLY.matcher(value).matches()) {
                point++;
            } else if (delimiter != ','
                    && COMMA_FRACTION.matcher(value).matches()
                    && !COMMA_THOUSANDS_ONLY.matcher(value).matches()) {
                comma++;
            }
        }

        /** The separator the file uses: the one with evidence, a point when no cell has a fraction. */
        public DecimalSeparator decide() {
            return comma > point ? COMMA : POINT;
        }

        public long pointCount() {
            return point;
        }

        public long commaCount() {
            return comma;
        }
    }
}
