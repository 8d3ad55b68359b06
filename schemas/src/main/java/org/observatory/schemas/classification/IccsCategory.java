package org.observatory.schemas.classification;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One category of the UNODC International Classification of Crime for Statistical Purposes (ICCS 2015): its
 * code (2 digits at level 1, 4 at level 2, 5 at level 3, 6 at level 4), its parent, and English and Spanish labels.
 */
public record IccsCategory(String code, int level, Optional<String> parentCode, String labelEn, String labelEs) {
    public IccsCategory {
        requireNonNull(code, "code is null");
        requireNonNull(parentCode, "parentCode is null");
        requireNonNull(labelEn, "labelEn is null");
        requireNonNull(labelEs, "labelEs is null");
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("level must be 1 to 4, not " + level);
        }
        if (!code.matches("[0-9]+") || code.length() != expectedLength(level)) {
            throw new IllegalArgumentException(
                    "code '%s' of level %d must have %d digits".formatted(code, level, expectedLength(level)));
        }
        if (level == 1 && parentCode.isPresent()) {
            throw new IllegalArgumentException(
                    "a level-1 section has no parent, but '%s' names '%s'".formatted(code, parentCode.get()));
        }
        if (level > 1
                && parentCode
                        .filter(parent -> code.startsWith(parent) && parent.length() == expectedLength(level - 1))
                        .isEmpty()) {
            throw new IllegalArgumentException("code '%s' needs a level-%d parent that is a prefix of it, not '%s'"
                    .formatted(code, level - 1, parentCode.orElse("")));
        }
        if (labelEn.isBlank() || labelEs.isBlank()) {
            throw new IllegalArgumentException("code '%s' needs an English and a Spanish label".formatted(code));
        }
    }

    static int expectedLength(int level) {
        return level == 1 ? 2 : level + 2;
    }

    /** True when this category is {@code ancestor} or lies below it. */
    public boolean isWithin(String ancestor) {
        return code.startsWith(ancestor);
    }
}
