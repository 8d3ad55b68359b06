package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Locations;
import org.observatory.pipeline.io.Storage;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;

/** {@code observatory cluster push|pull} against an in-JVM HDFS ({@code hadoop-client-minicluster}). */
class ClusterCommandTest {
    @TempDir
    static Path hdfsBase;

    private static MiniDFSCluster hdfs;

    @TempDir
    Path temporary;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
        configuration.setInt("dfs.replication", 1);
        hdfs = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
    }

    private static String clusterRoot(String name) {
        return "hdfs://localhost:" + hdfs.getNameNodePort() + "/" + name;
    }

    private static Location cluster(String uri) {
        return Locations.resolve(uri, "test", Locations.Reach.CLUSTER);
    }

    @Test
    void pushesStagedSubmissionsTheClusterLacksAndWritesTheRunManifestForIt() throws IOException {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        stage(data, "sub-a", "rows of a");
        stage(data, "sub-b", "rows of b");
        Files.createDirectories(data.staging().resolve(".work-4711-x"));
        String root = clusterRoot("push");
        Path manifest = data.runs().resolve("run-1/manifest.json");
        Files.createDirectories(manifest.getParent());
        JsonFiles.write(
                manifest,
                new RunManifest(
                        "run-1",
                        "2026-11-22T12:00:00Z",
                        data.staging().toString(),
                        data.warehouse().toString(),
                        List.of(new RunManifest.ApprovedSubmission(
                                "sub-a", "national", null, 1, "2026-11-22T12:00:00Z", List.of("MEX")))));

        CommandRun first =
                CommandRun.of("cluster", "push", "--data", data.root().toString(), "--to", root);
        CommandRun again = CommandRun.of(
                "cluster", "push", "--data", data.root().toString(), "--to", root, "--manifest", manifest.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Copied 2 staged submission(s) to " + root + "/staging; 0 already there");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("Copied 0 staged submission(s) to " + root + "/staging; 1 already there");
        Location staging = cluster(root + "/staging");
        assertThat(staging.storage().list(staging.path()))
                .extracting(Storage.Entry::name)
                .containsExactly("sub-a", "sub-b");
        assertThat(staging.storage().read(staging.resolve("sub-b/rows.parquet").path()))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("rows of b");
        RunManifest forCluster = JsonFiles.readRunManifest(manifest.resolveSibling("cluster-manifest.json"));
        assertThat(forCluster.stagingUri()).isEqualTo(root + "/staging");
        assertThat(forCluster.warehouseUri()).isEqualTo(root + "/warehouse");
        assertThat(forCluster.submissions())
                .extracting(RunManifest.ApprovedSubmission::submissionId)
                .containsExactly("sub-a");
    }

    @Test
    void pullsThePublishedSnapshotIntoTheLocalWarehouseAndMakesItCurrent() throws IOException {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        String root = clusterRoot("pull");
        Warehouse remote = new Warehouse(cluster(root + "/warehouse"));
        publish(remote, "20261121T100000Z-bbbb", "rows of MEX");
        Warehouse local = new Warehouse(Location.local(data.warehouse()));
        local.publish("20261120T100000Z-aaaa", Instant.parse("2026-11-20T10:00:00Z"));

        CommandRun pulled =
                CommandRun.of("cluster", "pull", "--data", data.root().toString(), "--from", root);
        CommandRun again =
                CommandRun.of("cluster", "pull", "--data", data.root().toString(), "--from", root);

        assertThat(pulled.exit()).as(pulled.err()).isZero();
        assertThat(pulled.out())
                .isEqualTo("Snapshot 20261121T100000Z-bbbb: copied from the cluster; now the local current snapshot"
                        + System.lineSeparator());
        assertThat(again.out())
                .isEqualTo("Snapshot 20261121T100000Z-bbbb: already here; was already the current one"
                        + System.lineSeparator());
        assertThat(data.currentSnapshotId()).contains("20261121T100000Z-bbbb");
        assertThat(PublishedSnapshots.ids(data.warehouse()))
                .containsExactly("20261120T100000Z-aaaa", "20261121T100000Z-bbbb");
        Path snapshot = data.snapshot("20261121T100000Z-bbbb");
        assertThat(snapshot.resolve("indicators/country=MEX/part-0.parquet")).hasContent("rows of MEX");
        assertThat(snapshot.resolve("_snapshot.json")).isRegularFile();
        try (var leftovers = Files.list(data.snapshots())) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).containsExactly("20261121T100000Z-bbbb");
        }
    }

    @Test
    void neverOverwritesASnapshotThatIsAlreadyLocal() throws IOException {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        String root = clusterRoot("kept");
        publish(new Warehouse(cluster(root + "/warehouse")), "20261121T100000Z-cccc", "rows on the cluster");
        Path local = data.snapshot("20261121T100000Z-cccc").resolve("indicators/country=MEX/part-0.parquet");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "rows here");

        CommandRun pulled =
                CommandRun.of("cluster", "pull", "--data", data.root().toString(), "--from", root);

        assertThat(pulled.exit()).as(pulled.err()).isZero();
        assertThat(pulled.out()).startsWith("Snapshot 20261121T100000Z-cccc: already here; now the local current");
        assertThat(local).hasContent("rows here");
        assertThat(data.currentSnapshotId()).contains("20261121T100000Z-cccc");
    }

    @Test
    void saysInTheLanguageWhenTheClusterHasPublishedNothingWithTheSameCodeAndExitStatus() {
        String root = clusterRoot("empty-languages");

        List<CommandRun> runs = java.util.stream.Stream.of("pt", "fr")
                .map(language -> CommandRun.of(
                        "cluster",
                        "pull",
                        "--data",
                        temporary.resolve("data").toString(),
                        "--from",
                        root,
                        "--lang",
                        language))
                .toList();

        assertThat(runs).extracting(CommandRun::exit).containsOnly(ObservatoryCommand.EXIT_FAILED);
        assertThat(runs.get(0).err())
                .isEqualTo(("erro [STORAGE_FAILURE]: Nada foi publicado no cluster: %s/warehouse/CURRENT não existe ou"
                                        + " está vazio; execute primeiro o pipeline lá (spark-submit ... PipelineMain"
                                        + " --manifest ...)")
                                .formatted(root)
                        + System.lineSeparator());
        assertThat(runs.get(1).err())
                .isEqualTo(
                        ("erreur [STORAGE_FAILURE]\u00a0: Rien n’est publié sur la grappe\u00a0: %s/warehouse/CURRENT"
                                                + " n’existe pas ou est vide\u00a0; lancez d’abord le pipeline là-bas"
                                                + " (spark-submit ... PipelineMain --manifest ...)")
                                        .formatted(root)
                                + System.lineSeparator());
    }

    @Test
    void anUnusableClusterUriIsReportedInTheLanguageWithTheSameCodeAndExitStatus() {
        List<CommandRun> runs = java.util.stream.Stream.of("en", "es", "pt", "fr")
                .map(language -> CommandRun.of(
                        "cluster",
                        "pull",
                        "--data",
                        temporary.resolve("data").toString(),
                        "--from",
                        "hdfs:observatory",
                        "--lang",
                        language))
                .toList();

        assertThat(runs).extracting(CommandRun::exit).containsOnly(ObservatoryCommand.EXIT_FAILED);
        assertThat(runs)
                .extracting(run ->
                        run.err().substring(run.err().indexOf('['), run.err().indexOf(']') + 1))
                .containsOnly("[CONFIGURATION_INVALID]");
        assertThat(runs.get(0).err())
                .startsWith("error [CONFIGURATION_INVALID]: Run manifest --from 'hdfs:observatory' is not usable: a"
                        + " cluster URI needs an absolute path, e.g. hdfs://namenode:8020/observatory");
        assertThat(runs.get(1).err())
                .startsWith("error [CONFIGURATION_INVALID]: El --from 'hdfs:observatory' del manifiesto de la ejecución"
                        + " no se puede usar: un URI de clúster necesita una ruta absoluta");
        assertThat(runs.get(2).err())
                .startsWith("erro [CONFIGURATION_INVALID]: O --from \"hdfs:observatory\" do manifesto da execução não"
                        + " pode ser usado: um URI de cluster precisa de um caminho absoluto");
        assertThat(runs.get(3).err())
                .startsWith("erreur [CONFIGURATION_INVALID]\u00a0: Le --from «\u00a0hdfs:observatory\u00a0» du"
                        + " manifeste d’exécution est inutilisable\u00a0: un URI de grappe exige un chemin absolu");
    }

    @Test
    void saysWhenTheClusterHasPublishedNothing() {
        String root = clusterRoot("empty");

        CommandRun pulled = CommandRun.of(
                "cluster", "pull", "--data", temporary.resolve("data").toString(), "--from", root);

        assertThat(pulled.exit()).isEqualTo(ObservatoryCommand.EXIT_FAILED);
        assertThat(pulled.err())
                .isEqualTo(("error [STORAGE_FAILURE]: Nothing is published on the cluster: %s/warehouse/CURRENT does"
                                        + " not exist or is empty; run the pipeline there first (spark-submit ... PipelineMain"
                                        + " --manifest ...)")
                                .formatted(root)
                        + System.lineSeparator());
    }

    private static void stage(DataDirectory data, String submissionId, String rows) throws IOException {
        Files.createDirectories(data.staging(submissionId));
        Files.writeString(data.staging(submissionId).resolve("rows.parquet"), rows);
    }

    private static void publish(Warehouse warehouse, String snapshotId, String rows) throws IOException {
        String claimed = warehouse.claim(() -> snapshotId);
        Storage storage = warehouse.root().storage();
        storage.write(
                warehouse
                        .snapshot(claimed)
                        .resolve("indicators/country=MEX/part-0.parquet")
                        .path(),
                rows.getBytes(StandardCharsets.UTF_8));
        warehouse.describe(
                new SnapshotManifest(claimed, "run-1", "2026-11-21T10:00:00Z", null, Map.of(), false, List.of()));
        warehouse.publish(claimed, Instant.parse("2026-11-21T10:05:00Z"));
    }
}
