package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.web.JsonViews;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * How the API follows publication: nothing published yet, a new {@code CURRENT} picked up without a restart,
 * vintages, the synthetic-data label, and snapshots it cannot read.
 */
class SnapshotPublicationTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";

    @TempDir
    Path root;

    private DataDirectory data() {
        return new DataDirectory(root);
    }

    private ApiConfig config() {
        return ApiConfig.of(data(), CODELISTS);
    }

    @Test
    void servesCodelistsButAnswers503ForDataBeforeTheFirstSnapshot() {
        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            JsonNode health = json(client.get("/health"));
            assertThat(health.toString()).isEqualTo("{\"synthetic\":false,\"status\":\"ok\",\"snapshotId\":null}");

            Response countries = client.get("/api/v1/countries");
            assertThat(countries.code()).isEqualTo(200);
            assertThat(json(countries).get("countries")).hasSize(35);

            Response series = client.get(SERIES);
            assertThat(series.code()).isEqualTo(503);
            assertThat(contentType(series)).startsWith("application/problem+json");
            JsonNode problem = json(series);
            assertThat(problem.get("title").asText()).isEqualTo("No snapshot published");
            assertThat(problem.get("code").asText()).isEqualTo("NO_SNAPSHOT");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No snapshot has been published yet, so there is no data to serve; run the pipeline"
                            + " ('observatory pipeline run') to publish one");

            assertThat(client.get("/api/v1/countries/ARG/indicators").code()).isEqualTo(503);
        });
    }

    @Test
    void switchesToANewCurrentSnapshotWithinASecondWithoutRestart() {
        SnapshotFixture fixture = new SnapshotFixture(data());
        fixture.writeAndPublish("snapshot-a", false, Fixtures.realLooking());
        fixture.write("snapshot-b", true, Fixtures.synthetic());

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            assertThat(json(client.get("/health")).get("snapshotId").asText()).isEqualTo("snapshot-a");
            assertThat(years(json(client.get(SERIES)))).containsExactly(2018, 2019, 2020);

            fixture.publish("snapshot-b");
            long published = System.nanoTime();
            String served = "snapshot-a";
            while (!served.equals("snapshot-b")
                    && System.nanoTime() - published < Duration.ofSeconds(3).toNanos()) {
                served = json(client.get("/health")).get("snapshotId").asText();
                Thread.sleep(20);
            }
            Duration noticedAfter = Duration.ofNanos(System.nanoTime() - published);
            assertThat(served).isEqualTo("snapshot-b");
            assertThat(noticedAfter).isLessThan(Duration.ofSeconds(1));

            JsonNode series = json(client.get(SERIES));
            assertThat(series.get("snapshotId").asText()).isEqualTo("snapshot-b");
            assertThat(years(series)).containsExactly(2021);

            JsonNode vintage = json(client.get(SERIES + "?vintage=snapshot-a&from=2020"));
            assertThat(vintage.get("snapshotId").asText()).isEqualTo("snapshot-a");
            assertThat(years(vintage)).containsExactly(2020);
            assertThat(vintage.get("synthetic").asBoolean()).isFalse();
            assertThat(vintage.has("notice")).isFalse();
        });
    }

    @Test
    void labelsEveryResponseWhileTheSnapshotContainsSyntheticData() {
        new SnapshotFixture(data()).writeAndPublish("demo", true, Fixtures.synthetic());

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            for (String route : List.of(
                    "/health",
                    "/api/v1/countries",
                    "/api/v1/countries/ARG",
                    "/api/v1/countries/ARG/indicators",
                    SERIES,
                    "/api/v1/countries/CAN/indicators/intentional-homicide",
                    "/api/v1/indicators",
                    "/api/v1/indicators/robbery")) {
                JsonNode body = json(client.get(route));
                assertThat(body.get("synthetic").asBoolean()).as(route).isTrue();
                assertThat(body.get("notice").asText())
                        .as(route)
                        .startsWith("SYNTHETIC DEMO DATA - not real crime statistics")
                        .isEqualTo(JsonViews.SYNTHETIC_NOTICE);
            }
            JsonNode observation = json(client.get(SERIES)).get("observations").get(0);
            assertThat(observation.get("synthetic").asBoolean()).isTrue();
            assertThat(observation.get("source").asText()).isEqualTo("sample-data generator (synthetic)");
        });
    }

    @Test
    void labelsASeriesWithSyntheticValuesEvenWhenTheManifestSaysOtherwise() {
        List<IndicatorRow> rows = List.of(
                IndicatorRow.total("ARG", 2020, "intentional-homicide", 10, null)
                        .asSynthetic(),
                IndicatorRow.total("BRA", 2020, "intentional-homicide", 10, null));
        new SnapshotFixture(data()).writeAndPublish("mixed", false, rows);

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            JsonNode argentina = json(client.get(SERIES));
            assertThat(argentina.get("synthetic").asBoolean()).isTrue();
            assertThat(argentina.get("notice").asText()).isEqualTo(JsonViews.SYNTHETIC_NOTICE);
            assertThat(json(client.get("/api/v1/countries/ARG/indicators"))
                            .get("notice")
                            .asText())
                    .isEqualTo(JsonViews.SYNTHETIC_NOTICE);

            JsonNode brazil = json(client.get("/api/v1/countries/BRA/indicators/intentional-homicide"));
            assertThat(brazil.get("synthetic").asBoolean()).isFalse();
            assertThat(brazil.has("notice")).isFalse();
        });
    }

    @Test
    void answers503WithoutInternalsWhenCurrentNamesAnIncompleteSnapshot() throws IOException {
        Files.createDirectories(data().snapshot("half-written").resolve("indicators"));
        new SnapshotFixture(data()).publish("half-written");

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            Response response = client.get(SERIES);
            assertThat(response.code()).isEqualTo(503);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Published data unreadable");
            assertThat(problem.get("code").asText()).isEqualTo("STORAGE_FAILURE");
            assertThat(problem.get("detail").asText())
                    .matches("The published data could not be read; the cause is in the server log under"
                            + " reference [0-9a-f-]{36}\\. Try again later, or give the reference to the operators\\.");
            assertThat(problem.toString()).doesNotContain(root.toString()).doesNotContain("Exception");

            assertThat(client.get("/health").code()).isEqualTo(503);
        });
    }

    @Test
    void answers503WithoutInternalsWhenCurrentNamesAMissingSnapshot() {
        new SnapshotFixture(data()).publish("never-written");

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            Response response = client.get("/health");
            assertThat(response.code()).isEqualTo(503);
            JsonNode problem = json(response);
            assertThat(problem.get("detail").asText()).startsWith("The published data could not be read;");
            assertThat(problem.toString()).doesNotContain("never-written").doesNotContain(root.toString());
        });
    }

    @Test
    void answers503WithoutAStackTraceWhenAParquetFileIsCorrupt() throws IOException {
        Path snapshot = new SnapshotFixture(data()).writeAndPublish("corrupt", false, Fixtures.realLooking());
        Path partition = snapshot.resolve("indicators").resolve("country=ARG");
        try (var files = Files.list(partition)) {
            for (Path file : files.toList()) {
                Files.writeString(file, "not parquet at all", StandardCharsets.UTF_8);
            }
        }

        ApiTestSupport.withServer(ObservatoryApp.create(config()), client -> {
            Response response = client.get(SERIES);
            assertThat(response.code()).isEqualTo(503);
            String body = response.body().string();
            assertThat(body)
                    .contains("\"code\":\"STORAGE_FAILURE\"")
                    .doesNotContain("SQLException")
                    .doesNotContain("at org.")
                    .doesNotContain(root.toString());
            // Other countries of the same snapshot are still served.
            assertThat(client.get("/api/v1/countries/BRA/indicators/intentional-homicide")
                            .code())
                    .isEqualTo(200);
        });
    }

    private static List<Integer> years(JsonNode series) {
        List<Integer> years = new java.util.ArrayList<>();
        series.get("observations")
                .forEach(observation -> years.add(observation.get("year").asInt()));
        return years;
    }
}
