package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.page.Pages;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;

/**
 * The indicator page {@code /indicators/{code}} on a real server over a fixture snapshot: the definition and facts
 * in the page's language, the coverage of every member by subregion then code with its years as runs, no value of
 * any country anywhere on the page, older vintages, and 404s.
 */
class IndicatorPageTest {
    /** A count no page may show: the indicator page shows years only. */
    private static final double SECRET_COUNT = 987_654;

    private static final double POPULATION = 45_123_456.0;

    @TempDir
    Path root;

    /**
     * Homicide: Argentina 2010-2015 and 2018 (2012 also by sex), Jamaica 2012 and 2014, Mexico 2015-2016, the United
     * States 2019, Spain (not a member) 2005; Canada and the rest nothing. Robbery: Canada 2011 (another indicator).
     */
    private static List<IndicatorRow> coverageRows() {
        List<IndicatorRow> rows = new ArrayList<>();
        for (int year = 2010; year <= 2015; year++) {
            rows.add(IndicatorRow.total("ARG", year, "intentional-homicide", SECRET_COUNT + year - 2010, POPULATION));
        }
        rows.add(IndicatorRow.total("ARG", 2012, "intentional-homicide", 555_111, POPULATION)
                .withSex("F"));
        rows.add(IndicatorRow.total("ARG", 2018, "intentional-homicide", SECRET_COUNT, POPULATION));
        rows.add(IndicatorRow.total("USA", 2019, "intentional-homicide", 21_570, 331_000_000.0));
        rows.add(IndicatorRow.total("MEX", 2016, "intentional-homicide", 24_559, 122_000_000.0));
        rows.add(IndicatorRow.total("MEX", 2015, "intentional-homicide", 20_762, 121_000_000.0));
        rows.add(IndicatorRow.total("JAM", 2014, "intentional-homicide", 1_005, 2_800_000.0));
        rows.add(IndicatorRow.total("JAM", 2012, "intentional-homicide", 1_097, 2_790_000.0));
        rows.add(IndicatorRow.total("ESP", 2005, "intentional-homicide", 400, 43_000_000.0));
        rows.add(IndicatorRow.total("CAN", 2011, "robbery", 30_000, 34_000_000.0));
        return rows;
    }

    private ApiConfig published(String snapshotId) {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish(snapshotId, false, coverageRows());
        return ApiConfig.of(data, Codelists.load());
    }

    @Test
    void theIndicatorPageShowsTheDefinitionAndFactsInSpanish() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            try (Response page = client.get("/es/indicators/intentional-homicide")) {
                String html = page.body().string();
                assertThat(page.code()).isEqualTo(200);
                assertThat(page.header("Content-Type")).startsWith("text/html");
                assertThat(page.header("Content-Language")).isEqualTo("es-419");
                assertThat(page.header("Content-Security-Policy")).isEqualTo(Pages.CONTENT_SECURITY_POLICY);
                assertThat(html)
                        .contains("<html lang=\"es-419\">")
                        .contains("<h1>Homicidio intencional</h1>")
                        .contains("Muerte ilícita causada a una persona con la intención de causarle la muerte")
                        .doesNotContain("Unlawful death")
                        .contains("<span class=\"code\">0101</span> Homicidio intencional")
                        .contains("<dd>Víctimas</dd>")
                        .contains("<dd>Policía</dd>")
                        .contains("Respuestas a la Encuesta de las Naciones Unidas sobre Tendencias Delictivas")
                        .contains("<code lang=\"en\">rate = count / resident population x 100000</code>")
                        .contains("La calcula el observatorio")
                        .contains("Los años para los que cada Estado miembro tiene datos en la versión 2026-11-01-a")
                        .contains("href=\"/es/countries/ARG\">Argentina</a>")
                        .contains("<a href=\"/en/indicators/intentional-homicide\" lang=\"en\"")
                        .contains(
                                "<a href=\"/fr/indicators/intentional-homicide\" lang=\"fr\" hreflang=\"fr\">Français</a>");
            }
        });
    }

    @Test
    void theIndicatorPageShowsTheDefinitionAndFactsInPortugueseAndFrench() {
        Codelists codelists = Codelists.load();
        Indicator homicide = codelists.indicators().find("intentional-homicide").orElseThrow();
        MemberState argentina = codelists.members().find("ARG").orElseThrow();
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            try (Response page = client.get("/pt/indicators/intentional-homicide")) {
                String html = page.body().string();
                assertThat(page.header("Content-Language")).isEqualTo("pt-BR");
                assertThat(html)
                        .contains("<html lang=\"pt-BR\">")
                        .contains("<h1>" + escape(homicide.names().text(Language.PORTUGUESE)) + "</h1>")
                        .contains(escape(homicide.definitions().text(Language.PORTUGUESE)))
                        .contains("<dd>Vítimas</dd>")
                        .contains("<dd>Polícia</dd>")
                        .contains("Os anos para os quais cada Estado membro tem dados na versão 2026-11-01-a")
                        .contains("href=\"/pt/countries/ARG\">"
                                + escape(argentina.names().text(Language.PORTUGUESE)) + "</a>");
            }
            try (Response page = client.get("/indicators/intentional-homicide?lang=fr")) {
                String html = page.body().string();
                assertThat(page.header("Content-Language")).isEqualTo("fr-CA");
                assertThat(html)
                        .contains("<html lang=\"fr-CA\">")
                        .contains("<h1>" + escape(homicide.names().text(Language.FRENCH)) + "</h1>")
                        .contains(escape(homicide.definitions().text(Language.FRENCH)))
                        .contains("<dd>Victimes</dd>")
                        .contains("<dd>Police</dd>")
                        .contains("Taux pour 100\u00a0000 habitants")
                        .contains(
                                "Les années pour lesquelles chaque État membre a des données dans la version 2026-11-01-a")
                        .contains("href=\"/fr/countries/ARG\">"
                                + escape(argentina.names().text(Language.FRENCH)) + "</a>");
            }
        });
    }

    @Test
    void theFormulaTheSystemWritesInEnglishIsMarkedEnglishOnAPageInAnotherLanguage() {
        String formula = "<code lang=\"en\">rate = count / resident population x 100000</code>";
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            for (String prefix : List.of("es", "pt", "fr")) {
                assertThat(client.get("/" + prefix + "/indicators/intentional-homicide")
                                .body()
                                .string())
                        .as(prefix)
                        .contains(formula);
            }
            assertThat(client.get("/en/indicators/intentional-homicide").body().string())
                    .contains("<code>rate = count / resident population x 100000</code>");
        });
    }

    /** Text as jte writes it in HTML content. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void theIndicatorPageShowsTheDefinitionAndFactsInEnglish() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            try (Response page = client.get("/indicators/persons-held-in-prison?lang=en")) {
                String html = page.body().string();
                assertThat(page.code()).isEqualTo(200);
                assertThat(page.header("Content-Language")).isEqualTo("en-US");
                assertThat(html)
                        .contains("<html lang=\"en-US\">")
                        .contains("<h1>Persons held in prison</h1>")
                        .contains("Persons held in prisons, penal institutions or correctional institutions")
                        .contains("Every offence: a criminal-justice indicator is not limited to ICCS categories.")
                        .contains("<dd>Prisons</dd>")
                        .contains("<dd>Persons</dd>")
                        .contains("No member state has data for this indicator in this vintage.")
                        .contains("href=\"/en/countries/ARG\">Argentina</a>");
            }
        });
    }

    @Test
    void coverageRowsListEveryMemberBySubregionThenCode() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            String html =
                    client.get("/en/indicators/intentional-homicide").body().string();
            List<String> rows = all(html, "<tr data-country=\"([A-Z]{3})\">");
            assertThat(rows)
                    .hasSize(35)
                    .startsWith("CAN", "USA", "BLZ", "CRI", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "ATG", "BHS")
                    .endsWith("PER", "PRY", "SUR", "URY", "VEN")
                    .doesNotContain("ESP");
            assertThat(all(html, "href=\"/en/countries/([A-Z]{3})\"")).isEqualTo(rows);
            assertThat(all(html, "<th scope=\"colgroup\" colspan=\"3\">([^<]+)</th>"))
                    .containsExactly("Northern America", "Central America", "Caribbean", "South America");
        });
    }

    @Test
    void yearsAreShownAsRunsOfConsecutiveYearsAndMembersWithoutDataSaySo() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            String english =
                    client.get("/en/indicators/intentional-homicide").body().string();
            assertThat(years(english, "ARG")).isEqualTo("2010–2015, 2018");
            assertThat(years(english, "JAM")).isEqualTo("2012, 2014");
            assertThat(years(english, "MEX")).isEqualTo("2015–2016");
            assertThat(years(english, "USA")).isEqualTo("2019");
            assertThat(years(english, "CAN")).as("robbery is another indicator").isEqualTo("No data");
            assertThat(years(english, "BRA")).isEqualTo("No data");
            // the year grid spans the members' years (Spain's 2005 is not a member's), ten cells a row
            assertThat(english).contains("<div class=\"year-span\"><span>2010</span><span>2019</span></div>");
            String argentina = row(english, "ARG");
            assertThat(count(argentina, "class=\"year covered\"")).isEqualTo(7);
            assertThat(count(argentina, "class=\"year\"")).isEqualTo(3);

            String spanish =
                    client.get("/es/indicators/intentional-homicide").body().string();
            assertThat(years(spanish, "ARG")).isEqualTo("2010–2015, 2018");
            assertThat(years(spanish, "CAN")).isEqualTo("Sin datos");
        });
    }

    @Test
    void noValueOfAnyCountryAppearsOnTheIndicatorPage() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            for (String path : List.of("/es/indicators/intentional-homicide", "/en/indicators/intentional-homicide")) {
                String html = client.get(path).body().string();
                assertThat(html)
                        .as(path)
                        .doesNotContainPattern("987[.,\\s\u00a0\u202f]?65[0-9]")
                        .doesNotContainPattern("555[.,\\s\u00a0\u202f]?111")
                        .doesNotContainPattern("21[.,\\s\u00a0\u202f]?570")
                        .doesNotContainPattern("45[.,\\s\u00a0\u202f]?123")
                        .doesNotContain("2188")
                        .doesNotContain("2,188")
                        .doesNotContain("UN WPP")
                        .doesNotContain("Homicidio doloso");
            }
        });
    }

    @Test
    void anUnknownIndicatorIsA404ThatSaysWhereTheCodesAreListed() {
        ApiTestSupport.withServer(ObservatoryApp.create(published("2026-11-01-a")), client -> {
            try (Response missing = client.get("/es/indicators/homicide")) {
                assertThat(missing.code()).isEqualTo(404);
                assertThat(ApiTestSupport.json(missing).get("detail").asText())
                        .as("the problem document of a page path is in the path's language")
                        .isEqualTo("Indicador desconocido 'homicide'; GET /api/v1/indicators enumera los códigos de"
                                + " indicador");
            }
            try (Response missing = client.get("/xx/indicators/intentional-homicide")) {
                assertThat(missing.code()).as("not a language").isEqualTo(404);
            }
        });
    }

    @Test
    void theVintageParameterShowsTheCoverageOfAnOlderSnapshot() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.write(
                "2025-11-01-a", false, List.of(IndicatorRow.total("CHL", 2003, "intentional-homicide", 7, 1.0e7)));
        fixture.publish("2025-11-01-a", Instant.parse("2025-11-01T12:00:00Z"));
        fixture.write("2026-11-01-a", false, coverageRows());
        fixture.publish("2026-11-01-a", Instant.parse("2026-11-01T12:00:00Z"));
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, Codelists.load())), client -> {
            String current =
                    client.get("/en/indicators/intentional-homicide").body().string();
            assertThat(years(current, "CHL")).isEqualTo("No data");
            assertThat(current)
                    .contains("<option value=\"2026-11-01-a\" selected>2026-11-01-a</option>")
                    .contains("<option value=\"2025-11-01-a\">2025-11-01-a</option>");

            String older = client.get("/en/indicators/intentional-homicide?vintage=2025-11-01-a")
                    .body()
                    .string();
            assertThat(years(older, "CHL")).isEqualTo("2003");
            assertThat(years(older, "ARG")).isEqualTo("No data");
            assertThat(older)
                    .contains("in vintage 2025-11-01-a")
                    .contains("<option value=\"2025-11-01-a\" selected>2025-11-01-a</option>")
                    .as("the language switch keeps the vintage")
                    .contains("href=\"/es/indicators/intentional-homicide?vintage=2025-11-01-a\"");

            assertThat(years(
                            client.get("/en/indicators/intentional-homicide?vintage=2026-01-15")
                                    .body()
                                    .string(),
                            "CHL"))
                    .as("a date names the snapshot current at its end")
                    .isEqualTo("2003");

            try (Response missing = client.get("/en/indicators/intentional-homicide?vintage=1999-01-01")) {
                assertThat(missing.code()).isEqualTo(404);
                assertThat(ApiTestSupport.json(missing).get("detail").asText())
                        .isEqualTo("No published snapshot has the id or was current on '1999-01-01' (query"
                                + " parameter 'vintage'); give a snapshot id or a date (YYYY-MM-DD) as listed by GET"
                                + " /api/v1/snapshots, or leave 'vintage' out to see the current snapshot");
            }
        });
    }

    @Test
    void everyIndicatorOfTheCatalogueHasAPageInEveryLanguage() {
        ApiConfig config = published("2026-11-01-a");
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            for (Indicator indicator : config.codelists().indicators().all()) {
                for (String language : List.of("es", "en")) {
                    try (Response page = client.get("/" + language + "/indicators/" + indicator.code())) {
                        assertThat(page.code())
                                .as("%s in %s", indicator.code(), language)
                                .isEqualTo(200);
                    }
                }
            }
        });
    }

    @Test
    void beforeAnyPublicationThePageShowsTheDefinitionAndSaysNothingIsPublished() {
        DataDirectory data = new DataDirectory(root);
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, Codelists.load())), client -> {
            try (Response page = client.get("/en/indicators/robbery")) {
                String html = page.body().string();
                assertThat(page.code()).isEqualTo(200);
                assertThat(html)
                        .contains("Taking or obtaining property with the use of force")
                        .contains("Nothing has been published yet")
                        .doesNotContain("data-country=");
            }
        });
    }

    /** The text of the years cell of one member's row. */
    private static String years(String html, String iso3) {
        Matcher cell = Pattern.compile("<td(?: class=\"muted\")?>([^<]*)</td>").matcher(row(html, iso3));
        assertThat(cell.find()).as("a years cell in the row of %s", iso3).isTrue();
        return cell.group(1);
    }

    private static String row(String html, String iso3) {
        int start = html.indexOf("<tr data-country=\"" + iso3 + "\">");
        assertThat(start).as("the row of %s", iso3).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
            count++;
        }
        return count;
    }
}
