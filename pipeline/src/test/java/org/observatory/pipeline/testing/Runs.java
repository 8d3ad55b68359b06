package org.observatory.pipeline.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.storage.DataDirectory;

/** Runs of the real {@link PipelineJob} on small fixtures in a data directory, and their tables read back. */
public final class Runs {
    private static final Codelists CODELISTS = Codelists.load();

    private Runs() {}

    /**
     * Stages the rows (each submission's in its own file, as ingest does) under {@code <data>/staging} and runs the
     * submissions into the warehouse of {@code data}.
     */
    public static RunReport run(
            Engine engine,
            Path data,
            List<ApprovedSubmission> submissions,
            List<StagedRow> rows,
            RunSettings settings) {
        requireNonNull(rows, "rows is null");
        DataDirectory directory = new DataDirectory(data);
        Map<String, List<StagedRow>> bySubmission = new LinkedHashMap<>();
        submissions.forEach(submission -> bySubmission.put(submission.submissionId(), new java.util.ArrayList<>()));
        rows.forEach(row -> bySubmission
                .computeIfAbsent((String) row.values().get(0), id -> new java.util.ArrayList<>())
                .add(row));
        bySubmission.forEach((id, staged) -> StagedRow.stage(directory.staging(), id, staged));
        return new PipelineJob(engine, CODELISTS)
                .run(new RunManifest(
                        "run-" + data.getFileName(),
                        "2026-11-22T12:00:00Z",
                        directory.staging().toString(),
                        directory.warehouse().toString(),
                        submissions,
                        settings));
    }

    /** A table of a run's snapshot, each row a map of column to value, in the order of {@code orderBy}. */
    public static List<Map<String, Object>> table(Path data, RunReport report, String table, String orderBy) {
        return Tables.rows(new DataDirectory(data).snapshot(report.snapshotId()).resolve(table), orderBy);
    }
}
