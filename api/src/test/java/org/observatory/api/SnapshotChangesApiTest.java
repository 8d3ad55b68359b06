package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.ChangeRow;
import org.observatory.api.fixture.ChangesFixture;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;

/**
 * {@code GET /api/v1/snapshots/{id}/changes} over real Parquet written by DuckDB: the rows by country code (never by
 * the size of a change), the country and indicator filters, CSV, an empty table in both of its shapes, and the
 * vintages published before the pipeline recorded changes (404 saying why). Also: a column an older vintage lacks
 * reads as null on every route that reads the tables.
 */
class SnapshotChangesApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    /** Published before the pipeline recorded its changes: no changes table. */
    private static final String BEFORE_CHANGES = "20261101T100000Z-old1";
    /** Changes of several countries and indicators against BEFORE_CHANGES. */
    private static final String WITH_CHANGES = "20261105T100000Z-chg2";
    /** A run that changed nothing: a changes directory holding only _SUCCESS. */
    private static final String NOTHING_CHANGED = "20261110T100000Z-non3";
    /** A run that changed nothing, its table a zero-row Parquet file. */
    private static final String ZERO_ROWS = "20261112T100000Z-zer4";
    /** Written before population_source, responses' synthetic and the changes' submission ids existed; current. */
    private static final String OLDER_COLUMNS = "20261115T100000Z-col5";

    private static final String CHANGES = "/api/v1/snapshots/" + WITH_CHANGES + "/changes";
    private static final String CSV_HEADER = "country,year,indicator,sex,age,breakdown_type,breakdown,change,"
            + "old_count,new_count,old_rate_per_100k,new_rate_per_100k,old_reported_rate,new_reported_rate,"
            + "old_submission_id,new_submission_id,synthetic,notice";

    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishVintages() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture snapshots = new SnapshotFixture(data);
        ChangesFixture changes = new ChangesFixture(data);
        snapshots.writeAndPublish(BEFORE_CHANGES, false, Fixtures.realLooking());

        snapshots.write(WITH_CHANGES, false, Fixtures.realLooking());
        // written out of code order, with the largest changes where an order by size would put them first
        changes.writeChanges(
                WITH_CHANGES,
                BEFORE_CHANGES,
                List.of(
                        ChangeRow.revised("USA", 2020, "intentional-homicide", 19_000, 21_500),
                        ChangeRow.withdrawn("JAM", 2019, "robbery", 3_000),
                        ChangeRow.added("ARG", 2021, "theft", 5),
                        ChangeRow.revised("ARG", 2020, "intentional-homicide", 2_100, 2_200)
                                .withSex("M")
                                .withRates(4.6, 4.8),
                        ChangeRow.revised("ARG", 2020, "intentional-homicide", 2_150, 2_200)
                                .withRates(4.7, 4.8),
                        ChangeRow.revised("ARG", 2019, "intentional-homicide", 2_000, 2_100),
                        ChangeRow.revised("BHS", 2019, "corruption", 259, 800),
                        ChangeRow.withdrawn("DMA", 2014, "corruption", 12)));
        snapshots.publish(WITH_CHANGES);

        snapshots.write(NOTHING_CHANGED, false, Fixtures.realLooking());
        changes.writeChanges(NOTHING_CHANGED, WITH_CHANGES, List.of());
        snapshots.publish(NOTHING_CHANGED);

        snapshots.write(ZERO_ROWS, false, Fixtures.realLooking());
        changes.writeNoChangesAsEmptyParquet(ZERO_ROWS, NOTHING_CHANGED, "ARG");
        snapshots.publish(ZERO_ROWS);

        snapshots.write(OLDER_COLUMNS, false, Fixtures.realLooking(), Fixtures.responses());
        changes.writeChanges(
                OLDER_COLUMNS,
                ZERO_ROWS,
                List.of(ChangeRow.revised("BRA", 2020, "intentional-homicide", 46_000, 47_000)));
        changes.dropColumns(OLDER_COLUMNS, SnapshotTables.INDICATORS, List.of(SnapshotTables.POPULATION_SOURCE));
        changes.dropColumns(OLDER_COLUMNS, SnapshotTables.RESPONSES, List.of(SnapshotTables.SYNTHETIC));
        changes.dropColumns(
                OLDER_COLUMNS,
                SnapshotTables.CHANGES,
                List.of(SnapshotTables.OLD_SUBMISSION_ID, SnapshotTables.NEW_SUBMISSION_ID));
        snapshots.publish(OLDER_COLUMNS);
        config = ApiConfig.of(data, CODELISTS);
    }

    @Test
    void listsChangesByCountryCodeThenIndicatorYearAndDisaggregationNeverBySize() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get(CHANGES);
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
            JsonNode body = json(response);
            assertThat(body.get("snapshotId").asText()).isEqualTo(WITH_CHANGES);
            assertThat(body.get("previousSnapshotId").asText()).isEqualTo(BEFORE_CHANGES);
            assertThat(body.get("synthetic").asBoolean()).isFalse();
            assertThat(body.get("filters").get("country").isNull()).isTrue();
            assertThat(body.get("filters").get("indicator").isNull()).isTrue();
            assertThat(body.get("counts").toString()).isEqualTo("{\"revised\":5,\"added\":1,\"withdrawn\":2}");
            assertThat(keys(body))
                    .containsExactly(
                            "ARG 2019 intentional-homicide _T revised",
                            "ARG 2020 intentional-homicide M revised",
                            "ARG 2020 intentional-homicide _T revised",
                            "ARG 2021 theft _T added",
                            "BHS 2019 corruption _T revised",
                            "DMA 2014 corruption _T withdrawn",
                            "JAM 2019 robbery _T withdrawn",
                            "USA 2020 intentional-homicide _T revised");
            JsonNode bhs = body.get("changes").get(4);
            assertThat(bhs.get("oldCount").asDouble()).isEqualTo(259);
            assertThat(bhs.get("newCount").asDouble()).isEqualTo(800);
            assertThat(bhs.get("oldSubmissionId").asText()).isEqualTo("sub-bhs-old");
            assertThat(bhs.get("newSubmissionId").asText()).isEqualTo("sub-bhs-new");
            assertThat(bhs.get("breakdownType").asText()).isEqualTo("_T");
            JsonNode added = body.get("changes").get(3);
            assertThat(added.get("oldCount").isNull()).isTrue();
            assertThat(added.get("oldSubmissionId").isNull()).isTrue();
            assertThat(added.get("newCount").asDouble()).isEqualTo(5);
            JsonNode withRates = body.get("changes").get(2);
            assertThat(withRates.get("oldRatePer100k").asDouble()).isEqualTo(4.7);
            assertThat(withRates.get("newRatePer100k").asDouble()).isEqualTo(4.8);
            assertThat(withRates.get("oldReportedRate").isNull()).isTrue();
        });
    }

    @Test
    void filtersByMemberStateAndIndicator() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            JsonNode argentina = json(client.get(CHANGES + "?country=arg"));
            assertThat(argentina.get("filters").get("country").asText()).isEqualTo("ARG");
            assertThat(keys(argentina))
                    .containsExactly(
                            "ARG 2019 intentional-homicide _T revised",
                            "ARG 2020 intentional-homicide M revised",
                            "ARG 2020 intentional-homicide _T revised",
                            "ARG 2021 theft _T added");
            assertThat(argentina.get("counts").toString()).isEqualTo("{\"revised\":3,\"added\":1,\"withdrawn\":0}");

            JsonNode corruption = json(client.get(CHANGES + "?indicator=corruption"));
            assertThat(corruption.get("filters").get("indicator").asText()).isEqualTo("corruption");
            assertThat(keys(corruption))
                    .containsExactly("BHS 2019 corruption _T revised", "DMA 2014 corruption _T withdrawn");

            JsonNode both = json(client.get(CHANGES + "?country=ARG&indicator=theft"));
            assertThat(keys(both)).containsExactly("ARG 2021 theft _T added");

            // a member state the snapshot changed nothing for
            JsonNode canada = json(client.get(CHANGES + "?country=CAN"));
            assertThat(keys(canada)).isEmpty();
            assertThat(canada.get("counts").toString()).isEqualTo("{\"revised\":0,\"added\":0,\"withdrawn\":0}");
        });
    }

    @Test
    void givesTheChangesAsCsvWithTheTablesColumns() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get(CHANGES + "?format=csv&country=ARG");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response).replace(" ", "")).isEqualToIgnoringCase("text/csv;charset=utf-8");
            assertThat(response.header("Content-Disposition"))
                    .isEqualTo("inline; filename=\"changes-" + WITH_CHANGES + "-ARG.csv\"");
            assertThat(response.body().string().lines().toList())
                    .containsExactly(
                            CSV_HEADER,
                            "ARG,2019,intentional-homicide,_T,_T,_T,_T,revised,2000,2100,,,,,sub-arg-old,sub-arg-new,false,",
                            "ARG,2020,intentional-homicide,M,_T,_T,_T,revised,2100,2200,4.6,4.8,,,sub-arg-old,sub-arg-new,"
                                    + "false,",
                            "ARG,2020,intentional-homicide,_T,_T,_T,_T,revised,2150,2200,4.7,4.8,,,sub-arg-old,sub-arg-new,"
                                    + "false,",
                            "ARG,2021,theft,_T,_T,_T,_T,added,,5,,,,,,sub-arg-new,false,");
            assertThat(SnapshotTables.CHANGES.columnNames())
                    .containsExactly(CSV_HEADER.replace(",synthetic,notice", "").split(","));
        });
    }

    @Test
    void answersAnEmptyListForARunThatChangedNothing() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            for (String id : List.of(NOTHING_CHANGED, ZERO_ROWS)) {
                Response response = client.get("/api/v1/snapshots/" + id + "/changes");
                assertThat(response.code()).as(id).isEqualTo(200);
                JsonNode body = json(response);
                assertThat(body.get("changes").isArray()).isTrue();
                assertThat(body.get("changes")).as(id).isEmpty();
                assertThat(body.get("counts").toString()).isEqualTo("{\"revised\":0,\"added\":0,\"withdrawn\":0}");
                assertThat(client.get("/api/v1/snapshots/" + id + "/changes?format=csv&country=ARG")
                                .body()
                                .string())
                        .as(id)
                        .isEqualTo(CSV_HEADER + "\n");
            }
            assertThat(json(client.get("/api/v1/snapshots/" + NOTHING_CHANGED + "/changes"))
                            .get("previousSnapshotId")
                            .asText())
                    .isEqualTo(WITH_CHANGES);
        });
    }

    @Test
    void aVintagePublishedBeforeChangesWereRecordedAnswers404SayingWhy() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/api/v1/snapshots/" + BEFORE_CHANGES + "/changes");
            assertThat(response.code()).isEqualTo(404);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("CHANGES_NOT_RECORDED");
            assertThat(problem.get("type").asText()).isEqualTo("urn:observatory:problem:changes-not-recorded");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Snapshot '" + BEFORE_CHANGES + "' was published before the pipeline recorded what each"
                            + " run changes, so it has no changes table; compare two vintages' values instead (GET"
                            + " /api/v1/countries/{iso3}/indicators/{code}?vintage=<id> for each), or read the"
                            + " changes of a snapshot published since (GET /api/v1/snapshots lists them)");
        });
    }

    @Test
    void anUnknownSnapshotCountryOrIndicatorAnswersAsOnTheOtherRoutes() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            JsonNode unknownSnapshot = json(client.get("/api/v1/snapshots/nothing/changes"));
            assertThat(unknownSnapshot.get("status").asInt()).isEqualTo(404);
            assertThat(unknownSnapshot.get("detail").asText())
                    .isEqualTo("No published snapshot has the id 'nothing'; GET /api/v1/snapshots lists the"
                            + " published vintages");

            JsonNode unknownCountry = json(client.get(CHANGES + "?country=XYZ"));
            assertThat(unknownCountry.get("status").asInt()).isEqualTo(404);
            assertThat(unknownCountry.get("parameter").asText()).isEqualTo("country");
            assertThat(unknownCountry.get("detail").asText())
                    .isEqualTo("Unknown country code 'XYZ'; use the ISO 3166-1 alpha-3 code of a member state, as"
                            + " listed by GET /api/v1/countries (query parameter 'country')");
            JsonNode notMember = json(client.get(CHANGES + "?country=FRA"));
            assertThat(notMember.get("status").asInt()).isEqualTo(404);
            assertThat(notMember.get("detail").asText())
                    .isEqualTo("France (FRA) is not a member state of this deployment; GET /api/v1/countries lists"
                            + " the members (query parameter 'country')");

            JsonNode unknownIndicator = json(client.get(CHANGES + "?indicator=size-of-change"));
            assertThat(unknownIndicator.get("status").asInt()).isEqualTo(404);
            assertThat(unknownIndicator.get("detail").asText())
                    .isEqualTo("Unknown indicator 'size-of-change'; GET /api/v1/indicators lists the indicator codes"
                            + " (query parameter 'indicator')");

            JsonNode format = json(client.get(CHANGES + "?format=sdmx-csv"));
            assertThat(format.get("status").asInt()).isEqualTo(400);
            assertThat(format.get("detail").asText())
                    .isEqualTo("Query parameter 'format' must be one of json, csv, not 'sdmx-csv'");
            JsonNode sorted = json(client.get(CHANGES + "?sort=new_count"));
            assertThat(sorted.get("status").asInt()).isEqualTo(400);
            assertThat(sorted.get("detail").asText())
                    .startsWith("Unknown query parameter 'sort'; this route accepts country, indicator, format;"
                            + " nothing in this API sorts, ranks or picks the top countries by value");
        });
    }

    @Test
    void answersNotModifiedToItsOwnETag() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response first = client.get(CHANGES + "?country=ARG");
            String etag = first.header("ETag");
            assertThat(etag).startsWith("\"" + WITH_CHANGES + "-");
            Response again = client.request(CHANGES + "?country=arg", builder -> builder.header("If-None-Match", etag));
            assertThat(again.code()).isEqualTo(304);
            assertThat(client.get(CHANGES + "?country=BRA").header("ETag")).isNotEqualTo(etag);
        });
    }

    @Test
    void theVintageArchiveHoldsTheChangesTableWhenTheSnapshotHasOne() throws Exception {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            List<String> names = new ArrayList<>();
            String changesCsv = null;
            try (ZipInputStream zip = new ZipInputStream(
                    client.get("/api/v1/snapshots/" + WITH_CHANGES + "/download")
                            .body()
                            .byteStream(),
                    StandardCharsets.UTF_8)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    names.add(entry.getName());
                    if (entry.getName().endsWith("csv/changes.csv")) {
                        changesCsv = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            assertThat(names)
                    .contains(
                            WITH_CHANGES + "/csv/changes.csv",
                            WITH_CHANGES + "/parquet/changes/country=BHS/data_0.parquet");
            assertThat(changesCsv).startsWith(CSV_HEADER.replace(",synthetic,notice", "") + "\nARG,2019,");
            assertThat(changesCsv.lines()).hasSize(9);
        });
    }

    /** Regression: a vintage whose Parquet lacks a column the current schema has is answered, the column null. */
    @Test
    void aColumnAnOlderVintageLacksReadsAsNull() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            // indicators without population_source: the series, the country's indicators and the archive
            String series = "/api/v1/countries/ARG/indicators/intentional-homicide?vintage=" + OLDER_COLUMNS;
            Response response = client.get(series);
            assertThat(response.code()).isEqualTo(200);
            JsonNode observation = json(response).get("observations").get(0);
            assertThat(observation.get("population").asDouble()).isEqualTo(44_494_502.0);
            assertThat(observation.has("populationSource")).isTrue();
            assertThat(observation.get("populationSource").isNull()).isTrue();
            assertThat(json(client.get(series.replace("/ARG/", "/BRA/")))
                            .get("observations")
                            .get(0)
                            .get("populationSource")
                            .isNull())
                    .isTrue();
            assertThat(client.get("/api/v1/countries/ARG/indicators").code()).isEqualTo(200);
            assertThat(client.get("/indicators/intentional-homicide").code()).isEqualTo(200);
            // the current snapshot is this one: the series of an older vintage still has its population source
            assertThat(json(client.get(series.replace(OLDER_COLUMNS, WITH_CHANGES)))
                            .get("observations")
                            .get(0)
                            .get("populationSource")
                            .asText())
                    .isEqualTo("UN WPP 2024");

            // responses without synthetic: the response-rate report of the current snapshot
            Response report = client.get("/api/v1/reports/response-rates?cycle=2010");
            assertThat(report.code()).isEqualTo(200);
            JsonNode total = json(report).get("total");
            assertThat(total.get("responded").asInt()).isEqualTo(19);

            // changes without the submission ids
            JsonNode change = json(client.get("/api/v1/snapshots/" + OLDER_COLUMNS + "/changes"))
                    .get("changes")
                    .get(0);
            assertThat(change.get("newCount").asDouble()).isEqualTo(47_000);
            assertThat(change.get("oldSubmissionId").isNull()).isTrue();
            assertThat(change.get("newSubmissionId").isNull()).isTrue();

            // the archive's CSV of the indicators table has the column, empty
            String indicatorsCsv = null;
            try (ZipInputStream zip = new ZipInputStream(
                    client.get("/api/v1/snapshots/" + OLDER_COLUMNS + "/download")
                            .body()
                            .byteStream(),
                    StandardCharsets.UTF_8)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().endsWith("csv/indicators.csv")) {
                        indicatorsCsv = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            List<String> lines = indicatorsCsv.lines().toList();
            assertThat(lines.get(0)).contains(",population,population_source,reported_rate,");
            assertThat(lines.get(1))
                    .startsWith("ARG,2018,intentional-homicide,_T,_T,_T,_T,2000.0,")
                    .contains(",,");
            assertThat(lines.get(1)).doesNotContain("UN WPP 2024");
        });
    }

    /** Each change as "country year indicator sex kind", in the order given. */
    private static List<String> keys(JsonNode body) {
        List<String> keys = new ArrayList<>();
        body.get("changes")
                .forEach(change -> keys.add(String.join(
                        " ",
                        change.get("country").asText(),
                        change.get("year").asText(),
                        change.get("indicator").asText(),
                        change.get("sex").asText(),
                        change.get("change").asText())));
        return keys;
    }
}
