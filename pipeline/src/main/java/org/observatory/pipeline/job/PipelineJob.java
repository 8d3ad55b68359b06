package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Locations;
import org.observatory.pipeline.io.SnapshotIds;
import org.observatory.pipeline.io.StagedRowsReader;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.pipeline.io.WarehouseLock;
import org.observatory.pipeline.spark.Steps;
import org.observatory.pipeline.transform.Columns;
import org.observatory.pipeline.transform.Conservation;
import org.observatory.pipeline.transform.Exclusions;
import org.observatory.pipeline.transform.Partitions;
import org.observatory.pipeline.transform.ReferenceFrames;
import org.observatory.pipeline.transform.ResponseRates;
import org.observatory.pipeline.transform.RowAccounting;
import org.observatory.pipeline.transform.RunScope;
import org.observatory.pipeline.transform.RunSummary;
import org.observatory.pipeline.transform.SnapshotDiff;
import org.observatory.pipeline.transform.SnapshotPlan;
import org.observatory.pipeline.transform.StagedGroups;
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
 * The pipeline run. Under the warehouse's lock it first removes what runs that died left unpublished, then decides
 * per country partition whether anything it is computed from changed since the published snapshot ({@link
 * Fingerprints}); it reads, in one pass, only the staged rows of the partitions that changed, plans them with the
 * pure transforms of {@link SnapshotPlan}, checks per partition that every input row is used or excluded, writes
 * those partitions under a new snapshot id, carries the unchanged partitions over by hard links, writes {@code
 * _snapshot.json}, and only then, if its {@link PublicationGate} lets it, replaces the warehouse's {@code CURRENT}
 * and appends to {@code PUBLISHED}. A failure or a refusal before that leaves the published snapshot serving and
 * removes the unpublished one; a kill leaves it to the next run's recovery. Answers with a {@link RunReport}; this
 * class does the I/O, the transforms the rest.
 */
public final class PipelineJob {
    private static final StorageLevel CACHED = StorageLevel.MEMORY_AND_DISK();

    private final SparkSession spark;
    private final Codelists codelists;
    private final UnaryOperator<SnapshotPlan> planVariant;
    private final PublicationGate gate;
    private final SecureRandom random = new SecureRandom();

    public PipelineJob(SparkSession spark, Codelists codelists) {
        this(spark, codelists, UnaryOperator.identity(), PublicationGate.OPEN);
    }

    /** A job whose plan is changed by {@code planVariant} before it runs: tests break conservation with it. */
    PipelineJob(SparkSession spark, Codelists codelists, UnaryOperator<SnapshotPlan> planVariant) {
        this(spark, codelists, planVariant, PublicationGate.OPEN);
    }

    private PipelineJob(
            SparkSession spark, Codelists codelists, UnaryOperator<SnapshotPlan> planVariant, PublicationGate gate) {
        this.spark = requireNonNull(spark, "spark is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.planVariant = requireNonNull(planVariant, "planVariant is null");
        this.gate = requireNonNull(gate, "gate is null");
    }

    /** This job, publishing only through {@code gate} (the pipeline's command line watches its starter with it). */
    public PipelineJob publishingThrough(PublicationGate newGate) {
        return new PipelineJob(spark, codelists, planVariant, newGate);
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
        Warehouse warehouse =
                new Warehouse(Locations.resolve(manifest.warehouseUri(), "warehouseUri", Locations.Reach.CLUSTER));
        Location staging = Locations.resolve(manifest.stagingUri(), "stagingUri", Locations.Reach.CLUSTER);
        Map<String, Long> stagedBytes = StagedRowsReader.sizes(staging, manifest.submissions());
        try (WarehouseLock lock = warehouse.lock(manifest.runId())) {
            List<String> orphans = warehouse.recover();
            Optional<String> previousId = warehouse.currentSnapshotId();
            Optional<SnapshotManifest> previous = previousId.map(warehouse::manifest);
            Run run = new Run(manifest, warehouse, staging, stagedBytes, previous);
            try {
                return run.execute(orphans, started);
            } finally {
                run.release();
            }
        }
    }

    /** One run's state: what it decided to recompute, and the datasets it cached. */
    private final class Run {
        private final RunManifest manifest;
        private final Warehouse warehouse;
        private final Location staging;
        private final Map<String, Long> stagedBytes;
        private final Optional<SnapshotManifest> previous;
        private final RunSettings settings;
        private final Fingerprints fingerprints;
        private final Map<String, ApprovedSubmission> submissions = new LinkedHashMap<>();
        private final List<Dataset<Row>> cached = Collections.synchronizedList(new ArrayList<>());
        private final List<Future<?>> steps = new ArrayList<>();
        private final ExecutorService background = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "pipeline-run-step");
            thread.setDaemon(true);
            return thread;
        });

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
            manifest.submissions().forEach(submission -> submissions.put(submission.submissionId(), submission));
        }

        RunReport execute(List<String> orphans, long started) {
            Map<String, SnapshotPartition> previousPartitions =
                    previous.map(SnapshotManifest::partitions).orElse(Map.of());
            if (previousPartitions.isEmpty()) {
                // nothing to carry over: every partition is computed, and the summary names them
                Computed computed = compute(List.copyOf(submissions.keySet()), List.of(), Optional.empty());
                Set<String> recompute = new TreeSet<>(computed.summary().partitions());
                submissions.values().forEach(submission -> recompute.addAll(approved(submission)));
                return publish(
                        computed,
                        recompute,
                        Set.of(),
                        new TreeMap<>(),
                        () -> previous.map(before -> changes(before, computed, Optional.empty()))
                                .orElse(ValueChanges.NONE),
                        orphans,
                        started);
            }

            // Which partitions each submission has rows in: known from the previous snapshot, read for new ones.
            Map<String, Set<String>> known = new HashMap<>();
            previousPartitions.forEach((partition, summary) -> summary.submissionIds()
                    .forEach(id ->
                            known.computeIfAbsent(id, key -> new TreeSet<>()).add(partition)));
            List<String> newIds = submissions.keySet().stream()
                    .filter(id -> !known.containsKey(id))
                    .toList();
            Map<String, Set<String>> stagedPartitions = new HashMap<>(known);
            if (!newIds.isEmpty()) {
                stagedPartitions.putAll(partitionsOf(newIds));
            }

            Map<String, Set<String>> contributions = contributions(stagedPartitions);
            Set<String> recompute = new TreeSet<>();
            Set<String> carried = new TreeSet<>();
            contributions.forEach((partition, ids) -> {
                SnapshotPartition before = previousPartitions.get(partition);
                if (before != null && before.fingerprint().equals(fingerprint(partition, ids))) {
                    carried.add(partition);
                } else {
                    recompute.add(partition);
                }
            });
            Set<String> removed = new TreeSet<>(previousPartitions.keySet());
            removed.removeAll(contributions.keySet());

            List<String> oldIds = known.entrySet().stream()
                    .filter(entry -> submissions.containsKey(entry.getKey()))
                    .filter(entry -> entry.getValue().stream().anyMatch(recompute::contains))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            Computed computed =
                    recompute.isEmpty() ? Computed.NOTHING : compute(newIds, oldIds, Optional.of(recompute));
            Map<String, SnapshotPartition> partitions = new TreeMap<>();
            for (String partition : carried) {
                partitions.put(partition, previousPartitions.get(partition));
            }
            Set<String> compared = new TreeSet<>(recompute);
            compared.addAll(removed);
            return publish(
                    computed,
                    recompute,
                    carried,
                    partitions,
                    () -> previous.map(before -> changes(before, computed, Optional.of(compared)))
                            .orElse(ValueChanges.NONE),
                    orphans,
                    started);
        }

        /**
         * Reads and groups the staged rows of the partitions to recompute (all rows of new submissions, which only
         * have rows there, and the rows of those partitions of older ones), plans them, and counts what became of
         * them in one summary.
         *
         * @param recompute the partitions to recompute, or empty for all
         */
        private Computed compute(List<String> newIds, List<String> oldIds, Optional<Set<String>> recompute) {
            Dataset<Row> groups = StagedGroups.group(StagedRowsReader.read(spark, staging, newIds, Optional.empty()));
            if (!oldIds.isEmpty()) {
                groups = groups.unionByName(StagedGroups.group(
                        StagedRowsReader.read(spark, staging, oldIds, recompute.map(partitions -> partitions))));
            }
            groups = cache(groups);
            Dataset<Row> rowsIn = cache(RunScope.rowsIn(groups, RunScope.submissions(spark, manifest.submissions())));
            // grouped once, before two threads read the groups: started lazily, each would scan the staged rows
            Steps.named(spark, "grouping", rowsIn::count);
            // the responses table needs only the rows in: computed while the plan's stages run
            Future<Dataset<Row>> responsesComputed = inBackground(() -> {
                Dataset<Row> responses = cache(ResponseRates.table(spark, codelists, manifest.submissions(), rowsIn));
                Steps.named(spark, "responses", responses::count);
                return responses;
            });
            SnapshotPlan plan = planVariant.apply(SnapshotPlan.of(
                    rowsIn,
                    ReferenceFrames.of(spark, codelists),
                    settings.smallCellThreshold(),
                    PipelineJob.this::materialise));
            Dataset<Row> responses = finished(responsesComputed);
            Summary summary =
                    Summary.of(Steps.named(spark, "summary", RunSummary.of(groups, plan, responses)::collectAsList));
            return new Computed(plan, exclusions(plan.exclusionGroups(), summary, recompute), responses, summary);
        }

        /**
         * The exclusions table. Groups of several incidents (excluded whole: superseded, unmapped national code) are
         * listed line by line from a second read of the files of their submissions, and the lines are counted
         * against the groups: the exclusions written must be the rows the summary counted.
         */
        private Dataset<Row> exclusions(Dataset<Row> groups, Summary summary, Optional<Set<String>> recompute) {
            Set<String> ids = summary.submissionsToList();
            if (ids.isEmpty()) {
                return Exclusions.ofSingleRows(groups);
            }
            Dataset<Row> staged =
                    StagedRowsReader.read(spark, staging, List.copyOf(ids), recompute.map(partitions -> partitions));
            Optional<Set<String>> codes = summary.nationalCodesToList();
            if (codes.isPresent()) {
                // only the rows of those groups' national codes (as staged, part of the groups' keys) are keyed
                staged = staged.filter(
                        col(Columns.NATIONAL_CODE).isin(codes.get().toArray()));
            }
            Dataset<Row> exclusions = cache(Exclusions.expand(groups, StagedGroups.withKeys(staged)));
            summary.verifyListed(
                    Steps.named(spark, "exclusion lines", RowAccounting.excludedRows(exclusions)::collectAsList));
            return exclusions;
        }

        private RunReport publish(
                Computed computed,
                Set<String> recompute,
                Set<String> carried,
                Map<String, SnapshotPartition> partitions,
                Supplier<ValueChanges> valueChanges,
                List<String> orphans,
                long started) {
            Instant createdAt = Instant.now();
            String snapshotId = warehouse.claim(() -> SnapshotIds.next(createdAt, random));
            ValueChanges changes;
            try {
                for (String partition : recompute) {
                    Set<String> ids = contributors(partition, computed.summary());
                    if (!ids.isEmpty()) {
                        partitions.put(
                                partition,
                                computed.summary().partition(partition, snapshotId, fingerprint(partition, ids), ids));
                    }
                }
                Map<TableSchema, Optional<Dataset<Row>>> tables = new LinkedHashMap<>();
                tables.put(SnapshotTables.OBSERVATIONS, computed.plan().map(SnapshotPlan::observations));
                tables.put(SnapshotTables.INDICATORS, computed.plan().map(SnapshotPlan::indicators));
                tables.put(SnapshotTables.EXCLUSIONS, computed.exclusions());
                tables.put(SnapshotTables.RESPONSES, computed.responses());
                // the comparison with the previous snapshot reads only that snapshot and the new indicators
                Future<ValueChanges> compared = inBackground(valueChanges::get);
                writeAll(snapshotId, tables, recompute, partitions);
                changes = finished(compared);
                previous.ifPresent(before -> SnapshotTables.ALL.forEach(
                        table -> warehouse.carryOver(before.snapshotId(), snapshotId, table, carried)));
                warehouse.describe(new SnapshotManifest(
                        snapshotId,
                        manifest.runId(),
                        createdAt.toString(),
                        previous.map(SnapshotManifest::snapshotId).orElse(null),
                        rowCounts(partitions),
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

        /**
         * Writes the tables at the same time, one Spark job each: every job is small after the grouping, so its
         * planning on the driver and its few tasks leave the cores idle that another table's job can use. Returns
         * when every write ended; the first failure is rethrown then.
         */
        private void writeAll(
                String snapshotId,
                Map<TableSchema, Optional<Dataset<Row>>> tables,
                Set<String> recompute,
                Map<String, SnapshotPartition> partitions) {
            ExecutorService writers = Executors.newFixedThreadPool(tables.size(), runnable -> {
                Thread thread = new Thread(runnable, "snapshot-writer");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> writes = new ArrayList<>();
                tables.forEach((table, rows) ->
                        writes.add(writers.submit(() -> write(snapshotId, table, rows, recompute, partitions))));
                RuntimeException failure = null;
                for (Future<?> write : writes) {
                    try {
                        write.get();
                    } catch (ExecutionException e) {
                        RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                                ? runtime
                                : new IllegalStateException(
                                        "Writing snapshot %s failed: %s".formatted(snapshotId, e.getCause()),
                                        e.getCause());
                        if (failure == null) {
                            failure = cause;
                        } else {
                            failure.addSuppressed(cause);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        writes.forEach(pending -> pending.cancel(true));
                        throw new IllegalStateException(
                                "Interrupted while writing snapshot %s".formatted(snapshotId), e);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                writers.shutdown();
            }
        }

        private void write(
                String snapshotId,
                TableSchema table,
                Optional<Dataset<Row>> rows,
                Set<String> recompute,
                Map<String, SnapshotPartition> partitions) {
            if (rows.isPresent() && !recompute.isEmpty()) {
                Steps.named(spark, "write " + table.name(), () -> {
                    warehouse.write(snapshotId, table, rows.get(), tableRows(partitions, table));
                    return null;
                });
            } else {
                warehouse.writeEmpty(snapshotId, table);
            }
        }

        private RunReport report(
                String snapshotId,
                Map<String, SnapshotPartition> partitions,
                Set<String> recompute,
                Set<String> carried,
                ValueChanges changes,
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
                    changes.changed(),
                    changes.added(),
                    changes.withdrawn(),
                    List.copyOf(recompute),
                    unmapped,
                    (System.nanoTime() - started) / 1e9,
                    List.copyOf(carried),
                    rowsInRecomputed,
                    settings.smallCellThreshold(),
                    suppressed,
                    removedSnapshots,
                    orphans,
                    warnings);
        }

        /** Per partition, the submissions that contribute to it: staged rows there, or the country's approval. */
        private Map<String, Set<String>> contributions(Map<String, Set<String>> stagedPartitions) {
            Map<String, Set<String>> contributions = new TreeMap<>();
            for (ApprovedSubmission submission : submissions.values()) {
                Set<String> partitions =
                        new TreeSet<>(stagedPartitions.getOrDefault(submission.submissionId(), Set.of()));
                partitions.addAll(approved(submission));
                partitions.forEach(partition -> contributions
                        .computeIfAbsent(partition, key -> new TreeSet<>())
                        .add(submission.submissionId()));
            }
            return contributions;
        }

        /** The submissions a recomputed partition's rows came from, and those the country approved. */
        private Set<String> contributors(String partition, Summary summary) {
            Set<String> ids = new TreeSet<>(summary.stagedSubmissions(partition));
            submissions.values().stream()
                    .filter(submission -> approved(submission).contains(partition))
                    .forEach(submission -> ids.add(submission.submissionId()));
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
                                    approved(submission).contains(partition)))
                            .toList());
        }

        private Set<String> approved(ApprovedSubmission submission) {
            Set<String> countries = new TreeSet<>();
            submission
                    .approvedCountries()
                    .forEach(country -> countries.add(country.strip().toUpperCase(Locale.ROOT)));
            return countries;
        }

        /**
         * Changed, added and withdrawn values against the previous snapshot: of the compared partitions (recomputed
         * or removed), or of the whole previous snapshot when it has no partitions to compare by.
         */
        private ValueChanges changes(SnapshotManifest before, Computed computed, Optional<Set<String>> compared) {
            Dataset<Row> earlier = warehouse.read(before.snapshotId(), SnapshotTables.INDICATORS);
            if (compared.isPresent() && !before.partitions().isEmpty()) {
                if (compared.get().isEmpty()) {
                    return ValueChanges.NONE;
                }
                earlier = earlier.filter(Partitions.isIn(col(SnapshotTables.COUNTRY), compared.get()));
            }
            Dataset<Row> now = computed.plan()
                    .map(SnapshotPlan::indicators)
                    .orElse(spark.createDataFrame(List.of(), earlier.schema()));
            Row row = Steps.named(spark, "comparison", SnapshotDiff.compare(earlier, now)::first);
            return new ValueChanges(
                    row.getLong(row.fieldIndex(SnapshotDiff.CHANGED)),
                    row.getLong(row.fieldIndex(SnapshotDiff.ADDED)),
                    row.getLong(row.fieldIndex(SnapshotDiff.WITHDRAWN)));
        }

        /** The partitions new submissions have staged rows in (one read of their country column). */
        private Map<String, Set<String>> partitionsOf(List<String> ids) {
            Map<String, Set<String>> partitions = new HashMap<>();
            Steps.named(
                            spark,
                            "partitions of new submissions",
                            StagedGroups.partitionsOfFiles(StagedRowsReader.read(spark, staging, ids, Optional.empty()))
                                    ::collectAsList)
                    .forEach(row -> partitions
                            .computeIfAbsent(row.getString(0), key -> new TreeSet<>())
                            .add(row.getString(1)));
            return partitions;
        }

        private Dataset<Row> cache(Dataset<Row> rows) {
            Dataset<Row> persisted = rows.persist(CACHED);
            cached.add(persisted);
            return persisted;
        }

        /** Runs a step of the run on another thread; {@link #release} waits for it. */
        private <T> Future<T> inBackground(Callable<T> step) {
            Future<T> future = background.submit(step);
            steps.add(future);
            return future;
        }

        /** The result of a step of {@link #inBackground}, or its failure rethrown. */
        private <T> T finished(Future<T> step) {
            try {
                return step.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("A step of the pipeline run failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The pipeline run was interrupted", e);
            }
        }

        void release() {
            for (Future<?> step : steps) {
                try {
                    step.get();
                } catch (ExecutionException | CancellationException e) {
                    // reported by finished() where the run used the step; here only its end matters
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            background.shutdown();
            cached.forEach(Dataset::unpersist);
        }
    }

    /**
     * Computes a stage of the plan now and cuts its lineage: every stage after the grouping of staged rows runs on
     * a few thousand rows, where planning one query over the whole lineage would cost more than the work (measured:
     * lazily persisted stages in place of checkpoints made the run summary's one query take minutes instead of
     * seconds). Coalesced to the default parallelism first, so that later stages run few tasks.
     */
    private Dataset<Row> materialise(Dataset<Row> rows) {
        return rows.coalesce(spark.sparkContext().defaultParallelism()).localCheckpoint(true);
    }

    private static long tableRows(Map<String, SnapshotPartition> partitions, TableSchema table) {
        return partitions.values().stream()
                .mapToLong(partition -> partition.rowCounts().getOrDefault(table.name(), 0L))
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

    /** What a run computed for the partitions it recomputed (nothing when it recomputes none). */
    private record Computed(
            Optional<SnapshotPlan> plan,
            Optional<Dataset<Row>> exclusions,
            Optional<Dataset<Row>> responses,
            Summary summary) {
        static final Computed NOTHING =
                new Computed(Optional.empty(), Optional.empty(), Optional.empty(), Summary.EMPTY);

        Computed(SnapshotPlan plan, Dataset<Row> exclusions, Dataset<Row> responses, Summary summary) {
            this(Optional.of(plan), Optional.of(exclusions), Optional.of(responses), summary);
        }
    }

    private record ValueChanges(long changed, long added, long withdrawn) {
        static final ValueChanges NONE = new ValueChanges(0, 0, 0);
    }
}
