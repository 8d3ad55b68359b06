package org.observatory.sampledata;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting that does not depend on the default locale. */
final class Numbers {
    private static final BigDecimal PER_100K = BigDecimal.valueOf(100_000);

    private Numbers() {}

    /** A rate per 100,000 population rounded to 2 decimals (half up), as dataUNODC publishes it. */
    static BigDecimal ratePer100k(BigDecimal count, long population) {
        if (population <= 0) {
            throw new IllegalArgumentException("population must be positive, got %d".formatted(population));
        }
        return count.multiply(PER_100K).divide(BigDecimal.valueOf(population), 2, RoundingMode.HALF_UP);
    }

    /** A number with a dot and without trailing zeros: {@code 12.5}, {@code 1234}. */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** A number with a decimal comma: {@code 1234,5}. */
    static String withDecimalComma(BigDecimal value) {
        return plain(value).replace('.', ',');
    }

    /** A whole number padded with zeros to a width, e.g. {@code 000042}. */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
