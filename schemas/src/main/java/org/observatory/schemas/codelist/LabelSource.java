package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.observatory.schemas.text.Language;

/**
 * One row of {@code codelists/label-sources.csv}: the status and source of a codelist's labels in one language.
 * With no codes it is the codelist's default in that language; with codes it is an exception for those codes only.
 */
public record LabelSource(String codelist, Language language, Set<String> codes, LabelStatus status, String source) {
    public LabelSource {
        requireNonNull(codelist, "codelist is null");
        requireNonNull(language, "language is null");
        codes = Set.copyOf(requireNonNull(codes, "codes is null"));
        requireNonNull(status, "status is null");
        requireNonNull(source, "source is null");
        if (source.isBlank()) {
            throw new IllegalArgumentException("the source of %s labels in %s is blank; name the publication or"
                            .formatted(codelist, language.code())
                    + " say whose translation it is");
        }
    }

    /** True for the row that covers every code without an exception. */
    public boolean isDefault() {
        return codes.isEmpty();
    }
}
