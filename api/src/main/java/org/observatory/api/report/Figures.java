package org.observatory.api.report;

import java.math.BigDecimal;

/**
 * How every rendering of a report writes its numbers, so that text, CSV, JSON and HTML show the same figures:
 * percentages as the model rounded them (one decimal, without a trailing {@code .0}), changes with their sign.
 */
final class Figures {
    private Figures() {}

    /** {@code 280}, {@code 54.3}, {@code 0}; empty for null. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }

    /** {@code 54.3 %}, or {@code n/a} for null. */
    static String percent(Double value) {
        return value == null ? "n/a" : number(value) + " %";
    }

    /** {@code +14}, {@code -3}, {@code 0}. */
    static String signed(int value) {
        return value > 0 ? "+" + value : String.valueOf(value);
    }

    /** {@code +280 %}, {@code -12.5 %}, {@code 0 %}, or {@code n/a %} for null. */
    static String signedPercent(Double value) {
        if (value == null) {
            return "n/a %";
        }
        return (value > 0 ? "+" : "") + number(value) + " %";
    }

    /** {@code +14 (+280 %)}. */
    static String change(ResponseRateReport.Change change) {
        return signed(change.count()) + " (" + signedPercent(change.percent()) + ")";
    }

    /** {@code 12 of 20}. */
    static String share(int part, int whole) {
        return part + " of " + whole;
    }
}
