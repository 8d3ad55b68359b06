package org.observatory.pipeline.io;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.observatory.pipeline.spark.SparkSchemas;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * A local warehouse: {@code snapshots/<id>/<table>/country=XXX/*.parquet}, {@code snapshots/<id>/_snapshot.json}
 * and {@code CURRENT}, the id of the published snapshot. A snapshot is written whole under a new id, then
 * published by replacing {@code CURRENT} atomically; until then readers keep the previous one (invariant 4).
 */
public final class Warehouse {
    private static final String SNAPSHOTS = "snapshots";
    private static final int CLAIM_ATTEMPTS = 16;

    private final SparkSession spark;
    private final Path root;

    public Warehouse(SparkSession spark, Path root) {
        this.spark = requireNonNull(spark, "spark is null");
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path currentPointer() {
        return root.resolve(DataDirectory.CURRENT);
    }

    public Path snapshot(String snapshotId) {
        return root.resolve(SNAPSHOTS).resolve(snapshotId);
    }

    public Path table(String snapshotId, TableSchema table) {
        return snapshot(snapshotId).resolve(table.name());
    }

    /** The published snapshot's id, or empty when nothing has been published. */
    public Optional<String> currentSnapshotId() {
        return DataDirectory.readSnapshotPointer(currentPointer());
    }

    /**
     * Creates the directory of a new snapshot under the first id of {@code ids} that no snapshot has yet, and
     * answers with that id. Only a claimed snapshot is ever {@link #discard discarded}.
     */
    public String claim(Supplier<String> ids) {
        requireNonNull(ids, "ids is null");
        try {
            Files.createDirectories(root.resolve(SNAPSHOTS));
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                String snapshotId = ids.get();
                try {
                    Files.createDirectory(snapshot(snapshotId));
                    return snapshotId;
                } catch (FileAlreadyExistsException taken) {
                    // another snapshot has this id; draw another
                }
            }
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot create a snapshot directory in %s: %s; check that the warehouse is writable"
                            .formatted(root.resolve(SNAPSHOTS), e),
                    e);
        }
        throw new ObservatoryException(
                ErrorCode.STORAGE_FAILURE,
                "Found no free snapshot id in %s after %d attempts; check the snapshot ids there"
                        .formatted(root.resolve(SNAPSHOTS), CLAIM_ATTEMPTS));
    }

    /** Writes a table of a new snapshot as Parquet, one directory per country, one file per country. */
    public void write(String snapshotId, TableSchema table, Dataset<Row> rows) {
        SparkSchemas.conform(rows, table)
                .repartition(col(SnapshotTables.COUNTRY))
                .sortWithinPartitions(SnapshotTables.COUNTRY, SnapshotTables.YEAR)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(SnapshotTables.COUNTRY)
                .parquet(LocalPaths.sparkLocation(table(snapshotId, table)));
    }

    /**
     * A table of a written snapshot, with its schema's columns and types.
     *
     * @throws ObservatoryException {@link ErrorCode#STORAGE_FAILURE} when the snapshot has no such table
     */
    public Dataset<Row> read(String snapshotId, TableSchema table) {
        Path location = table(snapshotId, table);
        if (!Files.isDirectory(location)) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    ("Snapshot %s has no %s table at %s; restore the snapshot from a backup, or point CURRENT at"
                                    + " a complete snapshot")
                            .formatted(snapshotId, table.name(), location));
        }
        return SparkSchemas.conform(
                spark.read().schema(SparkSchemas.structType(table)).parquet(LocalPaths.sparkLocation(location)), table);
    }

    /** Writes the snapshot's {@code _snapshot.json}. */
    public void describe(SnapshotManifest manifest) {
        JsonFiles.write(snapshot(manifest.snapshotId()).resolve(DataDirectory.SNAPSHOT_MANIFEST), manifest);
    }

    /** Makes the snapshot the published one: replaces {@code CURRENT} atomically. */
    public void publish(String snapshotId) {
        AtomicFiles.replace(currentPointer(), (snapshotId + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Removes what a failed run wrote of a snapshot that was never published. */
    public void discard(String snapshotId) {
        if (currentSnapshotId().filter(snapshotId::equals).isPresent()) {
            throw new IllegalStateException("snapshot " + snapshotId + " is published and cannot be discarded");
        }
        Path directory = snapshot(snapshotId);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot remove the unpublished snapshot %s: %s; delete the directory by hand"
                            .formatted(directory, e),
                    e);
        }
    }
}
