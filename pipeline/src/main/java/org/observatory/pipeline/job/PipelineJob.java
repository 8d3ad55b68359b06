package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Relation;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Locations;
import org.observatory.pipeline.io.SnapshotIds;
import org.observatory.pipeline.io.StagedRowsReader;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.pipeline.io.WarehouseLock;
import org.observatory.pipeline.plan.IncrementalPlan;
import org.observatory.pipeline.plan.ReferenceRelations;
import org.observatory.pipeline.plan.SnapshotSql;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.record.SnapshotPartition;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * The pipeline run, on whichever {@link Engine} it is given. Under the warehouse's lock it first removes what runs
 * that died left unpublished, then decides per country partition whether anything it is computed from changed
 * since the published snapshot ({@link IncrementalPlan}, {@link Fingerprints}); it registers only the staged rows
 * of the partitions that changed, runs the one definition of the pipeline ({@link SnapshotSql}) on them, checks per
 * partition that every input row is used or excluded, writes those partitions under a new snapshot id with the
 * {@code changes} against the previous snapshot, carries the unchanged partitions over by hard links, writes {@code
 * _snapshot.json}, and only then, if its {@link PublicationGate} lets it, replaces the warehouse's {@code CURRENT}
 * and appends to {@code PUBLISHED}. A failure or a refusal before that leaves the published snapshot serving and
 * removes the unpublished one; a kill leaves it to the next run's recovery. This class does the I/O and the
 * orchestration; the SQL does every transformation.
 */
public final class PipelineJob {
    private static final String STAGED = "staged";
    private static final String STAGED_NEW = "staged_new";
    private static final String STAGED_OLD = "staged_old";
    private static final String PREVIOUS_INDICATORS = "previous_indicators";
    /** The tables a run writes from the relations of the same name. */
    private static final List<TableSchema> WRITTEN = List.of(
            SnapshotTables.OBSERVATIONS,
            SnapshotTables.INDICATORS,
            SnapshotTables.EXCLUSIONS,
            SnapshotTables.RESPONSES,
            SnapshotTables.CHANGES);

    private final Engine engine;
    private final Codelists codelists;
    private final UnaryOperator<SnapshotSql> planVariant;
    private final PublicationGate gate;
    private final SecureRandom random = new SecureRandom();

    public PipelineJob(Engine engine, Codelists codelists) {
        this(engine, codelists, UnaryOperator.identity(), PublicationGate.OPEN);
    }

    /** A job whose SQL is changed by {@code planVariant} before it runs: tests break conservation with it. */
    PipelineJob(Engine engine, Codelists codelists, UnaryOperator<SnapshotSql> planVariant) {
        this(engine, codelists, planVariant, PublicationGate.OPEN);
    }

    private PipelineJob(
            Engine engine, Codelists codelists, UnaryOperator<SnapshotSql> planVariant, PublicationGate gate) {
        this.engine = requireNonNull(engine, "engine is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.planVariant = requireNonNull(planVariant, "planVariant is null");
        this.gate = requireNonNull(gate, "gate is null");
    }

    /** This job, publishing only through {@code gate} (the pipeline's command line watches its starter with it). */
    public PipelineJob publishingThrough(PublicationGate newGate) {
        return new PipelineJob(engine, codelists, planVariant, newGate);
    }

    /**
     * Runs the manifest and publishes its snapshot.
     *
     * @throws ObservatoryException for an invalid manifest, missing staged rows, another run holding the warehouse
     *     ({@link ErrorCode#RUN_IN_PROGRESS}), a storage failure or a conservation violation; {@code CURRENT} is
     *     then unchanged
     */
    public RunReport run(RunManifest manifest) {
        requireNonNull(manifest, "manifest is null");
        long started = System.nanoTime();
        RunManifestChecks.verify(manifest);
        // the embedded engine reads and writes local files only; Spark any file system Hadoop knows
        Locations.Reach reach = engine.kind() == EngineKind.SPARK ? Locations.Reach.CLUSTER : Locations.Reach.LOCAL;
        Warehouse warehouse = new Warehouse(Locations.resolve(manifest.warehouseUri(), "warehouseUri", reach));
        Location staging = Locations.resolve(manifest.stagingUri(), "stagingUri", reach);
        Map<String, Long> stagedBytes = StagedRowsReader.sizes(staging, manifest.submissions());
        try (WarehouseLock lock = warehouse.lock(manifest.runId())) {
            List<String> orphans = warehouse.recover();
            Optional<SnapshotManifest> previous = warehouse.currentSnapshotId().map(warehouse::manifest);
            return new Run(manifest, warehouse, staging, stagedBytes, previous).execute(orphans, started);
        }
    }

    /** One run's state. */
    private final class Run {
        private final RunManifest manifest;
        private final Warehouse warehouse;
        private final Location staging;
        private final Map<String, Long> stagedBytes;
        private final Optional<SnapshotManifest> previous;
        private final RunSettings settings;
        private final Fingerprints fingerprints;
        private final Map<String, ApprovedSubmission> submissions = new LinkedHashMap<>();
        private final Map<String, Set<String>> approved = new LinkedHashMap<>();

        Run(
                RunManifest manifest,
                Warehouse warehouse,
                Location staging,
                Map<String, Long> stagedBytes,
                Optional<SnapshotManifest> previous) {
            this.manifest = manifest;
            this.warehouse = warehouse;
            this.staging = staging;
            this.stagedBytes = stagedBytes;
            this.previous = previous;
            this.settings = manifest.settings();
            this.fingerprints = new Fingerprints(codelists, settings);
            for (ApprovedSubmission submission : manifest.submissions()) {
                submissions.put(submission.submissionId(), submission);
                Set<String> countries = new TreeSet<>();
                submission
                        .approvedCountries()
                        .forEach(country -> countries.add(country.strip().toUpperCase(Locale.ROOT)));
                approved.put(submission.submissionId(), countries);
            }
        }

        RunReport execute(List<String> orphans, long started) {
            Map<String, SnapshotPartition> previousPartitions =
                    previous.map(SnapshotManifest::partitions).orElse(Map.of());
            if (previousPartitions.isEmpty()) {
                // nothing to carry over: every partition is computed, and the summary names them; a previous
                // snapshot without partitions (written before they existed) is compared whole
                Summary summary =
                        compute(List.copyOf(submissions.keySet()), List.of(), Optional.empty(), Optional.empty());
                Set<String> recompute = new TreeSet<>(summary.partitions());
                approved.values().forEach(recompute::addAll);
                return publish(summary, recompute, Set.of(), new TreeMap<>(), orphans, started);
            }
            List<String> newIds = IncrementalPlan.newSubmissions(previousPartitions, List.copyOf(submissions.keySet()));
            IncrementalPlan plan = IncrementalPlan.of(
                    previousPartitions,
                    approved,
                    partitionsOf(newIds),
                    (partition, ids) -> fingerprint(partition, ids));
            Summary summary = plan.recompute().isEmpty()
                    ? Summary.EMPTY
                    : compute(
                            plan.newIds(), plan.oldIds(), Optional.of(plan.recompute()), Optional.of(plan.compared()));
            if (plan.recompute().isEmpty()) {
                defineEmptyTables(plan.compared());
            }
            Map<String, SnapshotPartition> partitions = new TreeMap<>();
            plan.carried().forEach(partition -> partitions.put(partition, previousPartitions.get(partition)));
            return publish(summary, plan.recompute(), plan.carried(), partitions, orphans, started);
        }

        /**
         * Registers the staged rows to read (all rows of new submissions, which only have rows in recomputed
         * partitions, and the rows of those partitions of older ones), the codelists and the previous snapshot's
         * indicators of the compared partitions, runs the SQL, and checks what it counted.
         *
         * @param recompute the partitions to recompute, or empty for all
         * @param compared the partitions to compare with the previous snapshot, or empty for all of it
         */
        private Summary compute(
                List<String> newIds,
                List<String> oldIds,
                Optional<Set<String>> recompute,
                Optional<Set<String>> compared) {
            ReferenceRelations.of(codelists, manifest.submissions()).forEach(engine::register);
            engine.registerStaged(STAGED_NEW, files(newIds), Optional.empty());
            engine.registerStaged(STAGED_OLD, files(oldIds), recompute);
            engine.define(STAGED, "SELECT * FROM " + STAGED_NEW + " UNION ALL SELECT * FROM " + STAGED_OLD, false);
            registerPrevious(compared);
            SnapshotSql sql = SnapshotSql.load(settings.smallCellThreshold());
            if (previous.isEmpty()) {
                // the first snapshot changes nothing: there is nothing to compare it with
                sql = sql.replacing(
                        SnapshotTables.CHANGES.name(), first -> "SELECT * FROM (" + first + ") first_run WHERE false");
            }
            planVariant.apply(sql).defineAll(engine);
            Summary summary = Summary.of(engine.query(Summary.QUERY));
            summary.verifyListed();
            return summary;
        }

        /** The previous snapshot's indicators of the compared partitions (all of them when not given). */
        private void registerPrevious(Optional<Set<String>> compared) {
            if (previous.isEmpty()) {
                engine.register(new Relation(
                        new TableSchema(PREVIOUS_INDICATORS, SnapshotTables.INDICATORS.columns()), List.of()));
                return;
            }
            engine.registerTable(
                    PREVIOUS_INDICATORS,
                    SnapshotTables.INDICATORS,
                    location(warehouse.readableTable(previous.get().snapshotId(), SnapshotTables.INDICATORS)),
                    compared);
        }

        /** When nothing is recomputed, the tables to write are empty, but partitions removed may still change. */
        private void defineEmptyTables(Set<String> compared) {
            engine.register(new Relation(SnapshotTables.INDICATORS, List.of()));
            registerPrevious(Optional.of(compared));
            SnapshotSql.load(settings.smallCellThreshold()).statements().stream()
                    .filter(statement -> statement.relation().equals(SnapshotTables.CHANGES.name()))
                    .forEach(statement -> engine.define(statement.relation(), statement.sql(), true));
        }

        private RunReport publish(
                Summary summary,
                Set<String> recompute,
                Set<String> carried,
                Map<String, SnapshotPartition> partitions,
                List<String> orphans,
                long started) {
            Instant createdAt = Instant.now();
            String snapshotId = warehouse.claim(() -> SnapshotIds.next(createdAt, random));
            Map<String, Long> changes;
            try {
                for (String partition : recompute) {
                    Set<String> ids = contributors(partition, summary);
                    if (!ids.isEmpty()) {
                        partitions.put(
                                partition, summary.partition(partition, snapshotId, fingerprint(partition, ids), ids));
                    }
                }
                changes = changeCounts();
                for (TableSchema table : WRITTEN) {
                    long rows = table.equals(SnapshotTables.CHANGES)
                            ? changes.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            : tableRows(partitions, recompute, table);
                    if (rows > 0) {
                        engine.write(table.name(), table, location(warehouse.table(snapshotId, table)), rows);
                    }
                    warehouse.markWritten(snapshotId, table);
                }
                previous.ifPresent(before -> SnapshotTables.ALL.forEach(
                        table -> warehouse.carryOver(before.snapshotId(), snapshotId, table, carried)));
                Map<String, Long> rowCounts = rowCounts(partitions);
                rowCounts.put(
                        SnapshotTables.CHANGES.name(),
                        changes.values().stream().mapToLong(Long::longValue).sum());
                warehouse.describe(new SnapshotManifest(
                        snapshotId,
                        manifest.runId(),
                        createdAt.toString(),
                        previous.map(SnapshotManifest::snapshotId).orElse(null),
                        rowCounts,
                        partitions.values().stream().anyMatch(SnapshotPartition::containsSyntheticData),
                        List.copyOf(submissions.keySet()),
                        settings.smallCellThreshold(),
                        partitions));
                // the gate's last check and the replacement of CURRENT happen together (ParentWatch)
                gate.publish(() -> warehouse.publish(snapshotId, Instant.now()));
            } catch (RuntimeException e) {
                try {
                    warehouse.discard(snapshotId);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            List<String> warnings = new ArrayList<>();
            List<String> removedSnapshots = List.of();
            try {
                removedSnapshots = warehouse.retain(
                        settings.keepSnapshots(), Duration.ofSeconds(settings.retentionGraceSeconds()), Instant.now());
            } catch (ObservatoryException e) {
                warnings.add(
                        "Retention failed after snapshot %s was published: %s".formatted(snapshotId, e.getMessage()));
            }
            return report(
                    snapshotId, partitions, recompute, carried, changes, orphans, removedSnapshots, warnings, started);
        }

        /** Revised, added and withdrawn values of the {@code changes} relation. */
        private Map<String, Long> changeCounts() {
            Map<String, Long> counts = new TreeMap<>();
            List.of(SnapshotTables.CHANGE_REVISED, SnapshotTables.CHANGE_ADDED, SnapshotTables.CHANGE_WITHDRAWN)
                    .forEach(change -> counts.put(change, 0L));
            engine.query("SELECT change, CAST(count(*) AS BIGINT) FROM changes GROUP BY change")
                    .forEach(row -> counts.put((String) row.get(0), ((Number) row.get(1)).longValue()));
            return counts;
        }

        private RunReport report(
                String snapshotId,
                Map<String, SnapshotPartition> partitions,
                Set<String> recompute,
                Set<String> carried,
                Map<String, Long> changes,
                List<String> orphans,
                List<String> removedSnapshots,
                List<String> warnings,
                long started) {
            long rowsIn = 0;
            long rowsOut = 0;
            long rowsInRecomputed = 0;
            long suppressed = 0;
            Map<String, Long> rowsExcluded = new TreeMap<>();
            Map<String, List<String>> unmapped = new TreeMap<>();
            for (Map.Entry<String, SnapshotPartition> entry : partitions.entrySet()) {
                SnapshotPartition partition = entry.getValue();
                rowsIn += partition.rowsIn();
                rowsOut += partition.rowsOut();
                suppressed += partition.suppressedValues();
                if (recompute.contains(entry.getKey())) {
                    rowsInRecomputed += partition.rowsIn();
                }
                partition.rowsExcluded().forEach((reason, rows) -> rowsExcluded.merge(reason, rows, Long::sum));
                if (!partition.unmappedNationalCodes().isEmpty()) {
                    unmapped.put(entry.getKey(), partition.unmappedNationalCodes());
                }
            }
            Conservation.verify(rowsIn, rowsOut, rowsExcluded);
            return new RunReport(
                    manifest.runId(),
                    snapshotId,
                    previous.map(SnapshotManifest::snapshotId).orElse(null),
                    rowsIn,
                    rowsOut,
                    rowsExcluded,
                    changes.get(SnapshotTables.CHANGE_REVISED),
                    changes.get(SnapshotTables.CHANGE_ADDED),
                    changes.get(SnapshotTables.CHANGE_WITHDRAWN),
                    List.copyOf(recompute),
                    unmapped,
                    (System.nanoTime() - started) / 1e9,
                    List.copyOf(carried),
                    rowsInRecomputed,
                    settings.smallCellThreshold(),
                    suppressed,
                    removedSnapshots,
                    orphans,
                    warnings,
                    engine.kind().cliName());
        }

        /** The submissions a recomputed partition's rows came from, and those the country approved. */
        private Set<String> contributors(String partition, Summary summary) {
            Set<String> ids = new TreeSet<>(summary.stagedSubmissions(partition));
            approved.forEach((id, countries) -> {
                if (countries.contains(partition)) {
                    ids.add(id);
                }
            });
            return ids;
        }

        private String fingerprint(String partition, Collection<String> ids) {
            return fingerprints.of(
                    partition,
                    ids.stream()
                            .map(submissions::get)
                            .map(submission -> new Fingerprints.Contribution(
                                    submission.submissionId(),
                                    submission.sourceKind(),
                                    submission.sequence(),
                                    submission.cycle(),
                                    stagedBytes.get(submission.submissionId()),
                                    approved.get(submission.submissionId()).contains(partition)))
                            .toList());
        }

        /** The partitions new submissions have staged rows in (one read of their country column). */
        private Map<String, Set<String>> partitionsOf(List<String> ids) {
            Map<String, Set<String>> partitions = new TreeMap<>();
            if (ids.isEmpty()) {
                return partitions;
            }
            engine.registerStaged(STAGED_NEW, files(ids), Optional.empty());
            engine.query("SELECT DISTINCT submission_id, CASE WHEN country IS NULL OR trim(country) = ''"
                            + " THEN '_UNKNOWN' ELSE country END FROM " + STAGED_NEW)
                    .forEach(row -> partitions
                            .computeIfAbsent((String) row.get(0), key -> new TreeSet<>())
                            .add((String) row.get(1)));
            return partitions;
        }

        private List<Engine.StagedFile> files(List<String> ids) {
            return ids.stream()
                    .map(id -> new Engine.StagedFile(id, location(StagedRowsReader.location(staging, id))))
                    .toList();
        }
    }

    private static URI location(Location location) {
        return URI.create(location.uri());
    }

    /** The rows of a table in the recomputed partitions, from their entries. */
    private static long tableRows(Map<String, SnapshotPartition> partitions, Set<String> recompute, TableSchema table) {
        return partitions.entrySet().stream()
                .filter(entry -> recompute.contains(entry.getKey()))
                .mapToLong(entry -> entry.getValue().rowCounts().getOrDefault(table.name(), 0L))
                .sum();
    }

    private static Map<String, Long> rowCounts(Map<String, SnapshotPartition> partitions) {
        Map<String, Long> counts = new TreeMap<>();
        SnapshotTables.ALL.forEach(table -> counts.put(table.name(), 0L));
        partitions.values().forEach(partition -> partition
                .rowCounts()
                .forEach((table, rows) -> counts.merge(table, rows, Long::sum)));
        return counts;
    }
}
