package org.observatory.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Reads a snapshot's {@code _snapshot.json} (the {@link SnapshotManifest} record of schemas, written by the
 * pipeline last, after the tables). A snapshot without one is incomplete; {@code containsSyntheticData} decides
 * whether every response carries the synthetic-data notice. Unknown fields are ignored.
 */
public final class SnapshotManifests {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotManifests() {}

    /** Reads {@code <snapshotDirectory>/_snapshot.json}; fails with {@code STORAGE_FAILURE} when it is absent or broken. */
    public static SnapshotManifest read(Path snapshotDirectory) {
        Path file = snapshotDirectory.resolve(DataDirectory.SNAPSHOT_MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Snapshot %s has no %s, so it is incomplete; publish a complete snapshot or point CURRENT at one"
                            .formatted(snapshotDirectory, DataDirectory.SNAPSHOT_MANIFEST));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw broken(file, "it is not a JSON object");
        }
        JsonNode synthetic = root.get("containsSyntheticData");
        if (synthetic == null || !synthetic.isBoolean()) {
            throw broken(file, "field 'containsSyntheticData' must be true or false");
        }
        try {
            return MAPPER.treeToValue(root, SnapshotManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw broken(file, rootCause(e).getMessage());
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ObservatoryException broken(Path file, String problem) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE, "Snapshot manifest %s is invalid: %s".formatted(file, problem));
    }
}
