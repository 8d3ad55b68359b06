package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.observatory.schemas.text.Labels;

/**
 * The labels of one shipped codelist (or of one of its texts, such as the indicators' definitions), by code in
 * code order. Its {@code codelist} names it in {@code codelists/label-sources.csv}.
 */
public record LabelSet(String codelist, Map<String, Labels> labelsByCode) {
    public LabelSet {
        requireNonNull(codelist, "codelist is null");
        labelsByCode = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(labelsByCode, "labelsByCode is null")));
    }
}
