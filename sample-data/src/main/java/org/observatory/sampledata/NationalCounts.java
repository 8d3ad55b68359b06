package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The yearly counts of a national offence: its series times its factor, rounded to a whole number, and for a
 * homicide offence the breakdowns by sex and by mechanism (firearm or other), each adding up to the total.
 */
final class NationalCounts {
    private final SyntheticModel model;

    NationalCounts(SyntheticModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    BigDecimal total(String country, NationalOffence offence, int year) {
        return scaled(country, offence, offence.series(), year);
    }

    HomicideBreakdown homicideBreakdown(String country, NationalOffence offence, int year) {
        if (offence.series() != Series.HOMICIDE) {
            throw new IllegalArgumentException(
                    "%s %s is not derived from intentional-homicide; only homicide offences have breakdowns"
                            .formatted(country, offence.code()));
        }
        BigDecimal total = total(country, offence, year);
        BigDecimal male = scaled(country, offence, Series.HOMICIDE_MALE, year).min(total);
        BigDecimal firearm =
                scaled(country, offence, Series.HOMICIDE_FIREARMS, year).min(total);
        return new HomicideBreakdown(total, male, total.subtract(male), firearm, total.subtract(firearm));
    }

    private BigDecimal scaled(String country, NationalOffence offence, Series series, int year) {
        return model.value(country, series, year)
                .multiply(BigDecimal.valueOf(offence.factor()))
                .setScale(0, RoundingMode.HALF_UP);
    }

    /** Homicide victims in total, by sex and by mechanism. */
    record HomicideBreakdown(
            BigDecimal total, BigDecimal male, BigDecimal female, BigDecimal firearm, BigDecimal other) {}
}
