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
                return new ObservationStatus(
                        row.required("code"),
                        row.required("label_en"),
                        row.required("label_es"),
                        row.required("description"));
            } catch (IllegalArgumentException e) {
                throw row.invalid(e.getMessage());
            }
        });
    }

    public static ObservationStatuses load() {
        return new ObservationStatuses(
                CodelistFile.fromResource(RESOURCE, Set.of("code", "label_en", "label_es", "description")));
    }

    public Optional<ObservationStatus> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    public List<ObservationStatus> all() {
        return List.copyOf(byCode.values());
    }
}
