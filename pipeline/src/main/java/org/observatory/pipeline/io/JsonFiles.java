package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.observatory.pipeline.PipelineMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.text.Message;

/** Reads run manifests and writes run reports and snapshot manifests as JSON (maps ordered by key). */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonFiles() {}

    public static RunManifest readRunManifest(Path file) {
        requireNonNull(file, "file is null");
        try {
            return MAPPER.readValue(file.toFile(), RunManifest.class);
        } catch (IOException | RuntimeException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            PipelineMessage.RUN_MANIFEST_UNREADABLE,
                            "file",
                            file.toString(),
                            "problem",
                            firstLine(problem)),
                    e);
        }
    }

    /** Writes the value as JSON, replacing the file atomically. */
    public static void write(Path file, Object value) {
        requireNonNull(file, "file is null");
        requireNonNull(value, "value is null");
        try {
            AtomicFiles.replace(file, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new ObservatoryException(
                    ErrorCode.INTERNAL_ERROR, "Cannot write %s as JSON: %s".formatted(file, e.getOriginalMessage()), e);
        }
    }

    /** Writes the value as JSON, replacing the file atomically ({@link Storage#replace}). */
    public static void write(Location file, Object value) {
        requireNonNull(file, "file is null");
        requireNonNull(value, "value is null");
        try {
            file.storage().replace(file.path(), MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new ObservatoryException(
                    ErrorCode.INTERNAL_ERROR, "Cannot write %s as JSON: %s".formatted(file, e.getOriginalMessage()), e);
        }
    }

    /** Reads a JSON file of any storage. */
    public static <T> T read(Location file, Class<T> type) {
        requireNonNull(file, "file is null");
        try {
            return MAPPER.readValue(file.storage().read(file.path()), type);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A JSON file that cannot be read or parsed, named with the first line of the parser's complaint. */
    private static ObservatoryException unreadable(Object file, IOException e) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                Message.of(
                        PipelineMessage.FILE_UNREADABLE, "file", file.toString(), "problem", firstLine(e.getMessage())),
                e);
    }

    /** The JSON text of a value (tests and logs). */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ObservatoryException(ErrorCode.INTERNAL_ERROR, "Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
