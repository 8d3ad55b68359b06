package org.observatory.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.Submissions;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.pipeline.testing.TestHdfs;
import org.observatory.pipeline.testing.TestSpark;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The warehouse and the staging area on {@code hdfs:} URIs, against an in-JVM HDFS ({@link TestHdfs}): the same
 * publication safety as on a local disk (exclusive lock, atomic {@code CURRENT}, claim, carry-over, recovery,
 * retention), and Spark reading and writing Parquet there. Each test works under its own directory of one cluster.
 */
class HdfsWarehouseTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    static Path temporary;

    private static TestHdfs hdfs;
    /** How long the cluster took to start, printed for the record. */
    private static Duration startUp;

    @BeforeAll
    static void startHdfs() throws IOException {
        long started = System.nanoTime();
        hdfs = TestHdfs.start(temporary.resolve("hdfs"));
        startUp = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("MiniDFSCluster started in %d ms at %s%n", startUp.toMillis(), hdfs.uri());
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** A fresh warehouse on the cluster, named after the test. */
    private static Warehouse warehouse(TestInfo test) {
        return new Warehouse(location(test, "warehouse"));
    }

    private static Location location(TestInfo test, String name) {
        return Locations.resolve(
                hdfs.uri(test.getTestMethod().orElseThrow().getName() + "/" + name),
                "warehouseUri",
                Locations.Reach.CLUSTER);
    }

    @Test
    void runsThePipelineOnSparkWithStagingAndWarehouseOnHdfs(TestInfo test) throws Exception {
        Path local = temporary.resolve("local-staging");
        StagedRow.stage(
                local,
                "jam-hdfs",
                List.of(
                        StagedRow.accepted("jam-hdfs", "national", 2)
                                .at("JAM", 2022)
                                .national("MUR", "Murder")
                                .count(1500),
                        StagedRow.accepted("jam-hdfs", "national", 3)
                                .at("JAM", 2023)
                                .national("XX-1", "Unknown offence")
                                .count(7)));
        Location staging = location(test, "staging");
        Location warehouseRoot = location(test, "warehouse");
        Location staged = StagedRowsReader.location(staging, "jam-hdfs");
        try (var out = staged.storage().create(staged.path());
                var in = java.nio.file.Files.newInputStream(
                        local.resolve("jam-hdfs").resolve("rows.parquet"))) {
            in.transferTo(out);
        }
        RunManifest manifest = new RunManifest(
                "run-hdfs",
                "2026-11-22T12:00:00Z",
                staging.uri(),
                warehouseRoot.uri(),
                List.of(Submissions.approved("jam-hdfs", "national", 1, "JAM")));

        RunReport report;
        try (Engine engine = TestEngines.spark()) {
            report = new PipelineJob(engine, Codelists.load()).run(manifest);
        }

        Warehouse warehouse = new Warehouse(warehouseRoot);
        assertThat(report.engine()).isEqualTo("spark");
        assertThat(warehouse.currentSnapshotId()).contains(report.snapshotId());
        assertThat(report.rowsIn()).isEqualTo(2);
        assertThat(report.rowsExcluded()).containsExactly(Map.entry("unmapped-national-code", 1L));
        List<Row> indicators = TestSpark.session()
                .read()
                .parquet(warehouse
                        .table(report.snapshotId(), SnapshotTables.INDICATORS)
                        .uri())
                .select(SnapshotTables.COUNTRY, SnapshotTables.YEAR, SnapshotTables.COUNT)
                .collectAsList();
        assertThat(indicators).extracting(Row::toString).contains("[JAM,2022,1500.0]");
        try (Engine engine = TestEngines.duckDb()) {
            assertThatThrownBy(() -> new PipelineJob(engine, Codelists.load()).run(manifest))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessageStartingWith("Run manifest warehouseUri '" + warehouseRoot.uri() + "' is not usable:")
                    .hasMessageContaining("--engine spark");
        }
    }

    @Test
    void resolvesHdfsUrisToHadoopStorageForTheSparkEngine(TestInfo test) {
        Location location = location(test, "warehouse");

        assertThat(location.storage()).isInstanceOf(HadoopStorage.class);
        assertThat(location.uri()).isEqualTo(hdfs.uri("resolvesHdfsUrisToHadoopStorageForTheSparkEngine/warehouse"));
        assertThat(location.resolve("snapshots/x").uri()).endsWith("/warehouse/snapshots/x");
    }

    @Test
    void refusesASecondRunWhileTheFirstHoldsTheWarehouseAndReleasesTheLockOnClose(TestInfo test) throws IOException {
        Warehouse warehouse = warehouse(test);
        String lockFile = warehouse.root().resolve(WarehouseLock.FILE_NAME).path();
        try (WarehouseLock held = warehouse.lock("run-1")) {
            assertThatThrownBy(() -> warehouse.lock("run-2"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessageMatching(("Another pipeline run holds the warehouse %s \\(pid %d, run run-1, since"
                                    + " [0-9T:.Z-]+\\); runs of one warehouse are serialised: wait for it to finish,"
                                    + " then run again; if that run died \\(no driver of it is running\\), delete %s"
                                    + " and run again")
                            .formatted(
                                    Pattern.quote(warehouse.root().toString()),
                                    ProcessHandle.current().pid(),
                                    Pattern.quote(lockFile)))
                    .extracting(error -> ((ObservatoryException) error).errorCode())
                    .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
        }
        assertThat(warehouse.root().storage().exists(lockFile)).isFalse();
        warehouse.lock("run-3").close();
    }

    @Test
    void replacesCurrentAtomicallyAndRecordsEveryPublication(TestInfo test) throws IOException {
        Warehouse warehouse = warehouse(test);
        complete(warehouse, "20261120T100000Z-aaaa", null);
        complete(warehouse, "20261121T100000Z-bbbb", "20261120T100000Z-aaaa");

        warehouse.publish("20261120T100000Z-aaaa", NOW.minusSeconds(60));
        assertThat(warehouse.currentSnapshotId()).contains("20261120T100000Z-aaaa");
        warehouse.publish("20261121T100000Z-bbbb", NOW);

        Storage storage = warehouse.root().storage();
        assertThat(new String(storage.read(warehouse.currentPointer().path()), StandardCharsets.UTF_8))
                .isEqualTo("20261121T100000Z-bbbb\n");
        assertThat(warehouse.publishedSnapshotIds()).containsExactly("20261120T100000Z-aaaa", "20261121T100000Z-bbbb");
        assertThat(storage.list(warehouse.root().path()))
                .extracting(Storage.Entry::name)
                .containsExactly("CURRENT", "PUBLISHED", "snapshots");
        assertThat(warehouse.manifest("20261121T100000Z-bbbb").previousSnapshotId())
                .isEqualTo("20261120T100000Z-aaaa");
    }

    @Test
    void claimsEachSnapshotIdOnce(TestInfo test) throws IOException {
        Warehouse warehouse = warehouse(test);
        Iterator<String> ids = List.of("20261120T100000Z-aaaa", "20261120T100000Z-aaaa", "20261120T100000Z-bbbb")
                .iterator();

        assertThat(warehouse.claim(ids::next)).isEqualTo("20261120T100000Z-aaaa");
        assertThat(warehouse.claim(ids::next)).isEqualTo("20261120T100000Z-bbbb");
        assertThat(warehouse
                        .root()
                        .storage()
                        .isDirectory(warehouse.snapshot("20261120T100000Z-bbbb").path()))
                .isTrue();
    }

    @Test
    void carriesPartitionsOverByCopySoRemovingTheOldSnapshotKeepsTheNew(TestInfo test) throws IOException {
        Warehouse warehouse = warehouse(test);
        Storage storage = warehouse.root().storage();
        String mex = warehouse
                .partition("20261120T100000Z-aaaa", SnapshotTables.INDICATORS, "MEX")
                .resolve("part-0.parquet")
                .path();
        storage.write(mex, "rows of MEX".getBytes(StandardCharsets.UTF_8));

        List<String> carried = warehouse.carryOver(
                "20261120T100000Z-aaaa", "20261121T100000Z-bbbb", SnapshotTables.INDICATORS, List.of("MEX", "JAM"));
        storage.deleteRecursively(warehouse.snapshot("20261120T100000Z-aaaa").path());

        assertThat(carried).containsExactly("MEX");
        assertThat(storage.read(warehouse
                        .partition("20261121T100000Z-bbbb", SnapshotTables.INDICATORS, "MEX")
                        .resolve("part-0.parquet")
                        .path()))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("rows of MEX");
    }

    @Test
    void removesSnapshotsThatNoPublicationNamesAndTheTemporaryFilesOfInterruptedReplacements(TestInfo test)
            throws IOException {
        Warehouse warehouse = warehouse(test);
        Storage storage = warehouse.root().storage();
        complete(warehouse, "20261120T100000Z-aaaa", null);
        complete(warehouse, "20261121T110000Z-dead", "20261120T100000Z-aaaa");
        warehouse.publish("20261120T100000Z-aaaa", NOW);
        String leftover = warehouse.root().resolve(".CURRENT.4711.tmp").path();
        storage.write(leftover, "20261121T110000Z-dead\n".getBytes(StandardCharsets.UTF_8));

        assertThat(warehouse.recover()).containsExactly("20261121T110000Z-dead");

        assertThat(storage.exists(warehouse.snapshot("20261121T110000Z-dead").path()))
                .isFalse();
        assertThat(storage.exists(leftover)).isFalse();
        assertThat(warehouse.currentSnapshotId()).contains("20261120T100000Z-aaaa");
    }

    @Test
    void keepsTheNewestSnapshotsAndOnesBeingRead(TestInfo test) throws IOException {
        Warehouse warehouse = warehouse(test);
        Storage storage = warehouse.root().storage();
        List<String> ids = List.of("20261118T100000Z-aaaa", "20261119T100000Z-bbbb", "20261120T100000Z-cccc");
        String previous = null;
        for (int index = 0; index < ids.size(); index++) {
            complete(warehouse, ids.get(index), previous);
            warehouse.publish(ids.get(index), NOW.minus(Duration.ofDays(3 - index)));
            previous = ids.get(index);
        }
        storage.write(
                warehouse.root().resolve("leases/20261119T100000Z-bbbb/api-1").path(), new byte[0]);

        List<String> removed = warehouse.retain(1, Duration.ofMinutes(15), Instant.now());

        assertThat(removed).containsExactly("20261118T100000Z-aaaa");
        assertThat(warehouse.publishedSnapshotIds()).containsExactly("20261119T100000Z-bbbb", "20261120T100000Z-cccc");
        assertThat(storage.exists(warehouse.snapshot("20261118T100000Z-aaaa").path()))
                .isFalse();
    }

    @Test
    void measuresStagedRowsOnHdfsAndNamesTheMissingOnes(TestInfo test) throws IOException {
        Location staging = location(test, "staging");
        staging.storage().write(staging.resolve("sub-1/rows.parquet").path(), new byte[42]);
        ApprovedSubmission present = new ApprovedSubmission("sub-1", "national", null, 1, NOW.toString(), List.of());
        ApprovedSubmission absent = new ApprovedSubmission("sub-2", "national", null, 2, NOW.toString(), List.of());

        assertThat(StagedRowsReader.sizes(staging, List.of(present))).isEqualTo(Map.of("sub-1", 42L));
        assertThatThrownBy(() -> StagedRowsReader.sizes(staging, List.of(present, absent)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Staged rows are missing for submission(s) [sub-2] (expected %s/sub-2/rows.parquet);"
                                .formatted(staging.uri())
                        + " ingest them again or remove them from the run manifest");
    }

    @Test
    void sparkWritesAndReadsParquetPartitionedByCountryOnHdfs(TestInfo test) {
        SparkSession spark = TestSpark.session();
        Location table = location(test, "warehouse/snapshots/20261120T100000Z-aaaa/indicators");
        Dataset<Row> rows = spark.sql(
                "SELECT * FROM VALUES ('MEX', 2024, 17L), ('MEX', 2025, 19L), ('JAM', 2025, 3L) AS t(country, year, value)");

        rows.write().partitionBy(SnapshotTables.COUNTRY).parquet(table.uri());
        Dataset<Row> read = spark.read().parquet(table.uri());

        assertThat(read.where("country = 'MEX'")
                        .selectExpr("sum(value)")
                        .first()
                        .getLong(0))
                .isEqualTo(36L);
        assertThat(read.count()).isEqualTo(3L);
        assertThat(table.resolve("country=JAM").uri())
                .satisfies(uri -> assertThat(isDirectory(table.resolve("country=JAM")))
                        .as(uri)
                        .isTrue());
    }

    private static boolean isDirectory(Location location) {
        try {
            return location.storage().isDirectory(location.path());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void complete(Warehouse warehouse, String snapshotId, String previous) throws IOException {
        warehouse
                .root()
                .storage()
                .createDirectories(warehouse
                        .partition(snapshotId, SnapshotTables.INDICATORS, "MEX")
                        .path());
        warehouse.describe(new SnapshotManifest(
                snapshotId, "run-" + snapshotId, NOW.toString(), previous, Map.of(), false, List.of()));
    }
}
