package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.page.Pages;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Labels;
import org.observatory.schemas.text.Language;

/**
 * The pages' frame on a real server: the language from the path prefix, then {@code ?lang=}, then {@code
 * Accept-Language}; the {@code lang} attribute and {@code Content-Language}; the Content-Security-Policy; the
 * language switch; the synthetic-data banner; and the landing page's members in subregion-then-code order.
 */
class PagesTest {
    @TempDir
    Path root;

    @Test
    void theLandingPageSpeaksTheLanguageOfItsPathPrefix() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response spanish = client.get("/es/")) {
                String html = spanish.body().string();
                assertThat(spanish.code()).isEqualTo(200);
                assertThat(spanish.header("Content-Type")).startsWith("text/html");
                assertThat(spanish.header("Content-Language")).isEqualTo("es-419");
                assertThat(spanish.header("Vary"))
                        .as("the locale within the language comes from Accept-Language")
                        .isEqualTo("Accept-Language");
                assertThat(html).contains("<html lang=\"es-419\">").contains("Estados miembros");
            }
            try (Response english = client.get("/en")) {
                String html = english.body().string();
                assertThat(english.header("Content-Language")).isEqualTo("en-US");
                assertThat(html).contains("<html lang=\"en-US\">").contains("Member states");
            }
            try (Response portuguese = client.get("/pt/")) {
                String html = portuguese.body().string();
                assertThat(portuguese.header("Content-Language")).isEqualTo("pt-BR");
                assertThat(html)
                        .contains("<html lang=\"pt-BR\">")
                        .contains("<h2 id=\"countries\">Estados membros</h2>")
                        .contains("Sem classificações.");
            }
            try (Response french = client.get("/fr/")) {
                String html = french.body().string();
                assertThat(french.header("Content-Language")).isEqualTo("fr-CA");
                assertThat(html)
                        .contains("<html lang=\"fr-CA\">")
                        .contains("<h2 id=\"countries\">États membres</h2>")
                        .contains("Aucun classement.")
                        .contains("L’observatoire ne classe jamais les pays\u00a0: chaque page");
            }
            try (Response france = client.get("/fr/", request -> request.header("Accept-Language", "fr-FR,fr;q=0.9"))) {
                assertThat(france.header("Content-Language"))
                        .as("the region Accept-Language names for French")
                        .isEqualTo("fr-FR");
                assertThat(france.body().string()).contains("<html lang=\"fr-FR\">");
            }
            try (Response path = client.get("/pt/", request -> request.header("Accept-Language", "fr-FR, en-GB"))) {
                assertThat(path.header("Content-Language"))
                        .as("the path's language wins; regions of other languages say nothing about it")
                        .isEqualTo("pt-BR");
            }
        });
    }

    @Test
    void withoutAPrefixTheLanguageComesFromTheQueryThenAcceptLanguageThenSpanish() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            assertThat(language(client.get("/?lang=en"))).isEqualTo("en-US");
            assertThat(language(client.get("/?lang=fr"))).isEqualTo("fr-CA");
            assertThat(language(client.get("/?lang=pt"))).isEqualTo("pt-BR");
            assertThat(language(client.get("/", request -> request.header("Accept-Language", "en-GB,en;q=0.8"))))
                    .as("English, in the region the reader names")
                    .isEqualTo("en-GB");
            assertThat(language(client.get("/", request -> request.header("Accept-Language", "en"))))
                    .isEqualTo("en-US");
            assertThat(language(
                            client.get("/", request -> request.header("Accept-Language", "fr-CA, es;q=0.5, en;q=0.4"))))
                    .isEqualTo("fr-CA");
            assertThat(language(
                            client.get("/", request -> request.header("Accept-Language", "de, pt;q=0.7, en;q=0.5"))))
                    .as("the first language the reader accepts that the pages speak")
                    .isEqualTo("pt-BR");
            assertThat(language(client.get("/?lang=pt", request -> request.header("Accept-Language", "pt-PT"))))
                    .isEqualTo("pt-PT");
            assertThat(language(client.get("/", request -> request.header("Accept-Language", "de, en;q=0"))))
                    .as("nothing acceptable: the first language")
                    .isEqualTo("es-419");
            assertThat(language(client.get("/?lang=xx", request -> request.header("Accept-Language", "en"))))
                    .as("an unknown ?lang= is passed over")
                    .isEqualTo("en-US");
            try (Response negotiated = client.get("/", request -> request.header("Accept-Language", "en"))) {
                assertThat(negotiated.header("Vary")).isEqualTo("Accept-Language");
            }
        });
    }

    @Test
    void everyPageForbidsLoadingAnythingFromElsewhere() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response page = client.get("/en/")) {
                assertThat(page.header("Content-Security-Policy"))
                        .isEqualTo(Pages.CONTENT_SECURITY_POLICY)
                        .contains("default-src 'none'")
                        .contains("frame-ancestors 'none'")
                        .contains("form-action 'self'");
                String html = page.body().string();
                assertThat(html)
                        .doesNotContain("http://")
                        .doesNotContain("https://")
                        .doesNotContain("//cdn");
            }
            try (Response css = client.get("/assets/observatory.css")) {
                assertThat(css.code()).isEqualTo(200);
                assertThat(css.header("Content-Type")).startsWith("text/css");
                assertThat(css.body().string()).contains("@media print");
            }
            try (Response missing = client.get("/assets/..%2Fmessages_en.properties")) {
                assertThat(missing.code()).isEqualTo(404);
                assertThat(missing.body().string()).contains("There is no asset");
            }
        });
    }

    @Test
    void theLanguageSwitchLinksToTheSamePageInEveryOtherLanguage() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response page = client.get("/?lang=en")) {
                String html = page.body().string();
                assertThat(html)
                        .contains("<a href=\"/es/\" lang=\"es\" hreflang=\"es\">Español</a>")
                        .contains("<span aria-current=\"true\" lang=\"en\">English</span>")
                        .contains("<a href=\"/pt/\" lang=\"pt\" hreflang=\"pt\">Português</a>")
                        .contains("<a href=\"/fr/\" lang=\"fr\" hreflang=\"fr\">Français</a>")
                        .doesNotContain("lang=en\"");
                assertThat(html.indexOf(">Español<"))
                        .isLessThan(html.indexOf(">English<"))
                        .isLessThan(html.indexOf(">Português<"))
                        .isLessThan(html.indexOf(">Français<"));
            }
            try (Response page = client.get("/fr/countries/HTI?vintage=2026-11-01-a")) {
                assertThat(page.body().string())
                        .contains("<a href=\"/pt/countries/HTI?vintage=2026-11-01-a\" lang=\"pt\" hreflang=\"pt\">")
                        .contains("<span aria-current=\"true\" lang=\"fr\">Français</span>");
            }
        });
    }

    @Test
    void theSyntheticBannerShowsOnlyOverSyntheticData() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("synthetic-1", true, Fixtures.synthetic());
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, Codelists.load())), client -> {
            assertThat(client.get("/en/").body().string())
                    .contains("class=\"synthetic-banner\"")
                    .contains("synthetic demonstration data");
            assertThat(client.get("/es/").body().string()).contains("Datos sintéticos.");
            assertThat(client.get("/pt/").body().string())
                    .contains("<strong>Dados sintéticos.</strong> Os números mostrados aqui são dados sintéticos");
            assertThat(client.get("/fr/").body().string())
                    .contains("<strong>Données synthétiques.</strong> Les chiffres présentés ici sont des données");
        });
        ApiConfig real = ApiTestSupport.publishedRealLooking(root.resolve("real"), "real-1", List.of());
        ApiTestSupport.withServer(
                ObservatoryApp.create(real),
                client -> assertThat(client.get("/en/").body().string()).doesNotContain("synthetic-banner"));
    }

    @Test
    void theLandingPageListsTheMembersBySubregionThenCodeAndLinksInItsLanguage() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = client.get("/es/").body().string();
            List<String> codes = new ArrayList<>();
            Matcher link = Pattern.compile("href=\"/es/countries/([A-Z]{3})\"").matcher(html);
            while (link.find()) {
                codes.add(link.group(1));
            }
            assertThat(codes)
                    .hasSize(35)
                    .startsWith("CAN", "USA", "BLZ", "CRI", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "ATG")
                    .endsWith("URY", "VEN");
            assertThat(html.indexOf("América septentrional")).isNotNegative().isLessThan(html.indexOf("Centroamérica"));
            assertThat(html.indexOf("Centroamérica")).isLessThan(html.indexOf("Caribe"));
            assertThat(html).contains("href=\"/es/indicators/intentional-homicide\">Homicidio intencional</a>");
            assertThat(html).contains("/api/v1/reports/response-rates?cycle=");
            assertThat(html).contains("/api/v1/snapshots/2026-11-01-a/download");
        });
    }

    @Test
    void theLandingPageNamesMembersSubregionsAndIndicatorsInPortugueseAndFrench() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        Codelists codelists = Codelists.load();
        MemberState brazil = codelists.members().find("BRA").orElseThrow();
        Indicator homicide = codelists.indicators().find("intentional-homicide").orElseThrow();
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            for (Language language : List.of(Language.PORTUGUESE, Language.FRENCH)) {
                String html = client.get("/" + language.code() + "/").body().string();
                assertThat(html)
                        .as("landing page in %s", language)
                        .contains("href=\"/%s/countries/BRA\"%s>%s</a>"
                                .formatted(
                                        language.code(),
                                        lang(brazil.names(), language),
                                        escape(brazil.names().text(language))))
                        .contains("<h3>%s</h3>"
                                .formatted(
                                        escape(Subregion.SOUTH_AMERICA.names().text(language))))
                        .contains("href=\"/%s/indicators/intentional-homicide\"%s>%s</a>"
                                .formatted(
                                        language.code(),
                                        lang(homicide.names(), language),
                                        escape(homicide.names().text(language))));
            }
        });
    }

    @Test
    void theLandingPageOfASnapshotPublishedBeforeResponseTablesLinksNoReport() throws IOException {
        DataDirectory data = new DataDirectory(root);
        Path snapshot = new SnapshotFixture(data).writeAndPublish("2026-10-01-old", false, Fixtures.realLooking());
        Path responses = snapshot.resolve("responses");
        if (Files.exists(responses)) {
            try (Stream<Path> paths = Files.walk(responses)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, Codelists.load())), client -> {
            try (Response page = client.get("/en/")) {
                assertThat(page.code()).isEqualTo(200);
                assertThat(page.body().string())
                        .contains("/api/v1/snapshots/2026-10-01-old/download")
                        .doesNotContain("/api/v1/reports/response-rates");
            }
        });
    }

    @Test
    void aBrowserGetsAnErrorPageInItsLanguageAndAnApiClientTheProblem() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response page = client.get("/es/nothing-here", request -> request.header("Accept", "text/html"))) {
                assertThat(page.code()).isEqualTo(404);
                assertThat(page.header("Content-Type")).startsWith("text/html");
                assertThat(page.header("Content-Security-Policy")).isEqualTo(Pages.CONTENT_SECURITY_POLICY);
                assertThat(page.body().string())
                        .contains("<html lang=\"es-419\">")
                        .contains("Página no encontrada")
                        .contains("<p>Ninguna ruta corresponde a GET /es/nothing-here;");
            }
            try (Response page = client.get("/fr/nothing-here", request -> request.header("Accept", "text/html"))) {
                assertThat(page.body().string())
                        .as("the detail is in the page's language, not the API's (Accept-Language is absent)")
                        .contains("<html lang=\"fr-CA\">")
                        .contains("<p>Aucune route ne correspond à GET /fr/nothing-here");
            }
            try (Response problem = client.get("/es/nothing-here", request -> request.header("Accept", "*/*"))) {
                assertThat(problem.code()).isEqualTo(404);
                assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
            }
            try (Response api = client.get("/api/v1/countries/XYZ", request -> request.header("Accept", "text/html"))) {
                assertThat(api.code()).isEqualTo(404);
                assertThat(api.header("Content-Type"))
                        .as("the API answers problems, whatever the client accepts")
                        .startsWith("application/problem+json");
            }
        });
    }

    @Test
    void aLanguagePrefixedPathAnswersItsProblemDocumentInThatLanguage() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response problem = client.get("/fr/countries/XXX", request -> request.header("Accept", "*/*"))) {
                assertThat(problem.code()).isEqualTo(404);
                assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
                assertThat(problem.header("Content-Language")).isEqualTo("fr-CA");
                assertThat(problem.body().string())
                        .as("the detail in French although the client sent no Accept-Language")
                        .contains("\"detail\":\"Code de pays inconnu 'XXX'");
            }
            try (Response problem = client.get("/fr/countries/XXX", request -> request.header("Accept", "*/*")
                    .header("Accept-Language", "fr-FR"))) {
                assertThat(problem.header("Content-Language")).isEqualTo("fr-FR");
            }
            try (Response problem = client.get("/countries/XXX", request -> request.header("Accept", "*/*"))) {
                assertThat(problem.header("Content-Language"))
                        .as("no prefix: the API's language")
                        .isEqualTo("en-US");
            }
        });
    }

    @Test
    void theLangQueryTakesALanguageTagWithARegion() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            assertThat(language(client.get("/?lang=fr-FR"))).isEqualTo("fr-FR");
            assertThat(language(client.get("/?lang=pt-PT"))).isEqualTo("pt-PT");
            assertThat(language(client.get("/?lang=es_MX"))).isEqualTo("es-MX");
            assertThat(language(client.get("/?lang=fr-FR", request -> request.header("Accept-Language", "fr-CA"))))
                    .as("the region ?lang= names wins over Accept-Language's")
                    .isEqualTo("fr-FR");
            assertThat(language(client.get("/fr/?lang=fr-FR"))).isEqualTo("fr-FR");
            assertThat(language(client.get("/en/?lang=fr-FR")))
                    .as("the path's language wins; a region of another language says nothing about it")
                    .isEqualTo("en-US");
            try (Response page = client.get("/?lang=fr-FR")) {
                assertThat(page.body().string()).contains("<html lang=\"fr-FR\">");
            }
        });
    }

    /** The lang attribute of a label that fell back to another language than the page's (until pt/fr labels exist). */
    private static String lang(Labels labels, Language page) {
        Language written = labels.in(page).language();
        return written == page ? "" : " lang=\"" + written.code() + "\"";
    }

    /** Text as jte writes it in HTML content. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String language(Response response) {
        try (response) {
            return response.header("Content-Language");
        }
    }
}
