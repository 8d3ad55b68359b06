package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.schemas.codelist.Codelists;

/**
 * Reads a snapshot's {@code responses} table and builds the response-rate report of one cycle against the
 * deployment's member list and indicator catalogue. The API route and {@code observatory report response-rates}
 * both go through here, so they answer with the same report.
 */
public final class ResponseRateReporter {
    /** The earliest survey cycle a report can be asked for (the UN-CTS began in the 1970s). */
    public static final int EARLIEST_CYCLE = 1970;
    /** The latest survey cycle a report can be asked for. */
    public static final int LATEST_CYCLE = 2100;

    private final SnapshotRepository repository;
    private final Codelists codelists;

    public ResponseRateReporter(SnapshotRepository repository, Codelists codelists) {
        this.repository = requireNonNull(repository, "repository is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
    }

    /**
     * @throws NoRepliesForCycleException when the snapshot holds no reply to that cycle
     * @throws org.observatory.schemas.error.ObservatoryException {@code NOT_FOUND} when the snapshot has no
     *     {@code responses} table, {@code STORAGE_FAILURE} when it cannot be read
     */
    public ResponseRateReport report(Snapshot snapshot, int cycle, ResponseDeadlines deadlines) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(deadlines, "deadlines is null");
        return ResponseRateReports.build(
                cycle,
                snapshot.id(),
                snapshot.containsSyntheticData(),
                repository.responses(snapshot),
                codelists.members(),
                codelists.indicators(),
                deadlines);
    }

    /** Whether a report can be asked for that cycle at all (a year from 1970 to 2100). */
    public static boolean isCycle(int cycle) {
        return cycle >= EARLIEST_CYCLE && cycle <= LATEST_CYCLE;
    }
}
