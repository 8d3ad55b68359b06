package org.observatory.sampledata;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A synthetic yearly series per country. The offence series carry the indicator code of the catalogue
 * ({@code schemas codelists/indicators.csv}), which is how {@code national-offences.csv} names the series a
 * national count is derived from; the others are parts of a parent series or criminal-justice counts.
 */
enum Series {
    HOMICIDE("intentional-homicide"),
    HOMICIDE_MALE(""),
    HOMICIDE_FEMALE(""),
    HOMICIDE_FIREARMS(""),
    SERIOUS_ASSAULT("serious-assault"),
    KIDNAPPING("kidnapping"),
    SEXUAL_VIOLENCE("sexual-violence"),
    RAPE("rape"),
    ROBBERY("robbery"),
    BURGLARY("burglary"),
    THEFT("theft"),
    MOTOR_VEHICLE_THEFT("motor-vehicle-theft"),
    PERSONS_ARRESTED(""),
    PERSONS_PROSECUTED(""),
    PERSONS_CONVICTED(""),
    PERSONS_HELD(""),
    POLICE_PERSONNEL("");

    private final String indicatorCode;

    Series(String indicatorCode) {
        this.indicatorCode = indicatorCode;
    }

    /** The offence series a national offence can be derived from, by indicator code. */
    static Optional<Series> offenceSeries(String indicatorCode) {
        return Arrays.stream(values())
                .filter(series -> !series.indicatorCode.isEmpty() && series.indicatorCode.equals(indicatorCode))
                .findFirst();
    }

    static List<String> offenceIndicatorCodes() {
        return Arrays.stream(values())
                .map(series -> series.indicatorCode)
                .filter(code -> !code.isEmpty())
                .toList();
    }
}
