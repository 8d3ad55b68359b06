package org.observatory.schemas.classification;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * One category of the UNODC International Classification of Crime for Statistical Purposes (ICCS 2015): its
 * code (2 digits at level 1, 4 at level 2, 5 at level 3, 6 at level 4), its parent, and its labels in the four languages.
 */
public record IccsCategory(String code, int level, Optional<String> parentCode, Labels labels) {
    public IccsCategory {
        requireNonNull(code, "code is null");
        requireNonNull(parentCode, "parentCode is null");
        requireNonNull(labels, "labels is null");
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
    }

    public String labelEn() {
        return labels.text(Language.ENGLISH);
    }

    public String labelEs() {
        return labels.text(Language.SPANISH);
    }

    static int expectedLength(int level) {
        return level == 1 ? 2 : level + 2;
    }

    /** True when this category is {@code ancestor} or lies below it. */
    public boolean isWithin(String ancestor) {
        return code.startsWith(ancestor);
    }
}
