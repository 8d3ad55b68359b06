package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.observatory.schemas.text.Language;

/**
 * A codelist label that is missing in a language, or present but not official: the codelist, the code, the
 * language, the label when there is one, and its status and source from {@code codelists/label-sources.csv}
 * (empty status when that file has no row for it).
 */
public record LabelFinding(
        String codelist,
        String code,
        Language language,
        Optional<String> text,
        Optional<LabelStatus> status,
        String source) {
    public LabelFinding {
        requireNonNull(codelist, "codelist is null");
        requireNonNull(code, "code is null");
        requireNonNull(language, "language is null");
        requireNonNull(text, "text is null");
        requireNonNull(status, "status is null");
        requireNonNull(source, "source is null");
    }

    /** True when the code has no label written in this language (it is shown in English instead). */
    public boolean missing() {
        return text.isEmpty();
    }

    /** True when the label exists but is not an official one. */
    public boolean unofficial() {
        return text.isPresent() && status.filter(LabelStatus.OFFICIAL::equals).isEmpty();
    }
}
