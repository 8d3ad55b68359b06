package org.observatory.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;

class SnapshotQueriesTest {
    private static final String HOMICIDE = "intentional-homicide";

    @TempDir
    Path root;

    private SnapshotRepository published(DataDirectory data) {
        new SnapshotFixture(data).writeAndPublish("snap", false, Fixtures.realLooking());
        return SnapshotRepository.open(data, Duration.ofMillis(500));
    }

    private static SeriesQuery everything(String iso3, String indicator) {
        return new SeriesQuery(
                iso3,
                indicator,
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void countrySeriesHoldsEveryIndicatorWithTotalsAndDisaggregationsAsSeriesGivesThem() {
        try (SnapshotRepository repository = published(new DataDirectory(root))) {
            Snapshot snapshot = repository.requireCurrent();

            CountrySeries argentina = repository.countrySeries(snapshot, "ARG");

            assertThat(argentina.iso3()).isEqualTo("ARG");
            assertThat(argentina.indicators())
                    .extracting(IndicatorSeries::indicator)
                    .containsExactly(HOMICIDE, "robbery");
            for (IndicatorSeries series : argentina.indicators()) {
                assertThat(series.observations())
                        .isEqualTo(repository.series(snapshot, everything("ARG", series.indicator())));
            }
            IndicatorSeries homicide = argentina.indicator(HOMICIDE).orElseThrow();
            assertThat(homicide.observations()).hasSize(9);
            assertThat(homicide.nationalTotals())
                    .isEqualTo(repository.series(snapshot, SeriesQuery.nationalTotals("ARG", HOMICIDE)))
                    .extracting(SeriesObservation::count)
                    .containsExactly(2_000.0, 2_100.0, 2_200.0);
            assertThat(argentina.coverage()).isEqualTo(repository.coverage(snapshot, "ARG"));
            assertThat(argentina.indicator("burglary")).isEmpty();
        }
    }

    @Test
    void countrySeriesNeverHoldsAnotherCountrysValues() {
        try (SnapshotRepository repository = published(new DataDirectory(root))) {
            Snapshot snapshot = repository.requireCurrent();
            repository.countrySeries(snapshot, "ARG");

            CountrySeries brazil = repository.countrySeries(snapshot, "BRA");

            assertThat(brazil.indicators()).singleElement().satisfies(series -> {
                assertThat(series.indicator()).isEqualTo(HOMICIDE);
                assertThat(series.observations())
                        .extracting(SeriesObservation::count, SeriesObservation::source)
                        .containsExactly(tuple(47_000.0, "CTS 2024 reply of BRA"));
            });
            assertThat(repository.countrySeries(snapshot, "CAN").indicators()).isEmpty();
            assertThat(repository.coverage(snapshot, "CAN")).isEmpty();
        }
    }

    @Test
    void ordersAYearsValuesTotalFirstInEachDimension() {
        try (SnapshotRepository repository = published(new DataDirectory(root))) {
            SeriesQuery year2020 = new SeriesQuery(
                    "ARG",
                    HOMICIDE,
                    OptionalInt.of(2020),
                    OptionalInt.of(2020),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());

            assertThat(repository.series(repository.requireCurrent(), year2020))
                    .extracting(value ->
                            String.join("/", value.sex(), value.age(), value.breakdownType(), value.breakdown()))
                    .containsExactly(
                            "_T/_T/_T/_T",
                            "_T/_T/mechanism/firearms",
                            "_T/_T/mechanism/sharp-object",
                            "_T/_T/relationship/intimate-partner",
                            "_T/Y15T29/_T/_T",
                            "F/_T/_T/_T",
                            "M/_T/_T/_T");
        }
    }

    @Test
    void readsACountryOnceAndAnswersFromMemoryWhileItsFilesStayTheSame() throws IOException {
        DataDirectory data = new DataDirectory(root);
        try (SnapshotRepository repository = published(data)) {
            Snapshot snapshot = repository.requireCurrent();
            assertThat(repository.series(snapshot, SeriesQuery.nationalTotals("ARG", HOMICIDE)))
                    .hasSize(3);
            assertThat(repository.queries().heldRows()).isEqualTo(10);

            repository.countrySeries(snapshot, "ARG");
            repository.coverage(snapshot, "ARG");
            assertThat(repository.queries().heldRows()).isEqualTo(10);

            deleteParquet(snapshot.directory().resolve("indicators").resolve("country=ARG"));
            assertThat(repository.series(snapshot, SeriesQuery.nationalTotals("ARG", HOMICIDE)))
                    .isEmpty();
            assertThat(repository.countrySeries(snapshot, "ARG").indicators()).isEmpty();
        }
    }

    @Test
    void keepsAtMostTheRowBudgetDroppingTheLeastRecentlyUsedCountry() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("snap", false, Fixtures.realLooking());
        try (SnapshotRepository repository =
                new SnapshotRepository(new SnapshotCatalogue(data, Duration.ofMillis(500)), SnapshotQueries.open(10))) {
            Snapshot snapshot = repository.requireCurrent();
            repository.countrySeries(snapshot, "ARG"); // 10 rows
            assertThat(repository.queries().heldRows()).isEqualTo(10);

            repository.countrySeries(snapshot, "BRA"); // 1 row: Argentina goes
            assertThat(repository.queries().heldRows()).isEqualTo(1);

            assertThat(repository.countrySeries(snapshot, "ARG").indicators()).hasSize(2);
            assertThat(repository.queries().heldRows()).isEqualTo(10);
        }
        assertThatThrownBy(() -> SnapshotQueries.open(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rowBudget must be at least 0, not -1");
    }

    @Test
    void readsEveryColumnOfTheIndicatorsTableButTheCountry() {
        List<String> columns = SnapshotTables.INDICATORS.columns().stream()
                .map(column -> column.name())
                .filter(name -> !name.equals(SnapshotTables.COUNTRY))
                .toList();
        String selectList = SnapshotQueries.COUNTRY_INDICATORS_SQL
                .substring(0, SnapshotQueries.COUNTRY_INDICATORS_SQL.indexOf("FROM"))
                .replace("SELECT", "");
        assertThat(List.of(selectList.trim().split(",\\s*"))).containsExactlyInAnyOrderElementsOf(columns);
    }

    private static void deleteParquet(Path partition) throws IOException {
        try (Stream<Path> files = Files.list(partition)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
