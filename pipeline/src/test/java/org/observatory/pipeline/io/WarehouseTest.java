package org.observatory.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.PublishedSnapshots;

/** Publication safety of a warehouse: what runs that died leave behind, the run lock, and retention. */
class WarehouseTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path root;

    @Test
    void removesSnapshotDirectoriesThatNoPublicationNamesAndRecordsTheChainOfCurrent() throws IOException {
        Warehouse warehouse = new Warehouse(root);
        complete(warehouse, "20261120T100000Z-aaaa", null);
        complete(warehouse, "20261121T100000Z-bbbb", "20261120T100000Z-aaaa");
        complete(warehouse, "20261121T110000Z-dead", "20261121T100000Z-bbbb");
        Files.createDirectories(warehouse.snapshot("20261121T120000Z-half").resolve("observations/country=MEX"));
        warehouse.publish("20261121T100000Z-bbbb", NOW);
        Files.delete(warehouse.publishedLog());

        List<String> removed = warehouse.recover();

        assertThat(removed).containsExactly("20261121T110000Z-dead", "20261121T120000Z-half");
        assertThat(PublishedSnapshots.ids(root)).containsExactly("20261120T100000Z-aaaa", "20261121T100000Z-bbbb");
        assertThat(warehouse.snapshot("20261120T100000Z-aaaa")).isDirectory();
        assertThat(warehouse.snapshot("20261121T110000Z-dead")).doesNotExist();
        assertThat(warehouse.snapshot("20261121T120000Z-half")).doesNotExist();
    }

    @Test
    void addsCurrentToThePublicationLogWhenARunDiedBetweenMovingCurrentAndAppendingIt() throws IOException {
        Warehouse warehouse = new Warehouse(root);
        complete(warehouse, "20261120T100000Z-aaaa", null);
        complete(warehouse, "20261121T100000Z-bbbb", "20261120T100000Z-aaaa");
        warehouse.publish("20261120T100000Z-aaaa", NOW.minusSeconds(60));
        Files.writeString(warehouse.currentPointer(), "20261121T100000Z-bbbb\n");
        Files.writeString(root.resolve(".CURRENT.4711.tmp"), "20261121T100000Z-bbbb\n");

        assertThat(warehouse.recover()).isEmpty();

        assertThat(PublishedSnapshots.log(root))
                .extracting(PublishedSnapshots.Entry::snapshotId)
                .containsExactly("20261120T100000Z-aaaa", "20261121T100000Z-bbbb");
        assertThat(root.resolve(".CURRENT.4711.tmp")).doesNotExist();
        assertThat(warehouse.snapshot("20261121T100000Z-bbbb")).isDirectory();
    }

    @Test
    void refusesASecondRunWhileTheFirstHoldsTheWarehouse() {
        Warehouse warehouse = new Warehouse(root);
        try (WarehouseLock held = warehouse.lock("run-1")) {
            assertThatThrownBy(() -> warehouse.lock("run-2"))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessageMatching(("Another pipeline run holds the warehouse %s \\(pid %d, run run-1, since"
                                    + " [0-9T:.Z-]+\\); runs of one warehouse are serialised: wait for it to finish,"
                                    + " then run again")
                            .formatted(
                                    java.util.regex.Pattern.quote(root.toString()),
                                    ProcessHandle.current().pid()))
                    .extracting(error -> ((ObservatoryException) error).errorCode())
                    .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
        }
        warehouse.lock("run-3").close();
    }

    @Test
    void takesTheLockThatADeadRunLeftBehind() throws IOException {
        Files.writeString(root.resolve(WarehouseLock.FILE_NAME), "pid 1, run run-0, since 2026-11-21T00:00:00Z\n");

        try (WarehouseLock lock = new Warehouse(root).lock("run-1")) {
            assertThat(Files.readString(root.resolve(WarehouseLock.FILE_NAME), StandardCharsets.UTF_8))
                    .startsWith("pid %d, run run-1, since "
                            .formatted(ProcessHandle.current().pid()));
        }
    }

    @Test
    void keepsTheNewestSnapshotsTheCurrentOneAndOnesBeingRead() throws IOException {
        Warehouse warehouse = publishedFour(NOW.minus(Duration.ofDays(4)));
        Path lease = root.resolve("leases/20261119T100000Z-bbbb/api-1");
        Files.createDirectories(lease.getParent());
        Files.writeString(lease, "");

        List<String> removed = warehouse.retain(2, Duration.ofMinutes(15), NOW);

        assertThat(removed).containsExactly("20261118T100000Z-aaaa");
        assertThat(PublishedSnapshots.ids(root))
                .containsExactly("20261119T100000Z-bbbb", "20261120T100000Z-cccc", "20261121T100000Z-dddd");
        assertThat(warehouse.snapshot("20261118T100000Z-aaaa")).doesNotExist();
        assertThat(warehouse.snapshot("20261119T100000Z-bbbb")).isDirectory();
    }

    @Test
    void keepsASnapshotThatStoppedBeingCurrentWithinTheGracePeriod() throws IOException {
        Warehouse warehouse = publishedFour(NOW.minus(Duration.ofMinutes(40)));

        List<String> removed = warehouse.retain(1, Duration.ofMinutes(15), NOW);

        // published 40, 30, 20 and 10 minutes ago: c stopped being current 10 minutes ago
        assertThat(removed).containsExactly("20261118T100000Z-aaaa", "20261119T100000Z-bbbb");
        assertThat(PublishedSnapshots.ids(root)).containsExactly("20261120T100000Z-cccc", "20261121T100000Z-dddd");
        assertThat(warehouse.retain(0, Duration.ZERO, NOW)).isEmpty();
    }

    /** Four published snapshots, ten minutes apart from {@code first}; the last is current. */
    private Warehouse publishedFour(Instant first) throws IOException {
        Warehouse warehouse = new Warehouse(root);
        List<String> ids = List.of(
                "20261118T100000Z-aaaa", "20261119T100000Z-bbbb", "20261120T100000Z-cccc", "20261121T100000Z-dddd");
        String previous = null;
        for (int index = 0; index < ids.size(); index++) {
            complete(warehouse, ids.get(index), previous);
            warehouse.publish(ids.get(index), first.plus(Duration.ofMinutes(10L * index)));
            previous = ids.get(index);
        }
        return warehouse;
    }

    private static void complete(Warehouse warehouse, String snapshotId, String previous) throws IOException {
        Files.createDirectories(warehouse.snapshot(snapshotId).resolve("indicators/country=MEX"));
        warehouse.describe(new SnapshotManifest(
                snapshotId, "run-" + snapshotId, NOW.toString(), previous, Map.of(), false, List.of()));
    }
}
