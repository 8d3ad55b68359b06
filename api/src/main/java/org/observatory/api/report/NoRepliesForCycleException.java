package org.observatory.api.report;

import java.util.List;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * A report was asked for a UN-CTS cycle that no reply in the snapshot answers: the cycle's CTS file was never
 * loaded with {@code --cycle}, or it is not a cycle at all. The message names the cycles that have replies.
 */
public final class NoRepliesForCycleException extends ObservatoryException {
    private static final long serialVersionUID = 1L;

    private final int cycle;

    public NoRepliesForCycleException(int cycle, String snapshotId, List<Integer> cyclesWithReplies) {
        super(ErrorCode.NOT_FOUND, message(cycle, snapshotId, cyclesWithReplies));
        this.cycle = cycle;
    }

    public int cycle() {
        return cycle;
    }

    private static String message(int cycle, String snapshotId, List<Integer> cycles) {
        String available = cycles.isEmpty()
                ? "it holds no CTS replies loaded with a cycle"
                : "cycles with replies: "
                        + cycles.stream()
                                .map(String::valueOf)
                                .reduce((a, b) -> a + ", " + b)
                                .orElseThrow();
        return ("No CTS replies for cycle %d in snapshot '%s' (%s); load the cycle's CTS file with"
                        + " 'observatory ingest FILE --source cts --cycle %d' and run the pipeline, or ask for one of"
                        + " the cycles listed")
                .formatted(cycle, snapshotId, available, cycle);
    }
}
