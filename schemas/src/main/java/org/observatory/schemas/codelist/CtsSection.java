package org.observatory.schemas.codelist;

import java.util.Arrays;

/** Sections of the UN Crime Trends Survey questionnaire; every indicator belongs to one. */
public enum CtsSection {
    POLICE("police"),
    PROSECUTION("prosecution"),
    COURTS("courts"),
    PRISONS("prisons"),
    VICTIMISATION_SURVEYS("victimisation-surveys");

    private final String code;

    CtsSection(String code) {
        this.code = code;
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
