package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The issue's "done when": the same rejected upload gives its report in each of the four languages through the API
 * ({@code Accept-Language}) and the command line ({@code --lang}), with the same codes, lines, columns and arguments;
 * only the messages change, and the API and the CLI word each issue alike in each language.
 */
class RejectedUploadLanguagesTest {
    private static final List<String> LANGUAGES = List.of("es", "en", "pt", "fr");

    @TempDir
    Path temporary;

    @Test
    void theSameRejectedUploadReadsInEachLanguageThroughTheApiAndTheCliWithTheSameCodesLinesAndColumns()
            throws Exception {
        Path root = temporary.resolve("data");
        String mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        Path file = WriteApi.homicides(temporary, "mex-2024.csv", "MEX,2020,36579", "MEX,2O21,35700", "MEX,2022,12x");
        DataDirectory data = new DataDirectory(root);
        Codelists codelists = Codelists.load();

        Map<String, JsonNode> api = new LinkedHashMap<>();
        try (ApiServer server = ApiServer.start(
                ApiConfig.of(data, codelists)
                        .withSubmissions(ServeCommand.writeSide(data, codelists, ApprovalPolicy.AUTOMATIC)),
                "127.0.0.1",
                0)) {
            HttpResponse<String> rejected =
                    new WriteApi(server).submit(mexAnalyst, file, "source", "cts", "country", "MEX", "cycle", "2024");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
            String id = WriteApi.json(rejected).get("submissionId").asText();
            HttpClient http = HttpClient.newHttpClient();
            for (String language : LANGUAGES) {
                HttpResponse<String> read = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        server.baseUri().toString().replaceAll("/$", "") + "/api/v1/submissions/" + id))
                                .header("Authorization", "Bearer " + mexAnalyst)
                                .header("Accept-Language", language)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(read.headers().firstValue("Content-Language"))
                        .hasValueSatisfying(tag -> assertThat(tag).startsWith(language + "-"));
                api.put(language, WriteApi.json(read).get("report").get("issues"));
            }
        }

        Map<String, JsonNode> cli = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            CommandRun run = CommandRun.of(
                    "ingest",
                    file.toString(),
                    "--source",
                    "cts",
                    "--country",
                    "MEX",
                    "--cycle",
                    "2024",
                    "--data",
                    temporary.resolve("cli-" + language).toString(),
                    "--lang",
                    language,
                    "--format",
                    "json");
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            cli.put(language, WriteApi.JSON.readTree(run.out()).get("issues"));
        }

        JsonNode facts = withoutMessages(api.get("en"));
        assertThat(facts).hasSize(2);
        assertThat(facts.get(0).get("code").asText()).isEqualTo("YEAR_OUT_OF_RANGE");
        assertThat(facts.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(facts.get(0).get("column").asText()).isEqualTo("Year");
        assertThat(facts.get(1).get("code").asText()).isEqualTo("VALUE_NOT_A_NUMBER");
        assertThat(facts.get(1).get("line").asLong()).isEqualTo(4);
        for (String language : LANGUAGES) {
            assertThat(withoutMessages(api.get(language))).as("API " + language).isEqualTo(facts);
            assertThat(withoutMessages(cli.get(language))).as("CLI " + language).isEqualTo(facts);
            assertThat(messages(cli.get(language)))
                    .as("the CLI words each issue as the API does in " + language)
                    .isEqualTo(messages(api.get(language)));
        }
        assertThat(LANGUAGES.stream().map(language -> messages(api.get(language))))
                .as("each language has its own words")
                .doesNotHaveDuplicates();
        assertThat(messages(api.get("en")).get(0)).startsWith("Line 3, column 'Year': '2O21' is not a year");
        assertThat(messages(api.get("es")).get(0)).startsWith("Línea 3, columna «Year»: «2O21» no es un año");
        assertThat(messages(api.get("pt")).get(0)).startsWith("Linha 3, coluna \"Year\"");
        assertThat(messages(api.get("fr")).get(0)).startsWith("Ligne 3, colonne «\u00a0Year\u00a0»");
    }

    /** The issues with their language-free facts only: severity, code, line, column, value, code and arguments. */
    private static JsonNode withoutMessages(JsonNode issues) {
        JsonNode copy = issues.deepCopy();
        copy.forEach(issue -> ((ObjectNode) issue).remove("message"));
        return copy;
    }

    private static List<String> messages(JsonNode issues) {
        List<String> messages = new java.util.ArrayList<>();
        issues.forEach(issue -> messages.add(issue.get("message").asText()));
        return messages;
    }
}
