package org.observatory.schemas.record;

/**
 * The settings of a pipeline run, part of its {@link RunManifest}. A setting left out (null in the JSON) takes its
 * default, so a manifest written before a setting existed still runs.
 *
 * @param smallCellThreshold aggregates computed from incident-level data with a count below this are suppressed
 *     and flagged confidential (invariant 8); 0 or 1 suppress nothing. Default {@value #DEFAULT_SMALL_CELL_THRESHOLD}
 * @param keepSnapshots how many published snapshots to keep, the current one included; 0 keeps all (the default)
 * @param retentionGraceSeconds a snapshot is removed by retention only when it stopped being current at least this
 *     long ago and no reader lease of it is younger than this, so that a request that began on it can finish.
 *     Default {@value #DEFAULT_RETENTION_GRACE_SECONDS}
 */
public record RunSettings(Integer smallCellThreshold, Integer keepSnapshots, Long retentionGraceSeconds) {
    public static final int DEFAULT_SMALL_CELL_THRESHOLD = 3;
    public static final long DEFAULT_RETENTION_GRACE_SECONDS = 900;

    /** Every setting at its default. */
    public static final RunSettings DEFAULTS = new RunSettings(null, null, null);

    public RunSettings {
        smallCellThreshold = smallCellThreshold == null ? DEFAULT_SMALL_CELL_THRESHOLD : smallCellThreshold;
        keepSnapshots = keepSnapshots == null ? 0 : keepSnapshots;
        retentionGraceSeconds = retentionGraceSeconds == null ? DEFAULT_RETENTION_GRACE_SECONDS : retentionGraceSeconds;
        if (smallCellThreshold < 0) {
            throw new IllegalArgumentException(
                    "smallCellThreshold must be 0 or more (0 suppresses nothing), not " + smallCellThreshold);
        }
        if (keepSnapshots < 0) {
            throw new IllegalArgumentException("keepSnapshots must be 0 (keep all) or more, not " + keepSnapshots);
        }
        if (retentionGraceSeconds < 0) {
            throw new IllegalArgumentException("retentionGraceSeconds must be 0 or more, not " + retentionGraceSeconds);
        }
    }

    /** These settings with another small-cell threshold. */
    public RunSettings withSmallCellThreshold(int threshold) {
        return new RunSettings(threshold, keepSnapshots, retentionGraceSeconds);
    }

    /** These settings with another number of snapshots to keep (0 keeps all). */
    public RunSettings withKeepSnapshots(int snapshots) {
        return new RunSettings(smallCellThreshold, snapshots, retentionGraceSeconds);
    }

    /** These settings with another retention grace period. */
    public RunSettings withRetentionGraceSeconds(long seconds) {
        return new RunSettings(smallCellThreshold, keepSnapshots, seconds);
    }
}
