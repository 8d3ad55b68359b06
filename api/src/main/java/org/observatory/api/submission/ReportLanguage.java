package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.observatory.schemas.text.Message;

/**
 * A validation report in the reader's language. Each issue of a report, as ingest writes it and the registry
 * stores it, carries its {@code messageCode} (e.g. {@code ingest.value-not-a-number}), its {@code arguments}
 * (numbers as JSON numbers) and its {@code message} in English; the report shown to a reader has {@code message}
 * rendered in their locale, everything else (codes, lines, columns, values, counts) unchanged. Issues stored
 * before messages had codes keep their English message.
 */
public final class ReportLanguage {
    private ReportLanguage() {}

    /** A copy of the report with every coded issue's message in the locale's language. */
    public static JsonNode localised(JsonNode report, Locale locale) {
        requireNonNull(report, "report is null");
        requireNonNull(locale, "locale is null");
        JsonNode copy = report.deepCopy();
        for (JsonNode issue : copy.path("issues")) {
            if (issue instanceof ObjectNode object && issue.path("messageCode").isTextual()) {
                Message.decode(issue.get("messageCode").asText(), arguments(issue.path("arguments")))
                        .ifPresent(message -> object.put("message", message.in(locale)));
            }
        }
        return copy;
    }

    private static Map<String, Object> arguments(JsonNode arguments) {
        Map<String, Object> values = new LinkedHashMap<>();
        arguments
                .fields()
                .forEachRemaining(field -> values.put(
                        field.getKey(),
                        field.getValue().isNumber()
                                ? field.getValue().numberValue()
                                : field.getValue().asText()));
        return values;
    }
}
