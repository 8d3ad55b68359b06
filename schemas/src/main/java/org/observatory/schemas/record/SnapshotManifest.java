package org.observatory.schemas.record;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a published snapshot says about itself ({@code snapshots/<id>/_snapshot.json}): its run, when it was made,
 * the snapshot it follows, the row count of each table, whether it holds synthetic data, and the submissions it
 * was built from. It is written after the tables and before {@code CURRENT} moves.
 */
public record SnapshotManifest(
        String snapshotId,
        String runId,
        String createdAt,
        String previousSnapshotId,
        Map<String, Long> rowCounts,
        boolean containsSyntheticData,
        List<String> submissionIds) {
    public SnapshotManifest {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(createdAt, "createdAt is null");
        rowCounts = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(rowCounts, "rowCounts is null")));
        submissionIds = List.copyOf(requireNonNull(submissionIds, "submissionIds is null"));
    }
}
