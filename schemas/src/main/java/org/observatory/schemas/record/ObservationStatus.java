package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

/** An SDMX OBS_STATUS code (A normal, B break, E estimated, P provisional, ...) with its labels. */
public record ObservationStatus(String code, String labelEn, String labelEs, String description) {
    /** The status of a regular value. */
    public static final String NORMAL = "A";
    /** The status of a value suppressed by the small-cell rule. */
    public static final String SUPPRESSED = "Q";

    public ObservationStatus {
        requireNonNull(code, "code is null");
        requireNonNull(labelEn, "labelEn is null");
        requireNonNull(labelEs, "labelEs is null");
        requireNonNull(description, "description is null");
        if (!code.matches("[A-Z]")) {
            throw new IllegalArgumentException("OBS_STATUS code must be one capital letter, not '%s'".formatted(code));
        }
    }
}
