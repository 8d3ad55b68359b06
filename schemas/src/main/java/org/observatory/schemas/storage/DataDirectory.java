package org.observatory.schemas.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The storage layout of one data directory (default {@code ./data}), shared by every module:
 *
 * <pre>
 * landing/&lt;sha256&gt;.&lt;ext&gt;   every uploaded file, byte for byte     landing/&lt;sha256&gt;.json  its manifest
 * staging/&lt;submission-id&gt;/  rows.parquet, submission.json, report.json of an accepted submission
 * warehouse/snapshots/&lt;snapshot-id&gt;/&lt;table&gt;/country=XXX/*.parquet
 * warehouse/CURRENT         the id of the published snapshot (replaced atomically)
 * warehouse/PUBLISHED       every published snapshot, in order (see {@link PublishedSnapshots})
 * registry/                 submissions, approvals, accounts, audit log (embedded database)
 * runs/&lt;run-id&gt;/            run manifests handed to the pipeline and the run reports it answers with
 * </pre>
 */
public record DataDirectory(Path root) {
    public static final String CURRENT = "CURRENT";
    public static final String SUBMISSION_MANIFEST = "submission.json";
    public static final String VALIDATION_REPORT = "report.json";
    public static final String SNAPSHOT_MANIFEST = "_snapshot.json";

    public DataDirectory {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
    }

    public Path landing() {
        return root.resolve("landing");
    }

    public Path staging() {
        return root.resolve("staging");
    }

    public Path staging(String submissionId) {
        return staging().resolve(submissionId);
    }

    public Path warehouse() {
        return root.resolve("warehouse");
    }

    public Path snapshots() {
        return warehouse().resolve("snapshots");
    }

    public Path snapshot(String snapshotId) {
        return snapshots().resolve(snapshotId);
    }

    public Path currentPointer() {
        return warehouse().resolve(CURRENT);
    }

    /** The publication log: with {@code CURRENT}, which snapshots are published ({@link PublishedSnapshots}). */
    public Path publishedLog() {
        return warehouse().resolve(PublishedSnapshots.PUBLISHED);
    }

    /** The ids of the published snapshots in the order of publication, the current one last. */
    public java.util.List<String> publishedSnapshotIds() {
        return PublishedSnapshots.ids(warehouse());
    }

    public Path registry() {
        return root.resolve("registry");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    /** The id of the published snapshot, or empty when nothing has been published yet. */
    public Optional<String> currentSnapshotId() {
        return readSnapshotPointer(currentPointer());
    }

    /**
     * Reads a {@code CURRENT} pointer file: the id it holds, or empty when it is absent or blank. Shared by every
     * reader of a warehouse, wherever the warehouse lives (a cluster run points at it by URI, not by data directory).
     */
    public static Optional<String> readSnapshotPointer(Path pointer) {
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot read %s: %s; check the warehouse's permissions".formatted(pointer, e),
                    e);
        }
    }
}
