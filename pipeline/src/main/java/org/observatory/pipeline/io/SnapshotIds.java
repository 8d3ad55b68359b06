package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * Snapshot ids: the UTC time of the run to the second, then a short random suffix, e.g. {@code
 * 20261122T120301Z-3f9a}. They sort in time order and two runs in the same second still differ.
 */
public final class SnapshotIds {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SnapshotIds() {}

    public static String next(Instant time, RandomGenerator random) {
        requireNonNull(time, "time is null");
        requireNonNull(random, "random is null");
        return TIME.format(time) + "-" + "%04x".formatted(random.nextInt(0x10000));
    }
}
