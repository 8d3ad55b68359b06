package org.observatory.schemas.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

class PublishedSnapshotsTest {
    @TempDir
    Path warehouse;

    @Test
    void publishesNothingInAnEmptyWarehouse() {
        assertThat(PublishedSnapshots.ids(warehouse)).isEmpty();
        assertThat(PublishedSnapshots.isPublished(warehouse, "20261122T120000Z-aaaa"))
                .isFalse();
    }

    @Test
    void listsTheLoggedSnapshotsInOrderAndCurrentLast() throws IOException {
        Files.writeString(
                warehouse.resolve(PublishedSnapshots.PUBLISHED),
                PublishedSnapshots.format(List.of(
                        new PublishedSnapshots.Entry("20261120T120000Z-aaaa", "2026-11-20T12:00:05Z"),
                        new PublishedSnapshots.Entry("20261121T120000Z-bbbb", "2026-11-21T12:00:05Z"))));
        Files.writeString(warehouse.resolve(DataDirectory.CURRENT), "20261122T120000Z-cccc\n");
        Files.createDirectories(warehouse.resolve("snapshots/20261122T130000Z-dead"));

        assertThat(PublishedSnapshots.ids(warehouse))
                .containsExactly("20261120T120000Z-aaaa", "20261121T120000Z-bbbb", "20261122T120000Z-cccc");
        assertThat(PublishedSnapshots.isPublished(warehouse, "20261122T130000Z-dead"))
                .isFalse();
        assertThat(new DataDirectory(warehouse.getParent())
                        .publishedLog()
                        .getFileName()
                        .toString())
                .isEqualTo("PUBLISHED");
    }

    @Test
    void namesTheBrokenLineOfThePublicationLog() throws IOException {
        Path log = warehouse.resolve(PublishedSnapshots.PUBLISHED);
        Files.writeString(log, "20261120T120000Z-aaaa 2026-11-20T12:00:05Z\n20261121T120000Z-bbbb\n");

        assertThatThrownBy(() -> PublishedSnapshots.ids(warehouse))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("%s line 2 '20261121T120000Z-bbbb' is broken: expected a snapshot id and a time; each"
                                .formatted(log)
                        + " line must be '<snapshot-id> <published-at>'")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.STORAGE_FAILURE);
    }
}
