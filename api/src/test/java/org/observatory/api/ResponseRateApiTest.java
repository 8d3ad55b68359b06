package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.ResponseRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.page.Pages;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * {@code GET /api/v1/reports/response-rates} against a real server and a real DuckDB over a fixture snapshot whose
 * {@code responses} table holds the replies to cycles 2009 (5 member states), 2010 (19) and 2011 (21).
 */
class ResponseRateApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String ROUTE = "/api/v1/reports/response-rates";

    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishSnapshot() {
        config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
    }

    private static void withServer(ApiTestSupport.ClientTest test) {
        ApiTestSupport.withServer(ObservatoryApp.create(config), test);
    }

    @Test
    void answersWithTheReportOfTheCycleAsJsonByDefault() {
        withServer(client -> {
            Response response = client.get(ROUTE + "?cycle=2010");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            JsonNode body = json(response);
            assertThat(body.get("report").asText()).isEqualTo("response-rates");
            assertThat(body.get("snapshotId").asText()).isEqualTo("2026-11-01-a");
            assertThat(body.get("synthetic").asBoolean()).isFalse();
            assertThat(body.has("notice")).isFalse();
            assertThat(body.get("cycle").asInt()).isEqualTo(2010);
            JsonNode total = body.get("total");
            assertThat(total.get("expected").asInt()).isEqualTo(35);
            assertThat(total.get("responded").asInt()).isEqualTo(19);
            assertThat(total.get("change").get("previousCycle").asInt()).isEqualTo(2009);
            assertThat(total.get("change").get("previousResponded").asInt()).isEqualTo(5);
            assertThat(total.get("change").get("count").asInt()).isEqualTo(14);
            assertThat(total.get("change").get("percent").asDouble()).isEqualTo(280.0);
            assertThat(body.get("timelinessAssessed").asBoolean()).isFalse();
            assertThat(body.get("deadline").isNull()).isTrue();
            assertThat(total.get("onTime").isNull()).isTrue();
            List<String> subregions = new ArrayList<>();
            body.get("subregions")
                    .forEach(group ->
                            subregions.add(group.get("subregion").get("nameEn").asText()));
            assertThat(subregions).containsExactly("Northern America", "Central America", "Caribbean", "South America");
            List<String> northernAmerica = new ArrayList<>();
            body.get("subregions")
                    .get(0)
                    .get("countries")
                    .forEach(country -> northernAmerica.add(country.get("iso3").asText()));
            assertThat(northernAmerica).containsExactly("CAN", "USA");
            assertThat(body.get("trend")).hasSize(3);
            assertThat(body.get("heatmap").get("countries")).hasSize(35);
        });
    }

    @Test
    void servesTheSameFiguresAsCsvAndHtml() {
        withServer(client -> {
            Response csv = client.get(ROUTE + "?cycle=2010&format=csv");
            assertThat(csv.code()).isEqualTo(200);
            assertThat(contentType(csv).replace(" ", "")).isEqualToIgnoringCase("text/csv;charset=utf-8");
            assertThat(csv.header("Content-Disposition")).isEqualTo("inline; filename=\"response-rates-2010.csv\"");
            List<String> lines = csv.body().string().lines().toList();
            assertThat(lines.get(0)).startsWith("level,cycle,subregion,iso3,country,expected,responded,");
            assertThat(lines.get(1)).startsWith("cycle,2010,,,,35,19,54.3,2009,5,14,280,");

            Response html = client.get(ROUTE + "?cycle=2010&format=html");
            assertThat(html.code()).isEqualTo(200);
            assertThat(contentType(html).replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
            assertThat(html.body().string())
                    .startsWith("<!DOCTYPE html>")
                    .contains("<dd id=\"responding\">19 of 35 (54.3%)</dd>")
                    .contains("<dd id=\"change\">+14 (+280%) against cycle 2009 (5 responding)</dd>")
                    .contains("<svg id=\"trend-chart\"");
        });
    }

    @Test
    void theReportIsWrittenInTheLanguageOfAcceptLanguageWithTheSameFigures() {
        withServer(client -> {
            String portuguese = language(client, "?cycle=2010&format=html", "pt-BR,pt;q=0.9,en;q=0.5");
            assertThat(portuguese)
                    .contains("<html lang=\"pt-BR\">")
                    .contains("<title>Taxas de resposta, ciclo 2010 da UN-CTS</title>")
                    .contains("<dd id=\"responding\">19 de 35 (54,3%)</dd>")
                    .contains("<dd id=\"change\">+14 (+280%) em relação ao ciclo 2009 (5 responderam)</dd>");
            String french = language(client, "?cycle=2010&format=html", "fr");
            assertThat(french)
                    .contains("<html lang=\"fr-CA\">")
                    .contains("<dd id=\"responding\">19 sur 35 (54,3\u00a0%)</dd>");
            assertThat(language(client, "?cycle=2010&format=csv", "fr"))
                    .as("the CSV is language-free")
                    .isEqualTo(language(client, "?cycle=2010&format=csv", "en"));
            assertThat(language(client, "?cycle=2010&format=html", "de"))
                    .as("a language not among the four gives English")
                    .contains("<html lang=\"en-US\">");
        });
    }

    @Test
    void aPageLinksToTheReportInItsOwnLanguageWhateverTheBrowserAccepts() {
        withServer(client -> {
            okhttp3.Request request = new okhttp3.Request.Builder()
                    .url(client.getOrigin() + ROUTE + "?cycle=2010&format=html&lang=fr-FR")
                    .header("Accept-Language", "en-US")
                    .build();
            try (Response response = client.getOkHttp().newCall(request).execute()) {
                assertThat(response.header("Content-Language")).isEqualTo("fr-FR");
                assertThat(response.body().string())
                        .contains("<html lang=\"fr-FR\">")
                        .contains("<dd id=\"responding\">19 sur 35 (54,3\u00a0%)</dd>");
            }
            try (Response unknown = client.get(ROUTE + "?cycle=2010&format=html&lang=de")) {
                assertThat(unknown.code()).isEqualTo(400);
                assertThat(unknown.body().string())
                        .contains("\"parameter\":\"lang\"")
                        .contains("Query parameter 'lang' must be one of es, en, pt, fr, not 'de'");
            }
            String landing = client.get("/pt/").body().string();
            assertThat(landing).contains("format=html&amp;lang=pt-BR");
        });
    }

    @Test
    void aCycleOutOfRangeIsRefusedInTheReadersLanguage() {
        withServer(client -> {
            okhttp3.Request request = new okhttp3.Request.Builder()
                    .url(client.getOrigin() + ROUTE + "?cycle=1900")
                    .header("Accept-Language", "fr")
                    .build();
            try (Response response = client.getOkHttp().newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(400);
                assertThat(response.body().string()).contains("doit être un cycle de l’enquête de");
            }
            try (Response english = client.get(ROUTE + "?cycle=1900")) {
                assertThat(english.body().string()).contains("must be a survey cycle from");
            }
        });
    }

    private static String language(io.javalin.testtools.HttpClient client, String query, String acceptLanguage) {
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url(client.getOrigin() + ROUTE + query)
                .header("Accept-Language", acceptLanguage)
                .build();
        try (Response response = client.getOkHttp().newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().string();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theHtmlReportIsAPageSentWithThePagesContentSecurityPolicyAndItEscapesItsTexts() {
        withServer(client -> {
            try (Response html = client.get(ROUTE + "?cycle=2010&format=html")) {
                assertThat(html.header("Content-Security-Policy")).isEqualTo(Pages.CONTENT_SECURITY_POLICY);
                String page = html.body().string();
                assertThat(page)
                        .contains("<main>")
                        .contains("<title>Response rates, UN-CTS cycle 2010</title>")
                        .contains("<tr class=\"group\"><th colspan=\"11\">Northern America</th></tr>")
                        .contains("<td class=\"none\" title=\"ARG 2009: no reply\">&middot;</td>")
                        .doesNotContain("<script");
            }
            try (Response json = client.get(ROUTE + "?cycle=2010")) {
                assertThat(json.header("Content-Security-Policy"))
                        .as("JSON is no page")
                        .isNull();
            }
        });
    }

    @Test
    void readsTheDeadlinesOfTheDataDirectoryAtEveryRequest() throws IOException {
        Path deadlines = root.resolve("config/response-deadlines.csv");
        Files.createDirectories(deadlines.getParent());
        Files.writeString(deadlines, "cycle,deadline\n2010,2010-06-30\n", StandardCharsets.UTF_8);
        try {
            withServer(client -> {
                JsonNode body = json(client.get(ROUTE + "?cycle=2010"));
                assertThat(body.get("deadline").asText()).isEqualTo("2010-06-30");
                assertThat(body.get("total").get("onTime").asInt()).isEqualTo(17);
                assertThat(body.get("total").get("late").asInt())
                        .as("URY and USA replied on 1 August")
                        .isEqualTo(2);
            });
        } finally {
            Files.delete(deadlines);
        }
    }

    @Test
    void refusesAMissingCycleNamingTheParameter() {
        withServer(client -> {
            Response response = client.get(ROUTE);
            assertThat(response.code()).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(problem.get("parameter").asText()).isEqualTo("cycle");
            assertThat(problem.get("detail").asText())
                    .isEqualTo(
                            "Query parameter 'cycle' is missing; give the UN-CTS cycle to report on, e.g. cycle=2010");
        });
    }

    @Test
    void refusesACycleThatIsNotAYearOfTheSurvey() {
        withServer(client -> {
            JsonNode word = json(client.get(ROUTE + "?cycle=latest"));
            assertThat(word.get("status").asInt()).isEqualTo(400);
            assertThat(word.get("parameter").asText()).isEqualTo("cycle");
            assertThat(word.get("detail").asText())
                    .isEqualTo("Query parameter 'cycle' must be a whole number, not 'latest'");

            JsonNode early = json(client.get(ROUTE + "?cycle=1800"));
            assertThat(early.get("status").asInt()).isEqualTo(400);
            assertThat(early.get("detail").asText())
                    .isEqualTo("Query parameter 'cycle' must be a survey cycle from 1970 to 2100, not '1800'");
        });
    }

    @Test
    void answersNotFoundForACycleWithoutRepliesAndListsTheCyclesWithReplies() {
        withServer(client -> {
            Response response = client.get(ROUTE + "?cycle=2015");
            assertThat(response.code()).isEqualTo(404);
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(problem.get("parameter").asText()).isEqualTo("cycle");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No CTS replies for cycle 2015 in snapshot '2026-11-01-a' (cycles with replies: 2009,"
                            + " 2010, 2011); load the cycle's CTS file with 'observatory ingest FILE --source cts"
                            + " --cycle 2015' and run the pipeline, or ask for one of the cycles listed");
        });
    }

    @Test
    void refusesAnUnknownFormat() {
        withServer(client -> {
            JsonNode problem = json(client.get(ROUTE + "?cycle=2010&format=xlsx"));
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("parameter").asText()).isEqualTo("format");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'format' must be one of json, csv, html, not 'xlsx'");
        });
    }

    @Test
    void refusesToSortOrRankCountries() {
        withServer(client -> {
            for (String parameter : List.of("sort=completeness", "order=desc", "top=5", "rank=true")) {
                JsonNode problem = json(client.get(ROUTE + "?cycle=2010&" + parameter));
                assertThat(problem.get("status").asInt()).as(parameter).isEqualTo(400);
                assertThat(problem.get("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
                assertThat(problem.get("detail").asText())
                        .as(parameter)
                        .startsWith("Unknown query parameter '" + parameter.substring(0, parameter.indexOf('='))
                                + "'; this route accepts cycle, format, lang; nothing in this API sorts, ranks or picks the"
                                + " top countries by value");
            }
            JsonNode twice = json(client.get(ROUTE + "?cycle=2010&cycle=2009"));
            assertThat(twice.get("detail").asText())
                    .isEqualTo("Query parameter 'cycle' is given 2 times; give it once");
        });
    }

    @Test
    void labelsASyntheticSnapshotInEveryFormat(@TempDir Path other) {
        DataDirectory data = new DataDirectory(other);
        new SnapshotFixture(data)
                .writeAndPublish(
                        "2026-11-02-s",
                        true,
                        Fixtures.synthetic(),
                        List.of(ResponseRow.reply("JAM", 2024, "intentional-homicide", "police")
                                .asSynthetic()));
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, CODELISTS)), client -> {
            JsonNode body = json(client.get(ROUTE + "?cycle=2024"));
            assertThat(body.get("synthetic").asBoolean()).isTrue();
            assertThat(body.get("notice").asText()).startsWith("SYNTHETIC DEMO DATA - not real crime statistics.");
            assertThat(client.get(ROUTE + "?cycle=2024&format=csv").body().string())
                    .contains(",true,\"SYNTHETIC DEMO DATA - not real crime statistics.");
            assertThat(client.get(ROUTE + "?cycle=2024&format=html").body().string())
                    .contains("<p class=\"synthetic\" role=\"alert\">SYNTHETIC DEMO DATA - not real crime statistics.");
        });
    }

    @Test
    void explainsThatASnapshotPublishedBeforeReportsExistedHasNoResponsesTable(@TempDir Path other) throws IOException {
        DataDirectory data = new DataDirectory(other);
        Path snapshot = new SnapshotFixture(data).writeAndPublish("2026-10-01-old", false, Fixtures.realLooking());
        Path responses = snapshot.resolve("responses");
        if (Files.exists(responses)) {
            try (Stream<Path> paths = Files.walk(responses)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, CODELISTS)), client -> {
            Response response = client.get(ROUTE + "?cycle=2010");
            assertThat(response.code()).isEqualTo(404);
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("Snapshot '2026-10-01-old' has no responses table: it was published before"
                            + " response-rate reports existed; run the pipeline ('observatory pipeline run') to publish"
                            + " a snapshot that has one");
        });
    }
}
