package org.observatory.schemas.codelist;

import java.util.Arrays;
import org.observatory.schemas.text.Labels;

/** Sections of the UN Crime Trends Survey questionnaire; every indicator belongs to one. */
public enum CtsSection {
    POLICE("police", Labels.of("Policía", "Police", "Polícia", "Police")),
    PROSECUTION("prosecution", Labels.of("Fiscalía", "Prosecution", "Ministério Público", "Poursuites")),
    COURTS("courts", Labels.of("Tribunales", "Courts", "Tribunais", "Tribunaux")),
    PRISONS("prisons", Labels.of("Prisiones", "Prisons", "Prisões", "Prisons")),
    VICTIMISATION_SURVEYS(
            "victimisation-surveys",
            Labels.of(
                    "Encuestas de victimización",
                    "Victimisation surveys",
                    "Pesquisas de vitimização",
                    "Enquêtes de victimisation"));

    private final String code;
    private final Labels names;

    CtsSection(String code, Labels names) {
        this.code = code;
        this.names = names;
    }

    /** The section's names in the four languages. */
    public Labels names() {
        return names;
    }

    public String code() {
        return code;
    }

    public static CtsSection fromCode(String code) {
        return Arrays.stream(values())
                .filter(section -> section.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown CTS section '%s'; use one of %s"
                        .formatted(
                                code,
                                Arrays.stream(values()).map(CtsSection::code).toList())));
    }
}
