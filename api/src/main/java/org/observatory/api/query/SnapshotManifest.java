package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The fields of a snapshot's {@code _snapshot.json} that the API uses. The pipeline writes the manifest last, so a
 * snapshot without one is incomplete; {@code containsSyntheticData} decides whether every response carries the
 * synthetic-data notice. Unknown fields are ignored.
 */
public record SnapshotManifest(
        String snapshotId,
        Optional<String> runId,
        Optional<String> createdAt,
        Optional<String> previousSnapshotId,
        boolean containsSyntheticData) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SnapshotManifest {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(previousSnapshotId, "previousSnapshotId is null");
    }

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
        return new SnapshotManifest(
                text(root, "snapshotId").orElseThrow(() -> broken(file, "field 'snapshotId' is missing")),
                text(root, "runId"),
                text(root, "createdAt"),
                text(root, "previousSnapshotId"),
                synthetic.booleanValue());
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static ObservatoryException broken(Path file, String problem) {
        return new ObservatoryException(
                ErrorCode.STORAGE_FAILURE, "Snapshot manifest %s is invalid: %s".formatted(file, problem));
    }
}
