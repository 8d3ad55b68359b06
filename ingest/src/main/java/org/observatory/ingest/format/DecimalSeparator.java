package org.observatory.ingest.format;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.observatory.ingest.IngestMessage;
import org.observatory.schemas.text.Message;

/**
 * The decimal separator of a file's numbers, detected from every numeric cell ({@link Evidence}) and then used to
 * parse them. {@code 1.234,5} and {@code 1,234.5} are both understood once the separator is known; a value that
 * only makes sense with the other separator is reported, never silently reinterpreted.
 *
 * <p>With the point, {@code ,} and spaces group thousands ({@code 1,234.5}, {@code 1 234.5}); with the comma,
 * {@code .} and spaces do ({@code 1.234,5}, {@code 1 234,5}). Spaces include the no-break spaces that French and
 * Spanish spreadsheets write. A group never starts with 0: {@code 0.250} is a fraction, never 250.
 */
public enum DecimalSeparator {
    POINT(
            '.',
            Pattern.compile("-?\\d+(\\.\\d+)?"),
            Pattern.compile("-?[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?|-?[1-9]\\d{0,2}([ \\u00A0\\u202F]\\d{3})+(\\.\\d+)?")),
    COMMA(
            ',',
            Pattern.compile("-?\\d+(,\\d+)?"),
            Pattern.compile("-?[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?|-?[1-9]\\d{0,2}([ \\u00A0\\u202F]\\d{3})+(,\\d+)?"));

    /** {@code 1.5}, {@code 1234.567}, {@code 0.250}: only a decimal point reads them. */
    private static final Pattern POINT_FRACTION = Pattern.compile("-?\\d+\\.\\d+");
    /** {@code 1,5}, {@code 1234,567}, {@code 0,250}: only a decimal comma reads them. */
    private static final Pattern COMMA_FRACTION = Pattern.compile("-?\\d+,\\d+");
    /** {@code 1.234}, {@code 12.500}: a fraction with a point, or a whole number with points grouping thousands. */
    private static final Pattern AMBIGUOUS_POINT = Pattern.compile("-?[1-9]\\d{0,2}\\.\\d{3}");
    /** {@code 1,234}, {@code 12,500}: a fraction with a comma, or a whole number with commas grouping thousands. */
    private static final Pattern AMBIGUOUS_COMMA = Pattern.compile("-?[1-9]\\d{0,2},\\d{3}");
    /** {@code 1.234.567} and {@code 1.234,5}: points group thousands, so the comma is the decimal separator. */
    private static final Pattern POINT_GROUPED =
            Pattern.compile("-?[1-9]\\d{0,2}(\\.\\d{3}){2,}|-?[1-9]\\d{0,2}(\\.\\d{3})+,\\d+");
    /** {@code 1,234,567} and {@code 1,234.5}: commas group thousands, so the point is the decimal separator. */
    private static final Pattern COMMA_GROUPED =
            Pattern.compile("-?[1-9]\\d{0,2}(,\\d{3}){2,}|-?[1-9]\\d{0,2}(,\\d{3})+\\.\\d+");

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
        // the common shapes, read without a regex: digits, or digits around this separator
        char shape = shape(value);
        if (shape == INTEGER && value.length() - (value.charAt(0) == '-' ? 1 : 0) <= 15) {
            return OptionalDouble.of(wholeNumber(value));
        }
        if (shape == INTEGER || shape == symbol) {
            return OptionalDouble.of(Double.parseDouble(shape == ',' ? value.replace(',', '.') : value));
        }
        String normalised;
        if (plain.matcher(value).matches()) {
            normalised = this == COMMA ? value.replace(',', '.') : value;
        } else if (grouped.matcher(value).matches()) {
            String digits = value.replace(this == COMMA ? "." : ",", "")
                    .replace(" ", "")
                    .replace("\u00A0", "")
                    .replace("\u202F", "");
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

    /**
     * The value of {@code -?\d+} with at most 15 digits, exactly the double {@link Double#parseDouble} gives (every
     * whole number below 10^15 is a double; {@code -0} is negative zero), without its general parsing.
     */
    private static double wholeNumber(String value) {
        boolean negative = value.charAt(0) == '-';
        long number = 0;
        for (int index = negative ? 1 : 0; index < value.length(); index++) {
            number = number * 10 + (value.charAt(index) - '0');
        }
        return negative ? -(double) number : (double) number;
    }

    /** The shape of a number of digits only ({@code -?\d+}). */
    private static final char INTEGER = 'i';
    /** The shape of anything but {@code -?\d+}, {@code -?\d+\.\d+} and {@code -?\d+,\d+}. */
    private static final char OTHER = 'o';

    /**
     * {@link #INTEGER} for {@code -?\d+}, {@code .} for {@code -?\d+\.\d+}, {@code ,} for {@code -?\d+,\d+} (ASCII
     * digits, as {@code \d} in the patterns), {@link #OTHER} for anything else.
     */
    private static char shape(String value) {
        int length = value.length();
        int index = length > 0 && value.charAt(0) == '-' ? 1 : 0;
        int digitsBefore = 0;
        while (index < length && isDigit(value.charAt(index))) {
            index++;
            digitsBefore++;
        }
        if (digitsBefore == 0) {
            return OTHER;
        }
        if (index == length) {
            return INTEGER;
        }
        char separator = value.charAt(index);
        if (separator != '.' && separator != ',') {
            return OTHER;
        }
        int digitsAfter = 0;
        for (index++; index < length; index++) {
            if (!isDigit(value.charAt(index))) {
                return OTHER;
            }
            digitsAfter++;
        }
        return digitsAfter == 0 ? OTHER : separator;
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    /**
     * Whether {@code -?\d+[.,]\d+} (of {@link #shape} {@code .} or {@code ,}) is also {@code -?[1-9]\d{0,2}[.,]\d{3}}: a
     * whole number with thousands grouped as much as a fraction.
     */
    private static boolean groupsThousands(String value) {
        int start = value.charAt(0) == '-' ? 1 : 0;
        int separator = Math.max(value.indexOf('.'), value.indexOf(','));
        int before = separator - start;
        return before >= 1 && before <= 3 && value.charAt(start) != '0' && value.length() - separator - 1 == 3;
    }

    /** The separator a file of this delimiter uses when none of its numbers shows it: see {@link Evidence#decide}. */
    public static DecimalSeparator conventionFor(char delimiter) {
        return delimiter == ';' ? COMMA : POINT;
    }

    /**
     * Collects, over a whole file, the numbers that can only be read one way, and decides the file's separator:
     *
     * <ul>
     *   <li>a point is shown by {@code 2.5}, {@code 1234.567}, {@code 1,234.5} and {@code 1,234,567}; a comma by
     *       {@code 2,5}, {@code 1234,567}, {@code 1.234,5} and {@code 1.234.567};
     *   <li>{@code 1,234} and {@code 1.234} show nothing (a fraction with three decimals, or a whole number with
     *       thousands grouped): they are read with the separator the rest of the file shows;
     *   <li>when no number shows it, the convention of the delimiter decides: a comma in {@code ;} files (spreadsheets
     *       write {@code ;} exactly where the comma is the decimal separator), a point in {@code ,} and tab files;
     *   <li>when the file shows both, the majority decides (a tie: the convention) and {@link #inconsistency} names
     *       the first line of the minority form. Every value of the minority form also fails to parse with the
     *       decided separator, so the row validators report each one with its line and column.
     * </ul>
     */
    public static final class Evidence {
        private final Form point = new Form();
        private final Form comma = new Form();
        private final Form ambiguous = new Form();
        private char delimiter = ',';
        private boolean observed;

        /** Observes one cell whose line is not known; prefer {@link #observe(String, char, long)}. */
        public void observe(String text, char delimiter) {
            observe(text, delimiter, 0);
        }

        /** Observes the cell of one numeric column on {@code line} of a file with {@code delimiter}. */
        public void observe(String text, char delimiter, long line) {
            this.delimiter = delimiter;
            observed = true;
            String value = text.strip();
            // the common shapes, told without a regex
            char shape = shape(value);
            if (shape == INTEGER || value.isEmpty()) {
                return;
            }
            if (shape != OTHER) {
                if (groupsThousands(value)) {
                    ambiguous.add(line, value);
                } else if (shape == '.') {
                    point.add(line, value);
                } else {
                    comma.add(line, value);
                }
                return;
            }
            if (POINT_GROUPED.matcher(value).matches()) {
                comma.add(line, value);
            } else if (COMMA_GROUPED.matcher(value).matches()) {
                point.add(line, value);
            } else if (AMBIGUOUS_POINT.matcher(value).matches()
                    || AMBIGUOUS_COMMA.matcher(value).matches()) {
                ambiguous.add(line, value);
            } else if (POINT_FRACTION.matcher(value).matches()) {
                point.add(line, value);
            } else if (COMMA_FRACTION.matcher(value).matches()) {
                comma.add(line, value);
            }
        }

        /**
         * Adds what {@code next} observed in the rows that follow those this evidence has seen (the next part of
         * the same file), as if this evidence had observed them itself.
         */
        public void append(Evidence next) {
            point.append(next.point);
            comma.append(next.comma);
            ambiguous.append(next.ambiguous);
            if (next.observed) {
                delimiter = next.delimiter;
                observed = true;
            }
        }

        /** The separator the file uses: see the class documentation. */
        public DecimalSeparator decide() {
            if (comma.count > point.count) {
                return COMMA;
            }
            if (point.count > comma.count) {
                return POINT;
            }
            return conventionFor(delimiter);
        }

        /** Whether the separator was decided by the delimiter's convention, no number showing it. */
        public boolean decidedByConvention() {
            return point.count == comma.count;
        }

        /**
         * When the file writes fractions both ways: the first value of the minority form (the one {@link #decide} did
         * not choose), its line, and a message naming both forms and how to fix it, to report as an error. {@code
         * column} is how the message names the column.
         */
        public Optional<Finding> inconsistency(String column) {
            if (point.count == 0 || comma.count == 0) {
                return Optional.empty();
            }
            DecimalSeparator decided = decide();
            Form majority = decided == POINT ? point : comma;
            Form minority = decided == POINT ? comma : point;
            char other = decided == POINT ? ',' : '.';
            return Optional.of(new Finding(
                    minority.firstLine,
                    minority.firstValue,
                    Message.of(
                            minority.firstLine > 0
                                    ? IngestMessage.DECIMAL_SEPARATORS_MIXED
                                    : IngestMessage.DECIMAL_SEPARATORS_MIXED_NO_LINE,
                            "line",
                            Long.toString(minority.firstLine),
                            "column",
                            column,
                            "value",
                            minority.firstValue,
                            "separator",
                            String.valueOf(other),
                            "others",
                            majority.count,
                            "decided",
                            String.valueOf(decided.symbol),
                            "firstLine",
                            Long.toString(majority.firstLine),
                            "firstValue",
                            majority.firstValue)));
        }

        /**
         * When the separator was decided by convention and some value can be read both ways: the first such value,
         * its line, and a message saying how it was read, to report as a warning so that the analyst can check it.
         */
        public Optional<Finding> ambiguity(String column) {
            if (ambiguous.count == 0 || !decidedByConvention()) {
                return Optional.empty();
            }
            DecimalSeparator decided = decide();
            OptionalDouble read = decided.parse(ambiguous.firstValue);
            return Optional.of(new Finding(
                    ambiguous.firstLine,
                    ambiguous.firstValue,
                    Message.of(
                            ambiguous.firstLine > 0
                                    ? IngestMessage.DECIMAL_SEPARATOR_AMBIGUOUS
                                    : IngestMessage.DECIMAL_SEPARATOR_AMBIGUOUS_NO_LINE,
                            "line",
                            Long.toString(ambiguous.firstLine),
                            "column",
                            column,
                            "value",
                            ambiguous.firstValue,
                            "decided",
                            String.valueOf(decided.symbol),
                            "delimiter",
                            delimiter == '\t' ? "tab" : String.valueOf(delimiter),
                            "read",
                            read.isPresent() ? Double.toString(read.getAsDouble()) : "?",
                            "values",
                            ambiguous.count)));
        }

        public long pointCount() {
            return point.count;
        }

        public long commaCount() {
            return comma.count;
        }

        /** The line of the first value that shows a decimal point, or 0 when none does (or lines were not given). */
        public long firstPointLine() {
            return point.firstLine;
        }

        /** The line of the first value that shows a decimal comma, or 0 when none does (or lines were not given). */
        public long firstCommaLine() {
            return comma.firstLine;
        }

        /** How many values take one form, and the first of them. */
        private static final class Form {
            private long count;
            private long firstLine;
            private String firstValue;

            void add(long line, String value) {
                if (count == 0) {
                    firstLine = line;
                    firstValue = value;
                }
                count++;
            }

            void append(Form next) {
                if (count == 0) {
                    firstLine = next.firstLine;
                    firstValue = next.firstValue;
                }
                count += next.count;
            }
        }
    }

    /** Something {@link Evidence} found: the line and the value it is about, and what to tell the analyst. */
    public record Finding(long line, String value, Message message) {
        public Finding {
            Objects.requireNonNull(value, "value is null");
            Objects.requireNonNull(message, "message is null");
        }
    }
}
