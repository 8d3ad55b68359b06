package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a snapshot says about itself ({@code snapshots/<id>/_snapshot.json}): its run, when it was made, the
 * snapshot it follows, the row count of each table, whether it holds synthetic data, the submissions it was built
 * from, the small-cell threshold its aggregates of incident-level data obey, and each country partition with the
 * fingerprint incremental runs compare ({@link SnapshotPartition}). It is written after the tables and before
 * {@code CURRENT} moves. A snapshot directory with this file is complete, but only a snapshot that {@code
 * warehouse/PUBLISHED} lists or {@code CURRENT} names is published ({@link
 * org.observatory.schemas.storage.PublishedSnapshots}).
 *
 * <p>Manifests written before {@code smallCellThreshold} and {@code partitions} existed read with null and no
 * partitions.
 */
public record SnapshotManifest(
        String snapshotId,
        String runId,
        String createdAt,
        String previousSnapshotId,
        Map<String, Long> rowCounts,
        boolean containsSyntheticData,
        List<String> submissionIds,
        Integer smallCellThreshold,
        Map<String, SnapshotPartition> partitions) {
    public SnapshotManifest {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(createdAt, "createdAt is null");
        rowCounts = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(rowCounts, "rowCounts is null")));
        submissionIds = List.copyOf(requireNonNull(submissionIds, "submissionIds is null"));
        partitions = Collections.unmodifiableMap(new TreeMap<>(partitions == null ? Map.of() : partitions));
    }

    /** A manifest without a small-cell threshold and partitions (as written before they existed). */
    public SnapshotManifest(
            String snapshotId,
            String runId,
            String createdAt,
            String previousSnapshotId,
            Map<String, Long> rowCounts,
            boolean containsSyntheticData,
            List<String> submissionIds) {
        this(
                snapshotId,
                runId,
                createdAt,
                previousSnapshotId,
                rowCounts,
                containsSyntheticData,
                submissionIds,
                null,
                Map.of());
    }
}
