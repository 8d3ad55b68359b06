package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.storage.PublishedSnapshots;
import org.observatory.schemas.table.Column;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * A synthetic published snapshot the way the pipeline lays it out: the {@code indicators} table (every member state
 * x every catalogue indicator x {@code years} years; each year a national total, by sex M and F, and for offences
 * two mechanisms), partitioned by country and written by DuckDB, the other tables empty, {@code _snapshot.json}
 * saying the data is synthetic, {@code CURRENT} and {@code PUBLISHED}. Values come from a fixed seed. {@link
 * #republish} publishes a copy under a new id by hard links (what an incremental run that changed nothing does),
 * so a snapshot switch costs no rewrite.
 */
final class GeneratedSnapshot {
    static final int FIRST_YEAR = 2010;

    private final DataDirectory data;
    private final Codelists codelists;

    GeneratedSnapshot(DataDirectory data, Codelists codelists) {
        this.data = requireNonNull(data, "data is null");
        this.codelists = requireNonNull(codelists, "codelists is null");
    }

    /** Writes and publishes the snapshot; returns how many indicator rows it has. */
    long write(String snapshotId, int years, long seed) {
        Path snapshot = data.snapshot(snapshotId);
        SplittableRandom random = new SplittableRandom(seed);
        long rows = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (TableSchema table : SnapshotTables.ALL) {
                statement.execute("CREATE TABLE " + table.name() + " " + table.duckDbColumnList());
            }
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "indicators")) {
                for (MemberState member : codelists.members().all()) {
                    double population = 100_000 + random.nextDouble() * 50_000_000;
                    for (Indicator indicator : codelists.indicators().all()) {
                        double level = 10 + random.nextDouble() * 5_000;
                        for (int year = FIRST_YEAR; year < FIRST_YEAR + years; year++) {
                            double total = Math.round(level * (0.8 + random.nextDouble() * 0.4));
                            rows += append(appender, member, indicator, year, "_T", "_T", "_T", total, population);
                            rows += append(
                                    appender,
                                    member,
                                    indicator,
                                    year,
                                    "M",
                                    "_T",
                                    "_T",
                                    Math.round(total * 0.8),
                                    population / 2);
                            rows += append(
                                    appender,
                                    member,
                                    indicator,
                                    year,
                                    "F",
                                    "_T",
                                    "_T",
                                    Math.round(total * 0.2),
                                    population / 2);
                            if (!indicator.iccsCodes().isEmpty()) {
                                rows += append(
                                        appender,
                                        member,
                                        indicator,
                                        year,
                                        "_T",
                                        "mechanism",
                                        "firearms",
                                        Math.round(total * 0.6),
                                        population);
                                rows += append(
                                        appender,
                                        member,
                                        indicator,
                                        year,
                                        "_T",
                                        "mechanism",
                                        "sharp-object",
                                        Math.round(total * 0.3),
                                        population);
                            }
                        }
                    }
                }
            }
            Files.createDirectories(snapshot);
            for (TableSchema table : SnapshotTables.ALL) {
                statement.execute("COPY %s TO '%s' (FORMAT parquet, PARTITION_BY (country))"
                        .formatted(table.name(), snapshot.resolve(table.name())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the generated snapshot: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeManifest(snapshot, snapshotId, null, rows);
        publish(snapshotId);
        return rows;
    }

    private static int append(
            DuckDBAppender appender,
            MemberState member,
            Indicator indicator,
            int year,
            String sex,
            String breakdownType,
            String breakdown,
            double count,
            double population)
            throws SQLException {
        appender.beginRow();
        for (Column column : SnapshotTables.INDICATORS.columns()) {
            switch (column.name()) {
                case SnapshotTables.COUNTRY -> appender.append(member.iso3());
                case SnapshotTables.YEAR -> appender.append(year);
                case SnapshotTables.INDICATOR -> appender.append(indicator.code());
                case SnapshotTables.SEX -> appender.append(sex);
                case SnapshotTables.AGE -> appender.append("_T");
                case SnapshotTables.BREAKDOWN_TYPE -> appender.append(breakdownType);
                case SnapshotTables.BREAKDOWN -> appender.append(breakdown);
                case SnapshotTables.COUNT -> appender.append(count);
                case SnapshotTables.RATE_PER_100K -> appender.append(count / population * 100_000);
                case SnapshotTables.POPULATION -> appender.append(population);
                case SnapshotTables.POPULATION_SOURCE -> appender.append("synthetic population");
                case SnapshotTables.UNIT -> appender.append(indicator.unit());
                case SnapshotTables.OBS_STATUS -> appender.append("A");
                case SnapshotTables.OBS_CONF -> appender.append("F");
                case SnapshotTables.SOURCE -> appender.append("bench/api generated reply of " + member.iso3());
                case SnapshotTables.SOURCE_KIND -> appender.append("cts");
                case SnapshotTables.NATIONAL_CODE -> appender.append("N-" + indicator.code());
                case SnapshotTables.NATIONAL_LABEL -> appender.append("National " + indicator.nameEn());
                case SnapshotTables.MATCH_QUALITY -> appender.append("full");
                case SnapshotTables.SUBMISSION_ID -> appender.append("bench-" + member.iso3() + "-" + year);
                case SnapshotTables.SYNTHETIC -> appender.append(true);
                default -> appender.appendNull();
            }
        }
        appender.endRow();
        return 1;
    }

    /** Publishes a copy of a snapshot under a new id: its files hard-linked (copied where links fail). */
    void republish(String fromId, String toId) {
        Path from = data.snapshot(fromId);
        Path to = data.snapshot(toId);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals(DataDirectory.SNAPSHOT_MANIFEST)) {
                    try {
                        Files.createLink(target, file);
                    } catch (UnsupportedOperationException | IOException e) {
                        Files.copy(file, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeManifest(to, toId, fromId, -1);
        publish(toId);
    }

    private static void writeManifest(Path snapshot, String snapshotId, String previous, long rows) {
        String manifest =
                """
                {"snapshotId": "%s", "runId": "bench-%s", "createdAt": "%s", "previousSnapshotId": %s,
                 "containsSyntheticData": true, "rowCounts": {"indicators": %d}, "submissionIds": []}
                """
                        .formatted(
                                snapshotId,
                                snapshotId,
                                Instant.now(),
                                previous == null ? "null" : "\"" + previous + "\"",
                                Math.max(rows, 0));
        try {
            Files.writeString(snapshot.resolve(DataDirectory.SNAPSHOT_MANIFEST), manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves CURRENT atomically, then appends to PUBLISHED, as the pipeline does. */
    private void publish(String snapshotId) {
        try {
            Path warehouse = data.warehouse();
            Path pointer = Files.createTempFile(warehouse, "CURRENT", ".tmp");
            Files.writeString(pointer, snapshotId + "\n", StandardCharsets.UTF_8);
            Files.move(
                    pointer,
                    data.currentPointer(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            List<PublishedSnapshots.Entry> log = new ArrayList<>(PublishedSnapshots.log(warehouse));
            log.add(new PublishedSnapshots.Entry(snapshotId, Instant.now().toString()));
            Path published = Files.createTempFile(warehouse, "PUBLISHED", ".tmp");
            Files.writeString(published, PublishedSnapshots.format(log), StandardCharsets.UTF_8);
            Files.move(
                    published,
                    data.publishedLog(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every country x indicator series, in a fixed shuffled order (so neighbours differ). */
    List<QueryLatency.Series> series(long seed) {
        List<QueryLatency.Series> series = new ArrayList<>();
        for (MemberState member : codelists.members().all()) {
            for (Indicator indicator : codelists.indicators().all()) {
                series.add(new QueryLatency.Series(member.iso3(), indicator.code()));
            }
        }
        Collections.shuffle(series, new java.util.Random(seed));
        return List.copyOf(series);
    }

    /** Every country x indicator series route, in the order of {@link #series}. */
    List<String> seriesPaths(long seed) {
        return series(seed).stream()
                .map(one -> "/api/v1/countries/" + one.iso3() + "/indicators/" + one.indicator())
                .toList();
    }

    /** The member states' codes, in code order. */
    List<String> countries() {
        return codelists.members().all().stream()
                .map(MemberState::iso3)
                .sorted()
                .toList();
    }
}
