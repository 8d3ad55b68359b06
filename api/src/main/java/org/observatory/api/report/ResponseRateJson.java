package org.observatory.api.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * The report as JSON: the model's fields as they are, nulls written out, {@code notice} only when synthetic and then
 * in the locale's language. Every member state and subregion also has, as in the API's other answers, {@code name}
 * in the locale's language, {@code names} in the four languages by code and {@code nameLanguage} only when
 * {@code name} fell back to another language; codes and numbers never change with the language.
 */
final class ResponseRateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResponseRateJson() {}

    static String render(ResponseRateReport report, Locale locale) {
        Language language = Language.of(locale).orElse(Language.ENGLISH);
        Map<String, Labels> members = new HashMap<>();
        report.heatmap().countries().forEach(row -> members.put(row.iso3(), row.names()));
        report.subregions()
                .forEach(group -> group.countries().forEach(country -> members.put(country.iso3(), country.names())));
        JsonNode tree = MAPPER.valueToTree(ResponseRateCsv.withNotice(report, locale));
        name(tree, members, language);
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response-rate report as JSON", e);
        }
    }

    /** Adds the names in the language to every member state ({@code iso3}) and subregion ({@code m49}) below node. */
    private static void name(JsonNode node, Map<String, Labels> members, Language language) {
        if (node instanceof ObjectNode object && object.has("nameEn")) {
            Optional<Labels> names = object.path("iso3").isTextual()
                    ? Optional.ofNullable(members.get(object.get("iso3").asText()))
                    : Arrays.stream(Subregion.values())
                            .filter(subregion ->
                                    subregion.m49().equals(object.path("m49").asText()))
                            .findFirst()
                            .map(Subregion::names);
            names.ifPresent(labels -> {
                Labels.Label name = labels.in(language);
                object.put("name", name.text());
                object.set("names", MAPPER.valueToTree(labels.byCode()));
                if (name.language() != language) {
                    object.put("nameLanguage", name.language().code());
                }
            });
        }
        node.forEach(child -> name(child, members, language));
    }
}
