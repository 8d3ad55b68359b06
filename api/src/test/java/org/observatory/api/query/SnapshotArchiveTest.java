package org.observatory.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.storage.DataDirectory;

/** The archive holds a reader lease in warehouse/leases/<id>/ while it is written, and removes it afterwards. */
class SnapshotArchiveTest {
    @TempDir
    Path root;

    @Test
    void holdsAReaderLeaseWhileWritingAndReleasesItAfterwards() throws IOException {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("leased", false, Fixtures.realLooking());
        Path leases = data.warehouse().resolve("leases").resolve("leased");
        List<List<String>> seenWhileWriting = new ArrayList<>();
        OutputStream watching = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                if (seenWhileWriting.isEmpty()) {
                    seenWhileWriting.add(list(leases));
                }
                super.write(bytes, offset, length);
            }
        };
        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            Snapshot snapshot = repository.requireCurrent();
            new SnapshotArchive(repository, Clock.systemUTC())
                    .write(snapshot, "2026-11-01T10:00:00Z", "http://localhost/x", watching);
        }
        assertThat(seenWhileWriting).hasSize(1);
        assertThat(seenWhileWriting.get(0))
                .singleElement()
                .asString()
                .startsWith("api-download-")
                .endsWith(".lease");
        assertThat(leases).doesNotExist();
    }

    private static List<String> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
