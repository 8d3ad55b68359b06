package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.observatory.schemas.record.SnapshotManifest;

/**
 * One published snapshot: its id, its directory under {@code warehouse/snapshots/} and its manifest. A request
 * resolves its snapshot once and runs every query against it, so a request that began before {@code CURRENT}
 * moved finishes on the snapshot it began with (snapshot directories are never modified after publication).
 */
public record Snapshot(String id, Path directory, SnapshotManifest manifest) {
    public Snapshot {
        requireNonNull(id, "id is null");
        requireNonNull(directory, "directory is null");
        requireNonNull(manifest, "manifest is null");
    }

    public boolean containsSyntheticData() {
        return manifest.containsSyntheticData();
    }
}
