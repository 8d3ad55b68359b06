package org.observatory.schemas.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.codelist.CodelistFile;

/** The SDMX OBS_STATUS codelist ({@code codelists/obs-status.csv}). Flags never carry provenance. */
public final class ObservationStatuses {
    public static final String RESOURCE = "codelists/obs-status.csv";

    private final Map<String, ObservationStatus> byCode;

    private ObservationStatuses(CodelistFile file) {
        this.byCode = file.toMap(row -> row.required("code"), row -> {
            try {
                return new ObservationStatus(row.required("code"), row.labels("label"), row.labels("description"));
            } catch (IllegalArgumentException e) {
                throw row.invalid(e.getMessage());
            }
        });
    }

    public static ObservationStatuses load() {
        return new ObservationStatuses(
                CodelistFile.fromResource(RESOURCE, Set.of("code", "label_en", "description_en")));
    }

    public Optional<ObservationStatus> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    public List<ObservationStatus> all() {
        return List.copyOf(byCode.values());
    }
}
