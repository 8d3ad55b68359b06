package org.observatory.schemas.classification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.codelist.CodelistFile;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The ICCS classification as shipped in {@code codelists/iccs.csv}: all sections, categories and level-3 codes,
 * and the level-4 codes that the indicator catalogue uses. Loading fails with file and line on a duplicate code,
 * a parent that is not defined before its children, or a missing label.
 */
public final class Iccs {
    public static final String RESOURCE = "codelists/iccs.csv";

    private final Map<String, IccsCategory> byCode;
    private final List<IccsCategory> inOrder;

    private Iccs(CodelistFile file) {
        Map<String, IccsCategory> categories = new java.util.LinkedHashMap<>();
        Map<String, Long> lines = new java.util.HashMap<>();
        for (CodelistFile.Row row : file.rows()) {
            IccsCategory category;
            try {
                String parent = row.optional("parent");
                category = new IccsCategory(
                        row.required("code"),
                        row.requiredInt("level"),
                        parent.isEmpty() ? Optional.empty() : Optional.of(parent),
                        row.labels("label"));
            } catch (IllegalArgumentException e) {
                throw row.invalid(e.getMessage());
            }
            Long previous = lines.putIfAbsent(category.code(), row.line());
            if (previous != null) {
                throw row.invalid("duplicate code '%s' (first defined at line %d); remove one of the two rows"
                        .formatted(category.code(), previous));
            }
            category.parentCode().ifPresent(parent -> {
                if (!categories.containsKey(parent)) {
                    throw row.invalid("unknown parent code '%s' for '%s'; define the parent on an earlier line"
                            .formatted(parent, category.code()));
                }
            });
            categories.put(category.code(), category);
        }
        this.byCode = Map.copyOf(categories);
        this.inOrder = List.copyOf(categories.values());
    }

    public static Iccs load() {
        return new Iccs(CodelistFile.fromResource(RESOURCE, Set.of("code", "level", "parent", "label_en")));
    }

    static Iccs read(CodelistFile file) {
        return new Iccs(file);
    }

    public Optional<IccsCategory> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip()));
    }

    public IccsCategory require(String code) {
        return find(code)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.UNKNOWN_ICCS_CODE,
                        "Unknown ICCS code '%s'; use a code from codelists/iccs.csv (e.g. 0101 intentional homicide)"
                                .formatted(code)));
    }

    /** All categories in classification order. */
    public List<IccsCategory> all() {
        return inOrder;
    }

    public List<IccsCategory> atLevel(int level) {
        return inOrder.stream().filter(category -> category.level() == level).toList();
    }
}
