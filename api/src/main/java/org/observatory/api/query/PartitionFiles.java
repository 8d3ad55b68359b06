package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The Parquet files of one country partition ({@code <table>/country=XXX/*.parquet}, one level, so a writer's
 * {@code _temporary} files are never included) as the directory lists them now: each file's name, size and
 * modification time. Listing costs microseconds; a partition held in memory is used only while its files are still
 * the ones it was read from, so the answers always follow the files (a snapshot never changes after publication,
 * but retention may remove it).
 */
record PartitionFiles(Path directory, List<String> stamps) {
    PartitionFiles {
        requireNonNull(directory, "directory is null");
        stamps = List.copyOf(requireNonNull(stamps, "stamps is null"));
    }

    /** Lists the partition; no stamps when the directory is missing or holds no Parquet file. */
    static PartitionFiles list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new PartitionFiles(directory, List.of());
        }
        List<String> stamps = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".parquet")) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(name + " " + attributes.size() + " "
                        + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot list %s: %s".formatted(directory, e.getMessage()), e);
        }
        return new PartitionFiles(directory, stamps);
    }

    boolean isEmpty() {
        return stamps.isEmpty();
    }

    /** The single-level glob DuckDB reads the partition with. */
    String glob() {
        return directory + "/*.parquet";
    }
}
