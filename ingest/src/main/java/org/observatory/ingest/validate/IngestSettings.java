package org.observatory.ingest.validate;

/**
 * Thresholds of the validation: how many issues of one code a report lists (all are counted), and from which
 * year-on-year factor a change is reported (the CTS asks respondents to explain such changes); changes between
 * values below {@code yearOnYearMinimum} are not reported, as small counts move a lot by chance.
 */
public record IngestSettings(int issuesPerCode, double yearOnYearFactor, double yearOnYearMinimum) {
    public static final IngestSettings DEFAULTS = new IngestSettings(ValidationReport.DEFAULT_PER_CODE_LIMIT, 2.0, 20);

    public IngestSettings {
        if (issuesPerCode < 1) {
            throw new IllegalArgumentException("issuesPerCode must be at least 1: " + issuesPerCode);
        }
        if (!(yearOnYearFactor > 1)) {
            throw new IllegalArgumentException("yearOnYearFactor must be above 1: " + yearOnYearFactor);
        }
        if (yearOnYearMinimum < 0) {
            throw new IllegalArgumentException("yearOnYearMinimum must not be negative: " + yearOnYearMinimum);
        }
    }
}
