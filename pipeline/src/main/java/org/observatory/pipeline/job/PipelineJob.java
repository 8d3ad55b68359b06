package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.observatory.pipeline.io.LocalPaths;
import org.observatory.pipeline.io.SnapshotIds;
import org.observatory.pipeline.io.StagedRowsReader;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.pipeline.transform.Columns;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.pipeline.transform.ReferenceFrames;
import org.observatory.pipeline.transform.ResponseRates;
import org.observatory.pipeline.transform.RunScope;
import org.observatory.pipeline.transform.SnapshotDiff;
import org.observatory.pipeline.transform.SnapshotPlan;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * The pipeline run: reads the staged rows of a run manifest's approved submissions, plans the snapshot with the
 * pure transforms of {@link SnapshotPlan}, checks that every input row is used or excluded, writes the
 * observations, indicators and exclusions tables and {@code _snapshot.json} under a new snapshot id, and only then
 * replaces the warehouse's {@code CURRENT}. A failure before that leaves the published snapshot serving and removes
 * the unpublished one. Answers with a {@link RunReport}; this class does the I/O, the transforms the rest.
 */
public final class PipelineJob {
    private final SparkSession spark;
    private final Codelists codelists;
    private final SecureRandom random = new SecureRandom();

    public PipelineJob(SparkSession spark, Codelists codelists) {
        this.spark = requireNonNull(spark, "spark is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
    }

    /**
     * Runs the manifest and publishes its snapshot.
     *
     * @throws org.observatory.schemas.error.ObservatoryException for an invalid manifest, missing staged rows, a
     *     storage failure or a conservation violation; {@code CURRENT} is then unchanged
     */
    public RunReport run(RunManifest manifest) {
        requireNonNull(manifest, "manifest is null");
        long started = System.nanoTime();
        RunManifestChecks.verify(manifest);
        Warehouse warehouse = new Warehouse(spark, LocalPaths.resolve(manifest.warehouseUri(), "warehouseUri"));
        Optional<String> previous = warehouse.currentSnapshotId();

        Dataset<Row> staged = StagedRowsReader.read(
                spark, LocalPaths.resolve(manifest.stagingUri(), "stagingUri"), manifest.submissions());
        Dataset<Row> rowsIn = RunScope.rowsIn(staged, RunScope.submissions(spark, manifest.submissions()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SnapshotPlan plan = SnapshotPlan.of(rowsIn, ReferenceFrames.of(spark, codelists));
            return report(manifest, warehouse, previous, rowsIn, plan, started);
        } finally {
            rowsIn.unpersist();
        }
    }

    private RunReport report(
            RunManifest manifest,
            Warehouse warehouse,
            Optional<String> previous,
            Dataset<Row> rowsIn,
            SnapshotPlan plan,
            long started) {
        // read by several of the actions below; computed once
        List<Dataset<Row>> reused = List.of(plan.revisedRows(), plan.values(), plan.exclusions(), plan.observations());
        reused.forEach(rows -> rows.persist(StorageLevel.MEMORY_AND_DISK()));
        try {
            long rowsInCount = rowsIn.count();
            Map<String, Long> rowsExcluded = outcomes(plan);
            long rowsOut =
                    Optional.ofNullable(rowsExcluded.remove(Columns.USED)).orElse(0L);
            Conservation.verify(rowsInCount, rowsOut, rowsExcluded);
            Map<String, List<String>> unmappedNationalCodes = unmappedNationalCodes(plan);
            List<String> countries = plan.countries().collectAsList().stream()
                    .map(row -> row.getString(0))
                    .sorted()
                    .toList();

            Publication publication = publish(warehouse, previous, manifest, plan);
            ValueChanges changes = publication.changes();
            return new RunReport(
                    manifest.runId(),
                    publication.snapshotId(),
                    previous.orElse(null),
                    rowsInCount,
                    rowsOut,
                    rowsExcluded,
                    changes.changed(),
                    changes.added(),
                    changes.withdrawn(),
                    countries,
                    unmappedNationalCodes,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            reused.forEach(Dataset::unpersist);
        }
    }

    /**
     * Writes the snapshot under a new id, describes it, compares it with the previous one and moves {@code CURRENT}
     * to it; removes it again when any of this fails.
     */
    private Publication publish(
            Warehouse warehouse, Optional<String> previous, RunManifest manifest, SnapshotPlan plan) {
        Instant createdAt = Instant.now();
        String snapshotId = warehouse.claim(() -> SnapshotIds.next(createdAt, random));
        try {
            Map<String, Long> rowCounts = new TreeMap<>();
            rowCounts.put(
                    SnapshotTables.OBSERVATIONS.name(),
                    write(warehouse, snapshotId, SnapshotTables.OBSERVATIONS, plan.observations()));
            rowCounts.put(
                    SnapshotTables.INDICATORS.name(),
                    write(warehouse, snapshotId, SnapshotTables.INDICATORS, plan.indicators()));
            rowCounts.put(
                    SnapshotTables.EXCLUSIONS.name(),
                    write(warehouse, snapshotId, SnapshotTables.EXCLUSIONS, plan.exclusions()));
            warehouse.write(
                    snapshotId,
                    SnapshotTables.RESPONSES,
                    ResponseRates.table(spark, codelists, manifest.submissions(), plan.revisedRows()));
            boolean synthetic = !warehouse
                    .read(snapshotId, SnapshotTables.OBSERVATIONS)
                    .filter(col(SnapshotTables.SYNTHETIC))
                    .isEmpty();
            ValueChanges changes = previous.map(previousId -> changes(warehouse, previousId, snapshotId))
                    .orElse(ValueChanges.NONE);
            warehouse.describe(new SnapshotManifest(
                    snapshotId,
                    manifest.runId(),
                    createdAt.toString(),
                    previous.orElse(null),
                    rowCounts,
                    synthetic,
                    manifest.submissions().stream()
                            .map(ApprovedSubmission::submissionId)
                            .toList()));
            warehouse.publish(snapshotId);
            return new Publication(snapshotId, changes);
        } catch (RuntimeException e) {
            try {
                warehouse.discard(snapshotId);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Writes a table and answers with the number of rows written, read back from the snapshot. */
    private static long write(Warehouse warehouse, String snapshotId, TableSchema table, Dataset<Row> rows) {
        warehouse.write(snapshotId, table, rows);
        return warehouse.read(snapshotId, table).count();
    }

    /** Input rows per outcome: {@code used}, or an exclusion reason. */
    private static Map<String, Long> outcomes(SnapshotPlan plan) {
        Map<String, Long> outcomes = new TreeMap<>();
        for (Row outcome : plan.outcomes().collectAsList()) {
            outcomes.put(outcome.getString(0), outcome.getLong(1));
        }
        return outcomes;
    }

    private static Map<String, List<String>> unmappedNationalCodes(SnapshotPlan plan) {
        return plan.unmappedNationalCodes().collectAsList().stream()
                .collect(Collectors.groupingBy(
                        row -> row.getString(0),
                        TreeMap::new,
                        Collectors.collectingAndThen(
                                Collectors.mapping(row -> row.getString(1), Collectors.toList()),
                                codes -> codes.stream().sorted().toList())));
    }

    /** Changed, added and withdrawn values of the new indicators table against the previous snapshot's. */
    private static ValueChanges changes(Warehouse warehouse, String previousId, String snapshotId) {
        Row row = SnapshotDiff.compare(
                        warehouse.read(previousId, SnapshotTables.INDICATORS),
                        warehouse.read(snapshotId, SnapshotTables.INDICATORS))
                .first();
        return new ValueChanges(
                row.getLong(row.fieldIndex(SnapshotDiff.CHANGED)),
                row.getLong(row.fieldIndex(SnapshotDiff.ADDED)),
                row.getLong(row.fieldIndex(SnapshotDiff.WITHDRAWN)));
    }

    private record Publication(String snapshotId, ValueChanges changes) {}

    private record ValueChanges(long changed, long added, long withdrawn) {
        static final ValueChanges NONE = new ValueChanges(0, 0, 0);
    }
}
