package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.text.Language;

/**
 * Which codelist labels are official and which are not ({@code codelists/label-sources.csv}: codelist, language,
 * codes, status, source). Each codelist has one default row per language (empty {@code codes}) and may have
 * exception rows for some codes, e.g. the Spanish ICCS labels checked against the official Spanish edition.
 * Loading fails with file and line on an unknown language or status, a blank source, a second default row, or a
 * code named by two exception rows.
 */
public final class LabelSources {
    public static final String RESOURCE = "codelists/label-sources.csv";
    private static final Set<String> COLUMNS = Set.of("codelist", "language", "codes", "status", "source");

    private final List<LabelSource> rows;
    private final Map<String, LabelSource> byKey;

    private LabelSources(CodelistFile file) {
        List<LabelSource> read = new ArrayList<>();
        Map<String, LabelSource> keyed = new HashMap<>();
        Map<String, Long> lines = new HashMap<>();
        for (CodelistFile.Row row : file.rows()) {
            LabelSource source = source(row);
            read.add(source);
            List<String> keys = source.isDefault()
                    ? List.of(key(source.codelist(), source.language(), ""))
                    : source.codes().stream()
                            .sorted()
                            .map(code -> key(source.codelist(), source.language(), code))
                            .toList();
            for (String key : keys) {
                Long previous = lines.putIfAbsent(key, row.line());
                if (previous != null) {
                    throw row.invalid("the %s labels in %s%s are already given at line %d; keep one of the rows"
                            .formatted(
                                    source.codelist(),
                                    source.language().code(),
                                    source.isDefault()
                                            ? ""
                                            : " of code '%s'".formatted(key.substring(key.lastIndexOf('|') + 1)),
                                    previous));
                }
                keyed.put(key, source);
            }
        }
        this.rows = List.copyOf(read);
        this.byKey = Map.copyOf(keyed);
    }

    /** The shipped label sources. */
    public static LabelSources load() {
        return new LabelSources(CodelistFile.fromResource(RESOURCE, COLUMNS));
    }

    static LabelSources read(CodelistFile file) {
        return new LabelSources(file);
    }

    private static LabelSource source(CodelistFile.Row row) {
        String code = row.required("language");
        Language language = Arrays.stream(Language.values())
                .filter(candidate -> candidate.code().equals(code))
                .findFirst()
                .orElseThrow(() -> row.invalid("column 'language' holds '%s'; use one of %s"
                        .formatted(
                                code,
                                Language.all().stream().map(Language::code).toList())));
        String codes = row.optional("codes");
        try {
            return new LabelSource(
                    row.required("codelist"),
                    language,
                    codes.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(codes.split("\\s+"))),
                    LabelStatus.fromCode(row.required("status")),
                    row.required("source"));
        } catch (IllegalArgumentException e) {
            throw row.invalid(e.getMessage());
        }
    }

    private static String key(String codelist, Language language, String code) {
        return codelist + "|" + language.code() + "|" + code;
    }

    /** Every row in file order. */
    public List<LabelSource> all() {
        return rows;
    }

    /** The source of one code's label in one language: its exception row, else the codelist's default row. */
    public Optional<LabelSource> find(String codelist, String code, Language language) {
        requireNonNull(codelist, "codelist is null");
        requireNonNull(code, "code is null");
        requireNonNull(language, "language is null");
        return Optional.ofNullable(byKey.get(key(codelist, language, code)))
                .or(() -> Optional.ofNullable(byKey.get(key(codelist, language, ""))));
    }
}
