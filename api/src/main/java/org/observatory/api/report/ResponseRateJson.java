package org.observatory.api.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The report as JSON: the model's fields as they are, nulls written out, {@code notice} only when synthetic. */
final class ResponseRateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResponseRateJson() {}

    static String render(ResponseRateReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response-rate report as JSON", e);
        }
    }
}
