package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/** An ISO 3166-1 country or territory: alpha-3, alpha-2 and UN M49 numeric code, and its names. */
public record Country(String alpha3, String alpha2, String m49, Labels names) {
    public Country {
        requireNonNull(alpha3, "alpha3 is null");
        requireNonNull(alpha2, "alpha2 is null");
        requireNonNull(m49, "m49 is null");
        requireNonNull(names, "names is null");
        if (!alpha3.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("alpha3 must be three capital letters: " + alpha3);
        }
        if (!alpha2.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("alpha2 must be two capital letters: " + alpha2);
        }
        if (!m49.matches("[0-9]{3}")) {
            throw new IllegalArgumentException("m49 must be three digits: " + m49);
        }
    }

    public String nameEn() {
        return names.text(Language.ENGLISH);
    }
}
