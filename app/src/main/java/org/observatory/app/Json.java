package org.observatory.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON as the commands print and store it. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    static void writeFile(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        MAPPER.writeValue(file.toFile(), value);
    }
}
