package org.observatory.api.report;

import java.util.List;
import java.util.stream.Collectors;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

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

    private static Message message(int cycle, String snapshotId, List<Integer> cycles) {
        if (cycles.isEmpty()) {
            return Message.of(
                    ReportMessage.NO_REPLIES_IN_SNAPSHOT, "cycle", String.valueOf(cycle), "snapshot", snapshotId);
        }
        return Message.of(
                ReportMessage.NO_REPLIES_FOR_CYCLE,
                "cycle",
                String.valueOf(cycle),
                "snapshot",
                snapshotId,
                "cycles",
                cycles.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
}
