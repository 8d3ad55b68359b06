package org.observatory.sampledata;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A block of the CTS questionnaire that a state answers or leaves blank, with the dataUNODC rows it produces
 * (Indicator, Dimension, Category, Sex). Every label is one that {@code schemas codelists/cts-categories.csv}
 * maps. The blocks are written in this order.
 */
enum CtsBlock {
    HOMICIDE(
            "homicide",
            List.of(new CtsRow(
                    "Victims of intentional homicide", "Total", "Total", PopulationSex.TOTAL, Series.HOMICIDE))),
    HOMICIDE_BY_SEX(
            "homicide-by-sex",
            List.of(
                    new CtsRow(
                            "Victims of intentional homicide",
                            "Total",
                            "Total",
                            PopulationSex.MALE,
                            Series.HOMICIDE_MALE),
                    new CtsRow(
                            "Victims of intentional homicide",
                            "Total",
                            "Total",
                            PopulationSex.FEMALE,
                            Series.HOMICIDE_FEMALE))),
    HOMICIDE_FIREARMS(
            "homicide-firearms",
            List.of(new CtsRow(
                    "Victims of intentional homicide",
                    "by mechanisms",
                    "Firearms or explosives - firearms",
                    PopulationSex.TOTAL,
                    Series.HOMICIDE_FIREARMS))),
    VIOLENT(
            "violent",
            List.of(
                    offence("Violent offences", "Serious assault", Series.SERIOUS_ASSAULT),
                    offence("Violent offences", "Kidnapping", Series.KIDNAPPING),
                    offence("Violent offences", "Sexual violence", Series.SEXUAL_VIOLENCE),
                    offence("Violent offences", "Sexual violence: Rape", Series.RAPE),
                    offence("Violent offences", "Robbery", Series.ROBBERY))),
    PROPERTY(
            "property",
            List.of(
                    offence("Offences", "Burglary", Series.BURGLARY),
                    offence("Offences", "Theft", Series.THEFT),
                    offence("Offences", "Theft: of a motorized vehicle", Series.MOTOR_VEHICLE_THEFT))),
    ARRESTED("arrested", List.of(persons("Persons arrested/cautioned/suspected", Series.PERSONS_ARRESTED))),
    PROSECUTED("prosecuted", List.of(persons("Persons prosecuted", Series.PERSONS_PROSECUTED))),
    CONVICTED("convicted", List.of(persons("Persons convicted", Series.PERSONS_CONVICTED))),
    PRISONS("prisons", List.of(persons("Persons held", Series.PERSONS_HELD))),
    POLICE_PERSONNEL(
            "police-personnel",
            List.of(new CtsRow(
                    "Criminal Justice Personnel",
                    "by type of personnel",
                    "Police personel",
                    PopulationSex.TOTAL,
                    Series.POLICE_PERSONNEL)));

    private final String code;
    private final List<CtsRow> rows;

    CtsBlock(String code, List<CtsRow> rows) {
        this.code = code;
        this.rows = rows;
    }

    String code() {
        return code;
    }

    List<CtsRow> rows() {
        return rows;
    }

    static Optional<CtsBlock> fromCode(String code) {
        return Arrays.stream(values()).filter(block -> block.code.equals(code)).findFirst();
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(CtsBlock::code).toList();
    }

    private static CtsRow offence(String indicator, String category, Series series) {
        return new CtsRow(indicator, "by type of offence", category, PopulationSex.TOTAL, series);
    }

    private static CtsRow persons(String indicator, Series series) {
        return new CtsRow(indicator, "Total", "Total", PopulationSex.TOTAL, series);
    }

    /** One dataUNODC row key: a count row and its rate row are written for each. */
    record CtsRow(String indicator, String dimension, String category, PopulationSex sex, Series series) {}
}
