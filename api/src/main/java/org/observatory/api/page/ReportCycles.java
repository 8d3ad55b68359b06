package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import org.observatory.api.query.ResponseRecord;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The UN-CTS cycles a snapshot has replies for, newest first: the response-rate reports the landing page and the
 * secretariat's page link to. A published snapshot never changes, so its cycles are read once (for the last snapshot
 * asked about, normally the current one) rather than on every request. A snapshot published before the pipeline
 * wrote a responses table has no reports: none are linked.
 */
final class ReportCycles {
    private final SnapshotRepository repository;
    private volatile Read last;

    private record Read(String snapshotId, List<Integer> cycles) {}

    ReportCycles(SnapshotRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** The snapshot's cycles with replies, newest first. */
    List<Integer> of(Snapshot snapshot) {
        Read read = last;
        if (read == null || !read.snapshotId().equals(snapshot.id())) {
            read = new Read(snapshot.id(), read(snapshot));
            last = read;
        }
        return read.cycles();
    }

    private List<Integer> read(Snapshot snapshot) {
        try {
            return repository.responses(snapshot).stream()
                    .map(ResponseRecord::cycle)
                    .distinct()
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (ObservatoryException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return List.of(); // no responses table: published before response-rate reports existed
        }
    }
}
