package org.observatory.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;

class SnapshotRepositoryTest {
    @TempDir
    Path root;

    @Test
    void finishesAQueryOnTheSnapshotItBeganWithAfterCurrentMoves() throws InterruptedException {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.writeAndPublish("first", false, Fixtures.realLooking());
        fixture.write("second", true, Fixtures.synthetic());

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(50))) {
            Snapshot began = repository.requireCurrent();
            fixture.publish("second");
            Thread.sleep(100);

            assertThat(repository.requireCurrent().id()).isEqualTo("second");
            assertThat(repository.requireCurrent().containsSyntheticData()).isTrue();
            assertThat(repository.series(began, SeriesQuery.nationalTotals("ARG", "intentional-homicide")))
                    .extracting(SeriesObservation::year)
                    .containsExactly(2018, 2019, 2020);
        }
    }

    @Test
    void readsTheManifest() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("with-manifest", true, Fixtures.synthetic());

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            SnapshotManifest manifest = repository.requireCurrent().manifest();
            assertThat(manifest.snapshotId()).isEqualTo("with-manifest");
            assertThat(manifest.runId()).isEqualTo("run-with-manifest");
            assertThat(manifest.createdAt()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(manifest.previousSnapshotId()).isNull();
            assertThat(manifest.containsSyntheticData()).isTrue();
        }
    }

    @Test
    void failsWithNoSnapshotBeforeTheFirstPublication() {
        try (SnapshotRepository repository = SnapshotRepository.open(new DataDirectory(root), Duration.ofMillis(500))) {
            assertThat(repository.current()).isEmpty();
            assertThatThrownBy(repository::requireCurrent)
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("No snapshot has been published yet, so there is no data to serve; run the pipeline"
                            + " ('observatory pipeline run') to publish one")
                    .extracting(error -> ((ObservatoryException) error).errorCode())
                    .isEqualTo(ErrorCode.NO_SNAPSHOT);
        }
    }

    @Test
    void rejectsACurrentPointerThatIsNotASnapshotId() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).publish("../../etc");

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            assertThatThrownBy(repository::current)
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage(data.currentPointer()
                            + " holds '../../etc', which is not a snapshot id (letters, digits, '.', '_' and '-');"
                            + " correct CURRENT");
        }
    }

    @Test
    void doesNotFindVintagesWhoseIdIsNotSnapshotShaped() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("real", false, Fixtures.realLooking());

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            assertThat(repository.published("real")).map(Snapshot::id).contains("real");
            assertThat(repository.published("../snapshots/real")).isEmpty();
            assertThat(repository.published("")).isEmpty();
            assertThat(repository.published("missing")).isEmpty();
        }
    }

    @Test
    void failsOnAnIncompleteSnapshotNamingTheManifest() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.publish("no-manifest");
        data.snapshot("no-manifest").toFile().mkdirs();

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            assertThatThrownBy(repository::current)
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Snapshot " + data.snapshot("no-manifest")
                            + " has no _snapshot.json, so it is incomplete; publish a complete snapshot or point"
                            + " CURRENT at one");
        }
    }

    @Test
    void treatsQueryValuesAsDataNotSql() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("safe", false, Fixtures.realLooking());

        try (SnapshotRepository repository = SnapshotRepository.open(data, Duration.ofMillis(500))) {
            SeriesQuery injection = new SeriesQuery(
                    "ARG",
                    "x' OR '1'='1",
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("_T' OR '1'='1"));
            assertThat(repository.series(repository.requireCurrent(), injection))
                    .isEmpty();
            assertThatThrownBy(() -> repository.coverage(repository.requireCurrent(), "AR'G"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("iso3 must be a validated member-state code, not AR'G");
        }
    }
}
