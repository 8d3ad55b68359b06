package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/** Published vintages: the list, a vintage by id or date, and the whole-vintage download with its citation. */
class SnapshotsApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";

    @TempDir
    static Path root;

    private static DataDirectory data;
    private static ApiConfig config;

    @BeforeAll
    static void publishTwoVintages() {
        data = new DataDirectory(root.resolve("data"));
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.write("20261101T100000Z-aaaa", false, Fixtures.realLooking(), Fixtures.responses());
        fixture.publish("20261101T100000Z-aaaa", Instant.parse("2026-11-01T10:05:00Z"));
        // written unpublished: a run that died before publishing
        fixture.write("20261110T100000Z-dead", false, Fixtures.realLooking());
        fixture.write("20261115T090000Z-bbbb", true, Fixtures.synthetic());
        fixture.publish("20261115T090000Z-bbbb", Instant.parse("2026-11-15T09:01:00Z"));
        config = ApiConfig.of(data, CODELISTS);
    }

    @Test
    void listsThePublishedVintagesInTheOrderOfPublication() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/api/v1/snapshots");
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("currentSnapshotId").asText()).isEqualTo("20261115T090000Z-bbbb");
            assertThat(body.get("synthetic").asBoolean()).isTrue();
            assertThat(body.get("notice").asText()).startsWith("SYNTHETIC DEMO DATA");
            List<String> ids = new ArrayList<>();
            body.get("snapshots")
                    .forEach(snapshot -> ids.add(snapshot.get("snapshotId").asText()));
            assertThat(ids).containsExactly("20261101T100000Z-aaaa", "20261115T090000Z-bbbb");
            JsonNode first = body.get("snapshots").get(0);
            assertThat(first.get("publishedAt").asText()).isEqualTo("2026-11-01T10:05:00Z");
            assertThat(first.get("createdAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(first.get("current").asBoolean()).isFalse();
            assertThat(first.get("containsSyntheticData").asBoolean()).isFalse();
            assertThat(first.get("rowCounts").get("indicators").asLong())
                    .isEqualTo(Fixtures.realLooking().size());
            assertThat(first.get("download").asText()).isEqualTo("/api/v1/snapshots/20261101T100000Z-aaaa/download");
            assertThat(body.get("snapshots").get(1).get("current").asBoolean()).isTrue();
        });
    }

    @Test
    void readsAVintageByIdOrByTheDateItWasCurrentOn() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            assertThat(json(client.get(SERIES)).get("snapshotId").asText()).isEqualTo("20261115T090000Z-bbbb");
            for (String vintage :
                    List.of("20261101T100000Z-aaaa", "2026-11-01", "2026-11-14", "2026-11-15T09:00:59Z")) {
                JsonNode body = json(client.get(SERIES + "?vintage=" + vintage));
                assertThat(body.get("snapshotId").asText()).as(vintage).isEqualTo("20261101T100000Z-aaaa");
                assertThat(body.get("observations").get(0).get("snapshotId").asText())
                        .isEqualTo("20261101T100000Z-aaaa");
            }
            for (String vintage : List.of("2026-11-15", "2026-12-31", "20261115T090000Z-bbbb")) {
                assertThat(json(client.get(SERIES + "?vintage=" + vintage))
                                .get("snapshotId")
                                .asText())
                        .as(vintage)
                        .isEqualTo("20261115T090000Z-bbbb");
            }
            JsonNode dead = json(client.get(SERIES + "?vintage=20261110T100000Z-dead"));
            assertThat(dead.get("status").asInt()).isEqualTo(404);
            assertThat(dead.get("detail").asText())
                    .startsWith("No published snapshot has the id '20261110T100000Z-dead'");
        });
    }

    @Test
    void downloadsAWholeVintageAsAZipWithCsvParquetAndItsCitation() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/api/v1/snapshots/20261101T100000Z-aaaa/download");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo("application/zip");
            assertThat(response.header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"observatory-snapshot-20261101T100000Z-aaaa.zip\"");
            assertThat(response.header("ETag")).isEqualTo("\"20261101T100000Z-aaaa-archive\"");
            Map<String, byte[]> entries = unzip(response.body().byteStream());
            String folder = "20261101T100000Z-aaaa/";
            assertThat(entries)
                    .containsKeys(
                            folder + "CITATION.txt",
                            folder + "_snapshot.json",
                            folder + "csv/observations.csv",
                            folder + "csv/indicators.csv",
                            folder + "csv/exclusions.csv",
                            folder + "csv/responses.csv",
                            folder + "parquet/indicators/country=ARG/data_0.parquet",
                            folder + "parquet/indicators/country=BRA/data_0.parquet");
            String citation = new String(entries.get(folder + "CITATION.txt"), StandardCharsets.UTF_8);
            assertThat(citation)
                    .startsWith("Crime and violence observatory of the Americas - published data snapshot")
                    .contains("Snapshot id:   20261101T100000Z-aaaa")
                    .contains("Published:     2026-11-01T10:05:00Z")
                    .contains("Published data snapshot 20261101T100000Z-aaaa, 2026-11-01.")
                    .doesNotContain("SYNTHETIC");

            String csv = new String(entries.get(folder + "csv/indicators.csv"), StandardCharsets.UTF_8);
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).startsWith("country,year,indicator,sex,age,");
            assertThat(lines).hasSize(1 + Fixtures.realLooking().size());
            assertThat(lines.get(1)).startsWith("ARG,2018,intentional-homicide,_T,_T,_T,_T,2000.0,");
            assertThat(lines.get(lines.size() - 1)).startsWith("BRA,2020,intentional-homicide,");
            assertThat(new String(entries.get(folder + "csv/exclusions.csv"), StandardCharsets.UTF_8))
                    .isEqualTo("country,year,submission_id,source_kind,source_line,reason,detail\n");

            Path parquet = root.resolve("downloaded-arg.parquet");
            Files.write(parquet, entries.get(folder + "parquet/indicators/country=ARG/data_0.parquet"));
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(Fixtures.realLooking().size() - 1);
            }
            // no lease is left behind once the download is done
            Path leases = data.warehouse().resolve("leases");
            assertThat(!Files.exists(leases) || isEmptyTree(leases)).isTrue();
        });
    }

    @Test
    void labelsASyntheticVintageInItsCitation() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Map<String, byte[]> entries = unzip(client.get("/api/v1/snapshots/20261115T090000Z-bbbb/download")
                    .body()
                    .byteStream());
            String citation = new String(entries.get("20261115T090000Z-bbbb/CITATION.txt"), StandardCharsets.UTF_8);
            assertThat(citation)
                    .startsWith("SYNTHETIC DEMO DATA - not real crime statistics.")
                    .contains("Published data snapshot 20261115T090000Z-bbbb, 2026-11-15.");
        });
    }

    @Test
    void answers404ForAnUnpublishedOrUnknownSnapshotAnd304ForAKnownArchive() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            for (String id : List.of("20261110T100000Z-dead", "nothing", "..%2F..%2Fetc")) {
                Response response = client.get("/api/v1/snapshots/" + id + "/download");
                assertThat(response.code()).as(id).isEqualTo(404);
                assertThat(contentType(response)).startsWith("application/problem+json");
            }
            JsonNode problem = json(client.get("/api/v1/snapshots/nothing/download"));
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No published snapshot has the id 'nothing'; GET /api/v1/snapshots lists the"
                            + " published vintages");
            Response notModified = client.request(
                    "/api/v1/snapshots/20261101T100000Z-aaaa/download",
                    builder -> builder.header("If-None-Match", "\"20261101T100000Z-aaaa-archive\""));
            assertThat(notModified.code()).isEqualTo(304);
        });
    }

    private static boolean isEmptyTree(Path directory) throws java.io.IOException {
        try (var files = Files.walk(directory)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private static Map<String, byte[]> unzip(InputStream in) throws java.io.IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
