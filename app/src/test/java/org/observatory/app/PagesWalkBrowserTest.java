package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;

/**
 * The pages as their people use them, in headless Chromium against a real server with its real write side and
 * pipeline runs ({@code api/src/test/browser/walk-pages.mjs}): a newcomer lands on {@code /}, opens a country,
 * switches to Spanish and downloads the CSV, which must equal the API's; an analyst signs in, uploads a broken file,
 * sees its issues by line and column, downloads the fix list, uploads the corrected file and approves it; the
 * secretariat starts a pipeline run and watches it to its report; the analyst then sees the published value on the
 * country page. The newcomer also reads the country page in French and Portuguese. On every page type, in the four
 * languages, axe-core finds no serious or critical violation, and no
 * page loads anything from elsewhere. Screenshots go to {@code target/browser/}.
 */
class PagesWalkBrowserTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final Path SCREENSHOTS = Path.of("target", "browser");

    @TempDir
    Path temporary;

    @Test
    void aNewcomerAnAnalystAndTheSecretariatWalkThePagesInChromium() throws Exception {
        Path root = temporary.resolve("data");
        DataDirectory data = new DataDirectory(root);
        Files.createDirectories(root.resolve("config"));
        Files.writeString(
                root.resolve(DeploymentSettings.FILE),
                "approval-policy=required\npipeline-command="
                        + String.join(" ", ApprovalEndToEndTest.childPipeline().command()) + "\n",
                StandardCharsets.UTF_8);
        String secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        String colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "COL");
        String mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        Path broken = temporary.resolve("mex-homicidios.csv");
        Files.writeString(
                broken,
                Files.readString(WriteApi.homicides(temporary, "mex.csv", "MEX,2020,36579", "MEX,2021,35700"))
                        .replace(",2021,", ",2O21,")
                        .replace(",36579,", ",36.579 victims,"),
                StandardCharsets.UTF_8);
        Path corrected = WriteApi.homicides(temporary, "mex-corregido.csv", "MEX,2020,36579", "MEX,2021,35700");
        Files.createDirectories(SCREENSHOTS);

        ApiConfig config = ApiConfig.of(data, CODELISTS)
                .withSubmissions(ServeCommand.writeSide(
                        data, CODELISTS, DeploymentSettings.load(data).approvalPolicy()));
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            WriteApi api = new WriteApi(server);
            // a first vintage, so that a newcomer finds a country with data: COL's, through the API
            String col = WriteApi.json(api.submit(
                            colAnalyst,
                            WriteApi.homicides(
                                    temporary, "col.csv", "COL,2019,12689", "COL,2020,12018", "COL,2021,13709"),
                            "source",
                            "cts"))
                    .get("submissionId")
                    .asText();
            assertThat(api.post("/api/v1/submissions/%s/approve?country=COL".formatted(col), colAnalyst)
                            .statusCode())
                    .isEqualTo(200);
            JsonNode first = ApprovalEndToEndTest.run(api, secretariat);
            assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("succeeded");
            ApprovalEndToEndTest.awaitServing(api, first.get("snapshotId").asText());

            ObjectNode walk = WriteApi.JSON
                    .createObjectNode()
                    .put("base", server.baseUri().toString().replaceAll("/$", ""))
                    .put("analystToken", mexAnalyst)
                    .put("secretariatToken", secretariat)
                    .put("brokenFile", broken.toAbsolutePath().toString())
                    .put("correctedFile", corrected.toAbsolutePath().toString())
                    .put("screenshots", SCREENSHOTS.toAbsolutePath().toString());
            Path walkFile = temporary.resolve("walk.json");
            WriteApi.JSON.writeValue(walkFile.toFile(), walk);
            JsonNode seen = BrowserScript.run(
                    "walk-pages.mjs", walkFile.toAbsolutePath().toString());

            assertThat(seen.path("error").asText(""))
                    .as("the walk stopped at: %s", seen.get("steps"))
                    .isEmpty();
            assertThat(strings(seen.get("consoleErrors"))).as("console errors").isEmpty();
            assertThat(strings(seen.get("externalRequests")))
                    .as("pages load nothing from elsewhere")
                    .isEmpty();
            List<String> violations = strings(seen.get("axeViolations"));
            assertThat(violations).as("serious or critical axe-core violations").isEmpty();
            List<String> checked = strings(seen.get("axeChecked"));
            for (String type : List.of(
                    "landing",
                    "country",
                    "indicator",
                    "sign-in",
                    "submit",
                    "receipt",
                    "submissions",
                    "secretariat",
                    "run",
                    "error",
                    "docs")) {
                for (Language language : Language.all()) {
                    assertThat(checked)
                            .as("page types checked with axe-core, in the four languages")
                            .contains(type + " " + language.code());
                }
            }

            // the newcomer (an en-US browser) switches the country page to French and Portuguese
            assertThat(seen.get("frenchLang").asText()).isEqualTo("fr-CA");
            assertThat(seen.get("frenchCountryPage").asText())
                    .as("fr-CA groups digits with a no-break space")
                    .contains("Comment citer")
                    .contains("12\u00a0689");
            assertThat(seen.get("portugueseLang").asText()).isEqualTo("pt-BR");
            assertThat(seen.get("portugueseCountryPage").asText())
                    .as("pt-BR groups digits with a dot")
                    .contains("Como citar")
                    .contains("12.689");

            // the newcomer's CSV download is the API's CSV of the vintage then current, byte for byte
            String downloadedFrom = seen.get("csvUrl").asText();
            assertThat(downloadedFrom).startsWith("/api/v1/countries/COL/indicators/intentional-homicide?");
            HttpResponse<String> apiCsv = api.get(
                    downloadedFrom + "&vintage=" + first.get("snapshotId").asText(), null);
            assertThat(seen.get("csv").asText()).isEqualTo(apiCsv.body());

            // the broken file's receipt: rejected, with the line and column of each issue
            assertThat(seen.get("brokenReceipt").asText())
                    .contains("2O21")
                    .containsPattern("(?s)\\b3\\b.*Year|Year.*\\b3\\b");
            assertThat(seen.get("fixList").asText())
                    .as("the analyst's own lines (UTF-8 with a byte-order mark, for Excel) and one added column")
                    .startsWith("\uFEFFIso3_code,")
                    .contains(",Source,observatory_issue\n")
                    .as("in the language of the Spanish receipt it was downloaded from")
                    .contains(",2O21,Counts,35700,CTS,\"Línea 3, columna «Year»: «2O21» no es un año");
            assertThat(seen.get("approvedReceipt").asText())
                    .isNotEqualTo(seen.get("correctedReceipt").asText());
            assertThat(seen.get("correctedReceipt").asText()).doesNotContain("2O21");
            assertThat(seen.get("runPage").asText()).contains(seen.get("runId").asText());

            // what the analyst sees on the country page after the run is the published value
            HttpResponse<String> published = api.get("/api/v1/countries/MEX/indicators/intentional-homicide", null);
            assertThat(published.body()).contains("36579");
            assertThat(seen.get("publishedCountryPage").asText()).contains("36,579");
        }
        assertThat(SCREENSHOTS.resolve("walk-country-es.png")).isNotEmptyFile();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
