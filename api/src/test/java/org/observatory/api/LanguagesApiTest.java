package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Messages;

/**
 * The API in four languages: the language negotiated from {@code Accept-Language} (English when absent or
 * unsupported) names itself in {@code Content-Language}, varies the answer ({@code Vary: Accept-Language}), its cache
 * entry and its ETag, and is the language of problem details, labels, caveats and notices; codes, numbers and CSV
 * never change with it.
 */
class LanguagesApiTest {
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";

    @TempDir
    static Path root;

    private static ApiConfig config;

    /**
     * A deployment whose member list names Argentina in English and Spanish only and Brazil in all four languages,
     * over the real-looking snapshot.
     */
    @BeforeAll
    static void publish() throws IOException {
        DataDirectory data = new DataDirectory(root.resolve("data"));
        new SnapshotFixture(data).writeAndPublish("snap-a", false, Fixtures.realLooking());
        Path members = root.resolve("members.csv");
        Files.writeString(
                members,
                """
                iso3,name_en,name_es,name_pt,name_fr,subregion,first_cycle,last_cycle
                ARG,Argentina,Argentina,,,South America,,
                BRA,Brazil,Brasil,Brasil,Brésil,South America,,
                CAN,Canada,Canadá,Canadá,Canada,Northern America,,
                """,
                StandardCharsets.UTF_8);
        Countries countries = Countries.load();
        config = ApiConfig.of(data, Codelists.withMembers(MemberList.load(members, countries), countries));
    }

    private static void withServer(ApiTestSupport.ClientTest test) {
        ApiTestSupport.withServer(ObservatoryApp.create(config), test);
    }

    private static Response get(HttpClient client, String path, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(client.getOrigin() + path);
        headers.forEach(request::header);
        try {
            return client.getOkHttp().newCall(request.build()).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response get(HttpClient client, String path, String acceptLanguage) {
        return get(client, path, acceptLanguage == null ? Map.of() : Map.of("Accept-Language", acceptLanguage));
    }

    private static List<String> vary(Response response) {
        List<String> names = new ArrayList<>();
        response.headers("Vary").forEach(value -> {
            for (String name : value.split(",")) {
                names.add(name.strip());
            }
        });
        return names;
    }

    private static String body(Response response) {
        try {
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApiMessagesHaveEveryTextInFourLanguages() {
        assertThat(Messages.problems(ApiMessage.class)).isEmpty();
    }

    @Test
    void anAnswerNamesItsNegotiatedLanguageAndVariesByAcceptLanguage() {
        withServer(client -> {
            Response absent = get(client, "/api/v1/countries", (String) null);
            assertThat(absent.header("Content-Language")).isEqualTo("en-US");
            assertThat(vary(absent)).contains("Accept-Language", "Accept-Encoding");

            assertThat(get(client, "/api/v1/countries", "fr").header("Content-Language"))
                    .isEqualTo("fr-CA");
            assertThat(get(client, "/api/v1/countries", "de-DE, pt-PT;q=0.8, es;q=0.5")
                            .header("Content-Language"))
                    .isEqualTo("pt-PT");
            // an unsupported language is today's English answer
            Response german = get(client, "/api/v1/countries", "de");
            assertThat(german.header("Content-Language")).isEqualTo("en-US");

            // problems, health and uncached answers say it too
            Response problem = get(client, "/api/v1/countries/XYZ", "es");
            assertThat(problem.header("Content-Language")).isEqualTo("es-419");
            assertThat(vary(problem)).contains("Accept-Language");
            Response health = get(client, "/health", "pt");
            assertThat(health.header("Content-Language")).isEqualTo("pt-BR");
            assertThat(vary(health)).contains("Accept-Language");
        });
    }

    @Test
    void aFrenchAnswerHasItsOwnEtagAndNeverValidatesWithTheEnglishOne() {
        withServer(client -> {
            Response english = get(client, SERIES, "en");
            Response french = get(client, SERIES, "fr");
            String englishTag = english.header("ETag");
            String frenchTag = french.header("ETag");
            assertThat(englishTag).isNotNull();
            assertThat(frenchTag).isNotNull().isNotEqualTo(englishTag);
            String frenchBody = body(french);
            assertThat(body(english)).isNotEqualTo(frenchBody);

            // the English tag does not validate a French request: 200 with the French body, not 304
            Response frenchWithEnglishTag =
                    get(client, SERIES, Map.of("Accept-Language", "fr", "If-None-Match", englishTag));
            assertThat(frenchWithEnglishTag.code()).isEqualTo(200);
            assertThat(frenchWithEnglishTag.header("ETag")).isEqualTo(frenchTag);
            assertThat(body(frenchWithEnglishTag)).isEqualTo(frenchBody);

            Response notModified = get(client, SERIES, Map.of("Accept-Language", "fr", "If-None-Match", frenchTag));
            assertThat(notModified.code()).isEqualTo(304);
            assertThat(notModified.header("Content-Language")).isEqualTo("fr-CA");
            assertThat(vary(notModified)).contains("Accept-Language", "Accept-Encoding");
        });
    }

    @Test
    void csvIsTheSameInEveryLanguageOnlyItsHeadersSayTheLanguage() {
        withServer(client -> {
            Response english = get(client, SERIES + "?format=csv", "en");
            Response portuguese = get(client, SERIES + "?format=csv", "pt");
            assertThat(portuguese.header("Content-Language")).isEqualTo("pt-BR");
            assertThat(body(portuguese)).isEqualTo(body(english));
            Response sdmxEnglish = get(client, SERIES + "?format=sdmx-csv", "en");
            Response sdmxFrench = get(client, SERIES + "?format=sdmx-csv", "fr");
            assertThat(body(sdmxFrench)).isEqualTo(body(sdmxEnglish));
        });
    }

    @Test
    void aCountryThatIsNotAMemberIsNamedInTheReadersLanguage() {
        withServer(client -> {
            assertThat(json(get(client, "/api/v1/countries/DEU", "fr"))
                            .get("detail")
                            .asText())
                    .startsWith("Allemagne (DEU) n’est pas un État membre");
            assertThat(json(get(client, "/api/v1/countries/DEU", "pt"))
                            .get("detail")
                            .asText())
                    .startsWith("Alemanha (DEU)");
            assertThat(json(get(client, "/api/v1/countries/DEU", "en"))
                            .get("detail")
                            .asText())
                    .startsWith("Germany (DEU) is not a member state");
        });
    }

    @Test
    void theSameBadParameterGivesTheSameProblemWithItsDetailInEachLanguage() {
        withServer(client -> {
            Map<String, String> details = new java.util.LinkedHashMap<>();
            for (String language : List.of("es", "en", "pt", "fr")) {
                Response response = get(client, SERIES + "?sex=X", language);
                assertThat(response.code()).isEqualTo(400);
                JsonNode problem = json(response);
                assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
                assertThat(problem.get("messageCode").asText()).isEqualTo("api.parameter-not-one-of");
                assertThat(problem.get("parameter").asText()).isEqualTo("sex");
                assertThat(problem.get("status").asInt()).isEqualTo(400);
                details.put(language, problem.get("detail").asText());
            }
            assertThat(details.get("en")).isEqualTo("Query parameter 'sex' must be one of _T, M, F, _U, all, not 'X'");
            assertThat(details.get("es"))
                    .isEqualTo("El parámetro de consulta 'sex' debe ser uno de _T, M, F, _U, all, no 'X'");
            assertThat(details.get("pt"))
                    .isEqualTo("O parâmetro de consulta 'sex' deve ser um de _T, M, F, _U, all, não 'X'");
            assertThat(details.get("fr"))
                    .isEqualTo(
                            "Le paramètre de requête 'sex' doit être l’une des valeurs _T, M, F, _U, all, et non 'X'");
            assertThat(details.values()).doesNotHaveDuplicates();
        });
    }

    @Test
    void problemTitlesAndDetailsOfLookupsRoutesAndJavalinValidationAreInTheReadersLanguage() {
        withServer(client -> {
            JsonNode unknownCountry = json(get(client, "/api/v1/countries/XYZ", "es"));
            assertThat(unknownCountry.get("title").asText()).isEqualTo("No encontrado");
            assertThat(unknownCountry.get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(unknownCountry.get("messageCode").asText()).isEqualTo("api.country-unknown");
            assertThat(unknownCountry.get("detail").asText())
                    .isEqualTo("Código de país desconocido 'XYZ'; use el código ISO 3166-1 alfa-3 de un Estado"
                            + " miembro, como los que enumera GET /api/v1/countries");

            JsonNode noRoute = json(get(client, "/api/v1/nowhere", "fr"));
            assertThat(noRoute.get("title").asText()).isEqualTo("Introuvable");
            assertThat(noRoute.get("messageCode").asText()).isEqualTo("api.no-route");
            assertThat(noRoute.get("detail").asText())
                    .isEqualTo("Aucune route ne correspond à GET /api/v1/nowhere\u00a0; GET /openapi.json énumère"
                            + " toutes les routes (GET /docs les présente sous forme de page)");

            // Javalin's own validation of a whole number, and the year range check
            JsonNode notANumber = json(get(client, SERIES + "?from=abc", "pt"));
            assertThat(notANumber.get("messageCode").asText()).isEqualTo("api.parameter-invalid");
            assertThat(notANumber.get("detail").asText())
                    .isEqualTo("O parâmetro de consulta 'from' deve ser um número inteiro, não 'abc'");
            JsonNode notAYear = json(get(client, SERIES + "?from=1200", "es"));
            assertThat(notAYear.get("detail").asText())
                    .isEqualTo("El parámetro de consulta 'from' debe ser un año de 1900 a 2100, no '1200'");
            JsonNode notAYearInEnglish = json(get(client, SERIES + "?from=1200", (String) null));
            assertThat(notAYearInEnglish.get("detail").asText())
                    .isEqualTo("Query parameter 'from' must be a year from 1900 to 2100, not '1200'");

            // a route that takes no parameters, asked to rank, in French: the words put inside are French too
            JsonNode ranking = json(get(client, "/api/v1/countries?rank=1", "fr"));
            assertThat(ranking.get("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
            assertThat(ranking.get("detail").asText())
                    .isEqualTo("Paramètre de requête inconnu 'rank'\u00a0; cette route n’accepte aucun paramètre de"
                            + " requête\u00a0; rien dans cette API ne trie, ne classe ni ne retient les pays aux"
                            + " valeurs les plus élevées\u00a0: les listes sont triées par code de pays et les séries"
                            + " par année");
        });
    }

    @Test
    void aMemberWithoutAPortugueseNameFallsBackToEnglishAndSaysSo() {
        withServer(client -> {
            JsonNode argentina =
                    json(get(client, "/api/v1/countries/ARG", "pt")).get("country");
            assertThat(argentina.get("name").asText()).isEqualTo("Argentina");
            assertThat(argentina.get("nameLanguage").asText()).isEqualTo("en");
            List<String> languages = new ArrayList<>();
            argentina.get("names").fieldNames().forEachRemaining(languages::add);
            assertThat(languages).containsExactly("es", "en");
            // the deprecated fields are as they were
            assertThat(argentina.get("nameEn").asText()).isEqualTo("Argentina");
            assertThat(argentina.get("nameEs").asText()).isEqualTo("Argentina");
            // the subregion has its Portuguese name: no fallback
            JsonNode subregion = argentina.get("subregion");
            assertThat(subregion.get("name").asText()).isEqualTo("América do Sul");
            assertThat(subregion.has("nameLanguage")).isFalse();
            assertThat(subregion.get("m49").asText()).isEqualTo("005");

            // in Spanish nothing falls back
            JsonNode spanish = json(get(client, "/api/v1/countries/ARG", "es")).get("country");
            assertThat(spanish.get("name").asText()).isEqualTo("Argentina");
            assertThat(spanish.has("nameLanguage")).isFalse();
        });
    }

    @Test
    void aMemberNamedInFourLanguagesIsShownInTheReadersLanguageWithAllItsNames() {
        withServer(client -> {
            JsonNode brazil = json(get(client, "/api/v1/countries/BRA", "fr")).get("country");
            assertThat(brazil.get("iso3").asText()).isEqualTo("BRA");
            assertThat(brazil.get("name").asText()).isEqualTo("Brésil");
            assertThat(brazil.has("nameLanguage")).isFalse();
            assertThat(brazil.get("names").get("es").asText()).isEqualTo("Brasil");
            assertThat(brazil.get("names").get("en").asText()).isEqualTo("Brazil");
            assertThat(brazil.get("names").get("pt").asText()).isEqualTo("Brasil");
            assertThat(brazil.get("names").get("fr").asText()).isEqualTo("Brésil");
            assertThat(brazil.get("subregion").get("name").asText()).isEqualTo("Amérique du Sud");

            // the list of countries answers in the language too, and language-free values do not change
            JsonNode english = json(get(client, "/api/v1/countries", "en"));
            JsonNode french = json(get(client, "/api/v1/countries", "fr"));
            assertThat(french.get("countries").findValuesAsText("iso3"))
                    .isEqualTo(english.get("countries").findValuesAsText("iso3"));
            assertThat(french.get("countries").get(1).get("name").asText()).isEqualTo("Brésil");
            assertThat(english.get("countries").get(1).get("name").asText()).isEqualTo("Brazil");
        });
    }

    @Test
    void anIndicatorShowsItsNameDefinitionSectionAndIccsLabelsInTheReadersLanguage() {
        withServer(client -> {
            JsonNode english = json(get(client, "/api/v1/indicators/intentional-homicide", "en"))
                    .get("indicator");
            JsonNode french = json(get(client, "/api/v1/indicators/intentional-homicide", "fr"))
                    .get("indicator");
            assertThat(french.get("ctsSection").asText()).isEqualTo("police");
            assertThat(french.get("ctsSectionName").asText()).isEqualTo("Police");
            assertThat(json(get(client, "/api/v1/indicators/intentional-homicide", "pt"))
                            .get("indicator")
                            .get("ctsSectionName")
                            .asText())
                    .isEqualTo("Polícia");
            // definition stays the English one; definitionLocalised is the reader's, or its fallback named
            assertThat(french.get("definition").asText())
                    .isEqualTo(english.get("definition").asText());
            assertThat(english.get("definitionLocalised").asText())
                    .isEqualTo(english.get("definition").asText());
            assertThat(english.has("definitionLanguage")).isFalse();
            assertThat(french.get("definitions").get("en").asText())
                    .isEqualTo(english.get("definition").asText());
            String frenchDefinition = french.path("definitions").path("fr").asText(null);
            if (frenchDefinition == null) {
                assertThat(french.get("definitionLocalised").asText())
                        .isEqualTo(english.get("definition").asText());
                assertThat(french.get("definitionLanguage").asText()).isEqualTo("en");
            } else {
                assertThat(french.get("definitionLocalised").asText()).isEqualTo(frenchDefinition);
                assertThat(french.has("definitionLanguage")).isFalse();
            }
            assertThat(french.get("nameEn").asText()).isEqualTo("Intentional homicide");
            assertThat(french.get("nameEs").asText()).isEqualTo("Homicidio intencional");
            JsonNode category = french.get("iccsCategories").get(0);
            assertThat(category.get("code").asText()).isEqualTo("0101");
            assertThat(category.get("labelEn").asText()).isEqualTo("Intentional homicide");
            assertThat(category.get("labels").get("en").asText()).isEqualTo("Intentional homicide");
            assertThat(category.get("label").asText())
                    .isEqualTo(category.path("labels").path("fr").asText("Intentional homicide"));
            assertThat(category.has("labelLanguage"))
                    .isEqualTo(!category.path("labels").has("fr"));
        });
    }

    @Test
    void aPartialMatchsCaveatIsInTheReadersLanguageBesideTheStoredOne() {
        withServer(client -> {
            JsonNode robbery = json(get(client, "/api/v1/countries/ARG/indicators/robbery", "fr"))
                    .get("observations")
                    .get(0);
            assertThat(robbery.get("matchQuality").asText()).isEqualTo("partial");
            assertThat(robbery.get("caveat").asText()).startsWith("The national definition only partly matches");
            assertThat(robbery.get("caveatLocalised").asText())
                    .isEqualTo(MatchQuality.PARTIAL.caveats().orElseThrow().text(Language.FRENCH))
                    .startsWith("La définition nationale ne correspond qu’en partie à la catégorie de l’ICCS");
            assertThat(robbery.get("reportedRate").asDouble()).isEqualTo(780.5);

            JsonNode homicide =
                    json(get(client, SERIES, "es")).get("observations").get(0);
            assertThat(homicide.get("matchQuality").asText()).isEqualTo("full");
            assertThat(homicide.get("caveatLocalised").isNull()).isTrue();
        });
    }
}
