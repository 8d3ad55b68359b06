package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.pipeline.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The reproduction of the sovereignty defect, through the API and a pipeline run (Spark local, in this JVM): a MEX
 * analyst uploaded a population file with a COL row and a CTS reply with COL rows; both were accepted, COL's 2020
 * homicide rate became 10,000,000 per 100,000 and COL was recorded as answering the cycle. Now both uploads are
 * 422s naming the line, and after a run COL's figures are COL's own.
 */
class CountrySovereigntyEndToEndTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String COL_SERIES = "/api/v1/countries/COL/indicators/intentional-homicide";
    private static Engine engine;

    @TempDir
    Path temporary;

    @BeforeAll
    static void startEngine() {
        engine = TestSupport.duckDb();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void analystCannotPublishAnotherCountrysPopulationOrCtsRows() throws Exception {
        Path root = temporary.resolve("data");
        String secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        String mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        String colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "COL");
        DataDirectory data = new DataDirectory(root);

        try (ApiServer server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(ServeCommand.writeSide(data, CODELISTS, ApprovalPolicy.AUTOMATIC)),
                "127.0.0.1",
                0)) {
            WriteApi api = new WriteApi(server);
            // COL's own figures: its population, and its CTS reply to the 2021 cycle (not the 2022 one)
            created(api.submit(
                    colAnalyst,
                    write("col-population.csv", "country,year,population\nCOL,2020,50000000\n"),
                    "source",
                    "population"));
            created(api.submit(
                    colAnalyst,
                    WriteApi.homicides(temporary, "col-2021.csv", "COL,2020,12100"),
                    "source",
                    "cts",
                    "cycle",
                    "2021"));
            // MEX answers the 2022 cycle with its own rows
            created(api.submit(
                    mexAnalyst,
                    WriteApi.homicides(temporary, "mex-2022.csv", "MEX,2020,36579"),
                    "source",
                    "cts",
                    "cycle",
                    "2022"));

            HttpResponse<String> population = api.submit(
                    mexAnalyst,
                    write("mex-population.csv", "country,year,population\nMEX,2020,126014024\nCOL,2020,1\n"),
                    "source",
                    "population");
            HttpResponse<String> replies = api.submit(
                    mexAnalyst,
                    WriteApi.homicides(
                            temporary, "mex-2022-with-col.csv", "MEX,2021,35700", "COL,2021,13709", "COL,2019,12000"),
                    "source",
                    "cts",
                    "cycle",
                    "2022");

            assertRefused(population, Map.of(3L, "country"));
            assertRefused(replies, Map.of(3L, "Iso3_code", 4L, "Iso3_code"));
            String populationId = json(population).get("submissionId").asText();
            String repliesId = json(replies).get("submissionId").asText();
            assertThat(data.staging(populationId)).doesNotExist();
            assertThat(data.staging(repliesId)).doesNotExist();
            Map<String, String> audit = submissionAudit(api, secretariat);
            assertThat(audit.get(populationId)).endsWith("; countries touched: COL (1 row refused as not MEX's), MEX");
            assertThat(audit.get(repliesId)).endsWith("; countries touched: COL (2 rows refused as not MEX's), MEX");

            IngestService ingest = new IngestService(data, CODELISTS);
            RunReport run = new PipelineJob(engine, CODELISTS)
                    .run(RunManifests.build(
                            "run-sovereignty",
                            data,
                            ingest.acceptedSubmissions(),
                            ApprovalPolicy.AUTOMATIC,
                            Approvals.NONE));
            ApprovalEndToEndTest.awaitServing(api, run.snapshotId());

            // COL's rate is computed from COL's own population: 12,100 / 50,000,000 x 100,000
            JsonNode observations = json(api.get(COL_SERIES, null)).get("observations");
            assertThat(observations).hasSize(1);
            assertThat(observations.get(0).get("year").asInt()).isEqualTo(2020);
            assertThat(observations.get(0).get("population").asDouble()).isEqualTo(50_000_000.0);
            assertThat(observations.get(0).get("ratePer100k").asDouble()).isCloseTo(24.2, within(1e-9));
            // and COL is not recorded as answering the 2022 cycle; MEX is
            HttpResponse<String> report = api.get("/api/v1/reports/response-rates?cycle=2022", secretariat);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            Map<String, Boolean> responded = responded(json(report));
            assertThat(responded).containsEntry("MEX", true).containsEntry("COL", false);
        }
    }

    /** Asserts a 422 whose errors are exactly COUNTRY_NOT_SUBMITTER issues of these lines, in these columns. */
    private static void assertRefused(HttpResponse<String> response, Map<Long, String> columnsByLine) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("SUBMISSION_REJECTED");
        Map<Long, String> refused = new LinkedHashMap<>();
        for (JsonNode issue : problem.get("report").get("issues")) {
            assertThat(issue.get("code").asText()).isEqualTo("COUNTRY_NOT_SUBMITTER");
            assertThat(issue.get("message").asText())
                    .startsWith("Line %d, column '%s': COL is not the submitting country MEX"
                            .formatted(
                                    issue.get("line").asLong(),
                                    issue.get("column").asText()));
            refused.put(issue.get("line").asLong(), issue.get("column").asText());
        }
        assertThat(refused).isEqualTo(columnsByLine);
        assertThat(problem.get("report").get("rowsOfOtherCountries").get("COL").asLong())
                .isEqualTo(columnsByLine.size());
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** The audit detail of each submission's upload, by submission id. */
    private static Map<String, String> submissionAudit(WriteApi api, String secretariat) throws Exception {
        Map<String, String> details = new LinkedHashMap<>();
        for (JsonNode entry : json(api.get("/api/v1/audit", secretariat)).get("entries")) {
            if (entry.get("action").asText().equals("submission")) {
                details.putIfAbsent(
                        entry.get("target").asText(), entry.get("detail").asText());
            }
        }
        return details;
    }

    /** Whether each member state responded, as the response-rate report says. */
    private static Map<String, Boolean> responded(JsonNode report) {
        Map<String, Boolean> responded = new LinkedHashMap<>();
        List<JsonNode> countries = new ArrayList<>();
        report.get("subregions").forEach(group -> group.get("countries").forEach(countries::add));
        for (JsonNode country : countries) {
            responded.put(country.get("iso3").asText(), country.get("responded").asBoolean());
        }
        return responded;
    }

    private Path write(String name, String text) throws Exception {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
