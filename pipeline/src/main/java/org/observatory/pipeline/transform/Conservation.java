package org.observatory.pipeline.transform;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Invariant 2, nothing is silently dropped: every input row of a run is used or excluded with a reason, so
 * {@code rows in == rows out + rows excluded}. A run where this does not hold fails before it publishes.
 */
public final class Conservation {
    private Conservation() {}

    /**
     * @throws ObservatoryException {@link ErrorCode#CONSERVATION_VIOLATED}, with the three numbers and the
     *     exclusions by reason, when the balance does not hold
     */
    public static void verify(long rowsIn, long rowsOut, Map<String, Long> rowsExcluded) {
        verify("", rowsIn, rowsOut, rowsExcluded);
    }

    /**
     * The same check for one country partition, named in the message.
     *
     * @throws ObservatoryException {@link ErrorCode#CONSERVATION_VIOLATED} when the balance does not hold
     */
    public static void verify(String partition, long rowsIn, long rowsOut, Map<String, Long> rowsExcluded) {
        requireNonNull(partition, "partition is null");
        requireNonNull(rowsExcluded, "rowsExcluded is null");
        long excluded =
                rowsExcluded.values().stream().mapToLong(Long::longValue).sum();
        if (rowsIn != rowsOut + excluded) {
            throw new ObservatoryException(
                    ErrorCode.CONSERVATION_VIOLATED,
                    ("Rows are not conserved%s: rows in %d != rows out %d + rows excluded %d %s (%+d unaccounted);"
                                    + " this is a pipeline bug, the previous snapshot stays published; report it with"
                                    + " the run manifest")
                            .formatted(
                                    partition.isEmpty() ? "" : " in partition " + partition,
                                    rowsIn,
                                    rowsOut,
                                    excluded,
                                    new TreeMap<>(rowsExcluded),
                                    rowsIn - rowsOut - excluded));
        }
    }
}
