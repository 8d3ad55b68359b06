package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The synthetic magnitudes of one country, as given in {@code generator/profiles.csv}: population in 2000 and
 * its annual growth, base levels per 100,000 population, shares of parent values, and the CTS blocks the
 * country answers. Rates are levels around which the yearly series vary; they are invented, not real data.
 */
record CountryProfile(
        String iso3,
        String country,
        String unodcSubregion,
        long population2000,
        double growthPercent,
        double homicideRate,
        double firearmShare,
        double seriousAssaultRate,
        double kidnappingRate,
        double sexualViolenceRate,
        double rapeShare,
        double robberyRate,
        double burglaryRate,
        double theftRate,
        double vehicleTheftShare,
        double arrestedRate,
        double prosecutedShare,
        double convictedShare,
        double prisonRate,
        double policeRate,
        int propertyCountDecimals,
        Set<CtsBlock> sections) {
    static final String LATIN_AMERICA_AND_THE_CARIBBEAN = "Latin America and the Caribbean";
    static final String NORTHERN_AMERICA = "Northern America";

    CountryProfile {
        requireNonNull(iso3, "iso3 is null");
        requireNonNull(country, "country is null");
        requireNonNull(unodcSubregion, "unodcSubregion is null");
        requireNonNull(sections, "sections is null");
        if (!iso3.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("iso3 '%s' is not three capital letters".formatted(iso3));
        }
        if (!unodcSubregion.equals(LATIN_AMERICA_AND_THE_CARIBBEAN) && !unodcSubregion.equals(NORTHERN_AMERICA)) {
            throw new IllegalArgumentException(
                    "unodc_subregion '%s' is not one dataUNODC uses for the Americas; use '%s' or '%s'"
                            .formatted(unodcSubregion, LATIN_AMERICA_AND_THE_CARIBBEAN, NORTHERN_AMERICA));
        }
        if (population2000 <= 0) {
            throw new IllegalArgumentException("population_2000 must be positive, got %d".formatted(population2000));
        }
        if (growthPercent <= -10 || growthPercent >= 10) {
            throw new IllegalArgumentException(
                    "growth_percent must be between -10 and 10, got %s".formatted(growthPercent));
        }
        requireRate("homicide_rate", homicideRate);
        requireRate("serious_assault_rate", seriousAssaultRate);
        requireRate("kidnapping_rate", kidnappingRate);
        requireRate("sexual_violence_rate", sexualViolenceRate);
        requireRate("robbery_rate", robberyRate);
        requireRate("burglary_rate", burglaryRate);
        requireRate("theft_rate", theftRate);
        requireRate("arrested_rate", arrestedRate);
        requireRate("prison_rate", prisonRate);
        requireRate("police_rate", policeRate);
        requireShare("firearm_share", firearmShare);
        requireShare("rape_share", rapeShare);
        requireShare("vehicle_theft_share", vehicleTheftShare);
        requireShare("prosecuted_share", prosecutedShare);
        requireShare("convicted_share", convictedShare);
        if (propertyCountDecimals < 0 || propertyCountDecimals > 2) {
            throw new IllegalArgumentException(
                    "property_count_decimals must be 0, 1 or 2, got %d".formatted(propertyCountDecimals));
        }
        if (!sections.contains(CtsBlock.HOMICIDE)) {
            throw new IllegalArgumentException(
                    "sections must include 'homicide': every reply has the homicide total; got %s"
                            .formatted(sections.stream().map(CtsBlock::code).toList()));
        }
        sections = Collections.unmodifiableSet(EnumSet.copyOf(sections));
    }

    boolean answers(CtsBlock block) {
        return sections.contains(block);
    }

    private static void requireRate(String column, double rate) {
        if (rate < 0 || rate > 100_000) {
            throw new IllegalArgumentException(
                    "%s must be a rate per 100,000 between 0 and 100000, got %s".formatted(column, rate));
        }
    }

    private static void requireShare(String column, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("%s must be a share between 0 and 1, got %s".formatted(column, share));
        }
    }
}
