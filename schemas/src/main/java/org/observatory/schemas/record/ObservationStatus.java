package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/** An SDMX OBS_STATUS code (A normal, B break, E estimated, P provisional, ...) with its labels. */
public record ObservationStatus(String code, Labels labels, Labels descriptions) {
    /** The status of a regular value. */
    public static final String NORMAL = "A";
    /** The status of a value suppressed by the small-cell rule. */
    public static final String SUPPRESSED = "Q";

    public ObservationStatus {
        requireNonNull(code, "code is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(descriptions, "descriptions is null");
        if (!code.matches("[A-Z]")) {
            throw new IllegalArgumentException("OBS_STATUS code must be one capital letter, not '%s'".formatted(code));
        }
    }

    public String labelEn() {
        return labels.text(Language.ENGLISH);
    }

    public String labelEs() {
        return labels.text(Language.SPANISH);
    }

    /** The English description. */
    public String description() {
        return descriptions.text(Language.ENGLISH);
    }
}
