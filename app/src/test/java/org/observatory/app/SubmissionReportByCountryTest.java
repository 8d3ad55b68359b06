package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Issue 14, defect 4: the report of a multi-country submission, read by the analyst of one of its countries, shows
 * that country's part and issues only, and counts of the rest, never another country's values; on a real server
 * with the real ingest service.
 */
class SubmissionReportByCountryTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String HEADER =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n";
    private static final String HOMICIDE = "Americas,Latin America and the Caribbean,Victims of intentional homicide";
    /** COL's values: a year-on-year jump and an age band a spreadsheet made a date of, both warnings. */
    private static final List<String> COL_VALUES = List.of("12100.25", "45678.75", "Oct-17", "777.5");

    @TempDir
    static Path temporary;

    private static ApiServer server;
    private static WriteApi api;
    private static String secretariat;
    private static String mexAnalyst;
    private static String colAnalyst;
    private static String release;

    @BeforeAll
    static void secretariatUploadsAReleaseWithWarningsForMexAndCol() throws Exception {
        Path root = temporary.resolve("data");
        secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "COL");
        DataDirectory data = new DataDirectory(root);
        server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(SubmissionsConfig.NONE.withIntake(
                                new IngestIntake(data, new IngestService(data, CODELISTS)))),
                "127.0.0.1",
                0);
        api = new WriteApi(server);
        Path file = temporary.resolve("release.csv");
        Files.writeString(
                file,
                HEADER
                        + row("JAM", "Total", 2021, "1463")
                        + row("MEX", "Total", 2020, "30100.5")
                        + row("MEX", "Total", 2021, "90300.5")
                        + row("COL", "Total", 2020, "12100.25")
                        + row("COL", "Total", 2021, "45678.75")
                        + row("COL", "Oct-17", 2021, "777.5")
                        + row("MEX", "Oct-14", 2021, "555.5"),
                StandardCharsets.UTF_8);
        HttpResponse<String> upload = api.submit(secretariat, file, "source", "cts", "cycle", "2022");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        release = json(upload).get("submissionId").asText();
    }

    private static String row(String country, String age, int year, String value) {
        return "%s,%s,%s,Total,Total,Total,%s,%d,Counts,%s,CTS\n"
                .formatted(country, country, HOMICIDE, age, year, value);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void analystSeesOnlyTheirCountrysIssuesAndPartOfAMultiCountrySubmission() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/submissions/" + release, mexAnalyst);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode view = json(response);
        assertThat(view.get("parts").findValuesAsText("country")).containsExactly("MEX");
        JsonNode issues = view.get("report").get("issues");
        assertThat(issues.findValuesAsText("country")).containsOnly("MEX").hasSize(2);
        assertThat(lines(issues)).containsExactly(4L, 8L);
        assertThat(view.get("report").get("countries"))
                .extracting(JsonNode::asText)
                .containsExactly("MEX");
        assertThat(view.get("otherCountries").get("parts").asInt()).isEqualTo(2);
        assertThat(view.get("otherCountries").get("issues").asInt()).isEqualTo(2);
        assertThat(view.get("otherCountries").get("note").asText())
                .isEqualTo("This file holds rows of other countries too: you see MEX's part and the issues of MEX's"
                        + " rows; the others are only counted. The secretariat sees the whole report");
        for (String value : COL_VALUES) {
            assertThat(response.body()).as("COL's value %s", value).doesNotContain(value);
        }
        assertThat(response.body()).doesNotContain("COL").doesNotContain("JAM");
    }

    @Test
    void eachCountrysAnalystSeesTheirOwnIssuesAndTheSecretariatSeesEverything() throws Exception {
        JsonNode col = json(api.get("/api/v1/submissions/" + release, colAnalyst));
        JsonNode whole = json(api.get("/api/v1/submissions/" + release, secretariat));

        assertThat(col.get("parts").findValuesAsText("country")).containsExactly("COL");
        assertThat(col.get("report").get("issues").findValuesAsText("country")).containsOnly("COL");
        assertThat(lines(col.get("report").get("issues"))).containsExactly(6L, 7L);
        assertThat(whole.has("otherCountries")).isFalse();
        assertThat(whole.get("parts").findValuesAsText("country")).containsExactly("COL", "JAM", "MEX");
        assertThat(lines(whole.get("report").get("issues"))).containsExactlyInAnyOrder(4L, 6L, 7L, 8L);
        assertThat(whole.toString()).contains("12100.25", "Oct-17");
    }

    private static List<Long> lines(JsonNode issues) {
        List<Long> lines = new ArrayList<>();
        issues.forEach(issue -> lines.add(issue.get("line").asLong()));
        lines.sort(Long::compare);
        return lines;
    }
}
