package org.observatory.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.observatory.pipeline.io.HadoopStorage;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Storage;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.pipeline.io.WarehouseLock;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * Moves data between a local data directory and a cluster data root ({@code <root>/staging}, {@code
 * <root>/warehouse}, the local layout): ingest stages locally and the API reads a local warehouse, while a Spark
 * run on a cluster reads and writes the cluster's. Nothing is ever overwritten: a folder or snapshot is copied under
 * a temporary name next to its place, then renamed into it, so a reader sees it whole or not at all, and one that
 * is already there is left as it is (staged rows and snapshots never change once written).
 */
final class ClusterTransfer {
    private static final String STAGING = "staging";
    private static final String WAREHOUSE = "warehouse";
    private static final String SNAPSHOTS = "snapshots";
    /** The run manifest {@code push --manifest} writes next to the given one, with the cluster's locations. */
    static final String CLUSTER_MANIFEST = "cluster-manifest.json";

    private ClusterTransfer() {}

    /** What {@link #push} did. */
    record Pushed(List<String> copied, List<String> alreadyThere, Optional<Path> clusterManifest) {
        Pushed {
            copied = List.copyOf(copied);
            alreadyThere = List.copyOf(alreadyThere);
            requireNonNull(clusterManifest, "clusterManifest is null");
        }
    }

    /** What {@link #pull} did. */
    record Pulled(String snapshotId, boolean copied, boolean published) {}

    /**
     * Copies staged submissions to {@code <remote>/staging/<id>/} that are not there yet: those a run manifest
     * names, or every staged one. With a manifest, also writes {@value #CLUSTER_MANIFEST} next to it, the same run
     * with the cluster's staging and warehouse, for {@code spark-submit ... PipelineMain --manifest}.
     */
    static Pushed push(DataDirectory data, Location remote, Optional<Path> manifestFile) {
        Location localStaging = Location.local(data.staging());
        Location remoteStaging = remote.resolve(STAGING);
        Optional<RunManifest> manifest = manifestFile.map(JsonFiles::readRunManifest);
        List<String> ids = manifest.map(run -> run.submissions().stream()
                        .map(RunManifest.ApprovedSubmission::submissionId)
                        .toList())
                .orElseGet(() -> stagedIds(localStaging));
        List<String> copied = new ArrayList<>();
        List<String> alreadyThere = new ArrayList<>();
        for (String id : ids) {
            Location rows = localStaging.resolve(id).resolve(StagedRows.FILE_NAME);
            if (!Files.isRegularFile(rows.localPath())) {
                throw new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        Message.of(
                                CliMessage.CLUSTER_STAGED_ROWS_MISSING, "submission", id, "location", rows.toString()));
            }
            if (isFile(remoteStaging.resolve(id).resolve(StagedRows.FILE_NAME))) {
                alreadyThere.add(id);
                continue;
            }
            place(localStaging.resolve(id), remoteStaging, id);
            copied.add(id);
        }
        Optional<Path> clusterManifest = manifest.map(run -> {
            Path file = manifestFile.get().toAbsolutePath().resolveSibling(CLUSTER_MANIFEST);
            JsonFiles.write(
                    file,
                    new RunManifest(
                            run.runId(),
                            run.createdAt(),
                            remoteStaging.uri(),
                            remote.resolve(WAREHOUSE).uri(),
                            run.submissions(),
                            run.settings(),
                            run.approvalPolicy()));
            return file;
        });
        return new Pushed(copied, alreadyThere, clusterManifest);
    }

    /**
     * Copies the snapshot the cluster warehouse's {@code CURRENT} names into the local warehouse, unless it is
     * there already, then publishes it locally ({@code CURRENT} replaced atomically, {@code PUBLISHED} appended) so
     * that the API switches to it. Holds the local warehouse's lock meanwhile.
     */
    static Pulled pull(DataDirectory data, Location remote) {
        Warehouse cluster = new Warehouse(remote.resolve(WAREHOUSE));
        String snapshotId = cluster.currentSnapshotId()
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.STORAGE_FAILURE,
                        Message.of(
                                CliMessage.CLUSTER_NOTHING_PUBLISHED,
                                "pointer",
                                cluster.currentPointer().toString())));
        cluster.manifest(snapshotId);
        Warehouse local = new Warehouse(Location.local(data.warehouse()));
        try (WarehouseLock lock = local.lock("pull-" + snapshotId)) {
            boolean copied = false;
            if (!Files.exists(local.snapshot(snapshotId).localPath())) {
                place(cluster.snapshot(snapshotId), local.root().resolve(SNAPSHOTS), snapshotId);
                copied = true;
            }
            boolean published =
                    !local.currentSnapshotId().filter(snapshotId::equals).isPresent();
            if (published) {
                local.publish(snapshotId, Instant.now());
            }
            return new Pulled(snapshotId, copied, published);
        }
    }

    /** Copies a directory into {@code <parent>/<name>} through a temporary name beside it and one rename. */
    private static void place(Location from, Location parent, String name) {
        Location temporary = parent.resolve(".%s.%s.tmp".formatted(name, UUID.randomUUID()));
        Location target = parent.resolve(name);
        try {
            copyTree(from, temporary);
            target.storage().rename(temporary.path(), target.path());
        } catch (IOException e) {
            try {
                temporary.storage().deleteRecursively(temporary.path());
            } catch (IOException ignored) {
                // the message below names the target; a leftover temporary folder starts with a dot
            }
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            CliMessage.CLUSTER_COPY_FAILED,
                            "from",
                            from.toString(),
                            "to",
                            target.toString(),
                            "problem",
                            e.toString()),
                    e);
        }
    }

    private static void copyTree(Location from, Location to) throws IOException {
        Storage source = from.storage();
        to.storage().createDirectories(to.path());
        for (Storage.Entry entry : source.list(from.path())) {
            if (entry.name().equals(HadoopStorage.CLAIM)) {
                continue;
            }
            if (entry.directory()) {
                copyTree(from.resolve(entry.name()), to.resolve(entry.name()));
            } else {
                try (InputStream in = source.open(from.resolve(entry.name()).path());
                        OutputStream out =
                                to.storage().create(to.resolve(entry.name()).path())) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** The submissions staged locally: the folders of {@code staging/} that hold staged rows. */
    private static List<String> stagedIds(Location staging) {
        try {
            return staging.storage().list(staging.path()).stream()
                    .filter(entry -> entry.directory() && !entry.name().startsWith("."))
                    .map(Storage.Entry::name)
                    .filter(id -> Files.isRegularFile(
                            staging.resolve(id).resolve(StagedRows.FILE_NAME).localPath()))
                    .toList();
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(CliMessage.CLUSTER_LIST_FAILED, "location", staging.toString(), "problem", e.toString()),
                    e);
        }
    }

    private static boolean isFile(Location location) {
        try {
            return location.storage().isFile(location.path());
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    Message.of(
                            CliMessage.CLUSTER_READ_FAILED, "location", location.toString(), "problem", e.toString()),
                    e);
        }
    }
}
