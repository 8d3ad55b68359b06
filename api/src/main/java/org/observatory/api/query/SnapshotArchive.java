package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * A whole published vintage as one zip archive, written straight to an output stream (nothing is held whole in
 * memory): {@code CITATION.txt}, the snapshot manifest, every table (with {@code changes} when the snapshot has
 * it) as one CSV file ({@code csv/<table>.csv}, written
 * by DuckDB to a temporary file and streamed from there) and as the snapshot's own Parquet files ({@code
 * parquet/<table>/country=XXX/*.parquet}). Every entry sits under a folder named after the snapshot id.
 *
 * <p>While the archive is written the snapshot holds a reader lease ({@code warehouse/leases/<id>/<file>}, touched
 * at least every ten seconds: {@link SnapshotLease}), so the pipeline's retention does not remove it under the reader.
 */
public final class SnapshotArchive {
    private static final String PLATFORM = "Crime and violence observatory of the Americas";

    private final SnapshotRepository repository;
    private final Clock clock;

    public SnapshotArchive(SnapshotRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The archive's file name, e.g. {@code observatory-snapshot-20261122T120301Z-3f9a.zip}. */
    public static String fileName(Snapshot snapshot) {
        return "observatory-snapshot-" + snapshot.id() + ".zip";
    }

    /**
     * Writes the archive of a published snapshot to the stream (which it does not close).
     *
     * @param publishedAt when the snapshot was published (ISO-8601), for the citation
     * @param downloadUrl the address the archive was downloaded from, for the citation
     */
    public void write(Snapshot snapshot, String publishedAt, String downloadUrl, OutputStream out) throws IOException {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(publishedAt, "publishedAt is null");
        requireNonNull(out, "out is null");
        try (SnapshotLease lease = repository.catalogue().lease(snapshot, clock)) {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            String folder = snapshot.id() + "/";
            writeEntry(zip, folder + "CITATION.txt", citation(snapshot, publishedAt, downloadUrl));
            copyEntry(
                    zip,
                    folder + DataDirectory.SNAPSHOT_MANIFEST,
                    snapshot.directory().resolve(DataDirectory.SNAPSHOT_MANIFEST));
            List<TableSchema> tables = tables(snapshot);
            Path scratch = Files.createTempFile("observatory-export-", ".csv");
            try {
                for (TableSchema table : tables) {
                    lease.touchIfDue();
                    repository.exportCsv(snapshot, table, scratch);
                    copyEntry(zip, folder + "csv/" + table.name() + ".csv", scratch);
                }
            } finally {
                Files.deleteIfExists(scratch);
            }
            for (TableSchema table : tables) {
                for (Path file : parquetFiles(snapshot.directory().resolve(table.name()))) {
                    lease.touchIfDue();
                    Path relative = snapshot.directory().relativize(file);
                    copyEntry(zip, folder + "parquet/" + relative.toString().replace('\\', '/'), file);
                }
            }
            zip.finish();
            zip.flush();
        }
    }

    /**
     * The tables of the archive: every snapshot's, then {@code changes} when the snapshot has one (vintages published
     * before the pipeline recorded its changes have none).
     */
    private static List<TableSchema> tables(Snapshot snapshot) {
        List<TableSchema> tables = new ArrayList<>(SnapshotTables.ALL);
        if (Files.isDirectory(snapshot.directory().resolve(SnapshotTables.CHANGES.name()))) {
            tables.add(SnapshotTables.CHANGES);
        }
        return List.copyOf(tables);
    }

    /** The citation text: the platform, the snapshot id and its date, and the synthetic-data note when it applies. */
    public static String citation(Snapshot snapshot, String publishedAt, String downloadUrl) {
        String date = publishedAt.length() >= 10 ? publishedAt.substring(0, 10) : publishedAt;
        String year = date.length() >= 4 ? date.substring(0, 4) : date;
        StringBuilder text = new StringBuilder();
        if (snapshot.containsSyntheticData()) {
            text.append("SYNTHETIC DEMO DATA - not real crime statistics. This snapshot holds values generated to\n")
                    .append(
                            "demonstrate the platform; do not cite, publish or analyse them as data about any country.\n\n");
        }
        text.append(PLATFORM)
                .append(" - published data snapshot\n\n")
                .append("Snapshot id:   ")
                .append(snapshot.id())
                .append('\n')
                .append("Published:     ")
                .append(publishedAt)
                .append('\n')
                .append("Created:       ")
                .append(snapshot.manifest().createdAt())
                .append(" (pipeline run ")
                .append(snapshot.manifest().runId())
                .append(")\n");
        if (snapshot.manifest().previousSnapshotId() != null) {
            text.append("Previous:      ")
                    .append(snapshot.manifest().previousSnapshotId())
                    .append('\n');
        }
        text.append("\nPlease cite as:\n  ")
                .append(PLATFORM)
                .append(" (")
                .append(year)
                .append("). Published data snapshot ")
                .append(snapshot.id())
                .append(", ")
                .append(date)
                .append(". ")
                .append(downloadUrl)
                .append('\n')
                .append("\nThe same values can be queried with ?vintage=")
                .append(snapshot.id())
                .append(" on every data route of the API.\n")
                .append("\nContents: _snapshot.json (the snapshot manifest); csv/<table>.csv (each table as one CSV\n")
                .append("file, UTF-8, with a header); parquet/<table>/country=XXX/*.parquet (the published Parquet\n")
                .append("files). Tables: observations (one row per value, with its national definition and source\n")
                .append(
                        "line), indicators (counts and rates per 100,000 with the population used), exclusions (every\n")
                .append("input row not used, with its reason), responses (who answered which UN-CTS cycle)")
                .append(
                        Files.isDirectory(snapshot.directory().resolve(SnapshotTables.CHANGES.name()))
                                ? ",\nchanges (the values revised, added and withdrawn against the previous snapshot).\n"
                                : ".\n");
        if (snapshot.containsSyntheticData()) {
            text.append("\nThis snapshot contains synthetic data (see the notice at the top).\n");
        }
        return text.toString();
    }

    private static List<Path> parquetFiles(Path table) throws IOException {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> partitions = Files.list(table)) {
            for (Path partition : partitions.sorted().toList()) {
                if (!Files.isDirectory(partition)
                        || !partition.getFileName().toString().startsWith(SnapshotTables.COUNTRY + "=")) {
                    continue;
                }
                try (Stream<Path> inside = Files.list(partition)) {
                    inside.filter(file -> file.getFileName().toString().endsWith(".parquet"))
                            .sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }

    private static void writeEntry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void copyEntry(ZipOutputStream zip, String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(Files.getLastModifiedTime(file));
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
    }
}
