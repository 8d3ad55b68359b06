package org.observatory.api.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;

/**
 * The report as JSON: the model's fields as they are, nulls written out, {@code notice} only when synthetic and then
 * in the locale's language (the one human text; codes, names and numbers never change with the language).
 */
final class ResponseRateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResponseRateJson() {}

    static String render(ResponseRateReport report, Locale locale) {
        try {
            return MAPPER.writeValueAsString(ResponseRateCsv.withNotice(report, locale)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response-rate report as JSON", e);
        }
    }
}
