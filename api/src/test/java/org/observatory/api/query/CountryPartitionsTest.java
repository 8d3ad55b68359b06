package org.observatory.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;

/** The in-memory partitions over real partition directories, with a reader that counts its reads. */
class CountryPartitionsTest {
    @TempDir
    Path root;

    private Snapshot snapshot() throws IOException {
        Path directory = root.resolve("snap");
        Path partition = directory.resolve("indicators").resolve("country=ARG");
        Files.createDirectories(partition);
        Files.writeString(partition.resolve("part-0.parquet"), "not read by the counting reader");
        return new Snapshot(
                "snap",
                directory,
                new SnapshotManifest("snap", "run", "2026-11-22T10:00:00Z", null, Map.of(), false, List.of()));
    }

    private static CountryPartition rows(PartitionFiles files, int count) {
        List<CountryPartition.Row> rows = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            rows.add(new CountryPartition.Row(
                    "intentional-homicide",
                    2000 + index,
                    "_T",
                    "_T",
                    "_T",
                    "_T",
                    1.0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false));
        }
        return new CountryPartition(files, rows);
    }

    private static PartitionFiles files(Snapshot snapshot) {
        return PartitionFiles.list(snapshot.directory().resolve("indicators").resolve("country=ARG"));
    }

    @Test
    void readsAPartitionOnceWhenManyRequestsAskForItAtOnce() throws Exception {
        Snapshot snapshot = snapshot();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountryPartitions partitions = new CountryPartitions(1_000, (read, files) -> {
            reads.incrementAndGet();
            sleep(50);
            return rows(files, 3);
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<CountryPartition>> answers = new ArrayList<>();
            for (int index = 0; index < 8; index++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return partitions.partition(snapshot, "ARG", files(snapshot));
                }));
            }
            start.countDown();
            for (Future<CountryPartition> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).size()).isEqualTo(3);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(reads).hasValue(1);
        assertThat(partitions.heldRows()).isEqualTo(3);
    }

    @Test
    void readsAgainAfterAFailedReadAndWhenTheFilesChange() throws IOException {
        Snapshot snapshot = snapshot();
        AtomicInteger reads = new AtomicInteger();
        CountryPartitions partitions = new CountryPartitions(1_000, (read, files) -> {
            if (reads.incrementAndGet() == 1) {
                throw new ObservatoryException(ErrorCode.STORAGE_FAILURE, "Cannot query snapshot 'snap': disk gone");
            }
            return rows(files, reads.get());
        });
        assertThatThrownBy(() -> partitions.partition(snapshot, "ARG", files(snapshot)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Cannot query snapshot 'snap': disk gone");
        assertThat(partitions.heldRows()).isZero();

        assertThat(partitions.partition(snapshot, "ARG", files(snapshot)).size())
                .isEqualTo(2);
        assertThat(partitions.partition(snapshot, "ARG", files(snapshot)).size())
                .isEqualTo(2);

        Files.writeString(
                snapshot.directory()
                        .resolve("indicators")
                        .resolve("country=ARG")
                        .resolve("part-1.parquet"),
                "more");
        assertThat(partitions.partition(snapshot, "ARG", files(snapshot)).size())
                .isEqualTo(3);
        assertThat(partitions.heldRows()).isEqualTo(3);
        assertThat(reads).hasValue(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
