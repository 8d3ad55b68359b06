package org.observatory.sampledata;

/** The sex breakdown of the population table, with its SDMX code and the label dataUNODC writes. */
enum PopulationSex {
    TOTAL("_T", "Total"),
    MALE("M", "Male"),
    FEMALE("F", "Female");

    private final String code;
    private final String unodcLabel;

    PopulationSex(String code, String unodcLabel) {
        this.code = code;
        this.unodcLabel = unodcLabel;
    }

    String code() {
        return code;
    }

    String unodcLabel() {
        return unodcLabel;
    }
}
