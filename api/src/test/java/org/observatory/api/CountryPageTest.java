package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.page.TrendChart;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;

/**
 * The country page on a real server over fixture snapshots: numbers in the page's locale, an honest chart (breaks
 * split the line with a labelled mark, estimated and provisional values hollow, gaps never joined, suppressed
 * values shown as suppressed and never as 0), the trend in words, the table holding the chart's numbers, the API's
 * own download URLs, the vintage selector, disaggregations on request, 404 for a country that is not a member, the
 * response cache, and never another country's values.
 */
class CountryPageTest {
    private static final Pattern CIRCLE = Pattern.compile(
            "<circle class=\"marker( hollow)?\" data-year=\"(\\d{4})\" cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"[^>]*><title>(\\d{4}): ([^<(]+?)(?: \\(\\w\\))?</title>");
    private static final Pattern POLYLINE = Pattern.compile("<polyline class=\"series-line\" points=\"([^\"]+)\"/>");

    @TempDir
    Path root;

    private ApiConfig published(List<IndicatorRow> rows) {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("2026-11-01-a", false, rows, List.of());
        return ApiConfig.of(data, Codelists.load());
    }

    private static String body(Response response) throws java.io.IOException {
        return response.body().string();
    }

    /** The SVG of one chart, by its id ({@code intentional-homicide-count}). */
    private static String chart(String html, String id) {
        int title = html.indexOf("<title id=\"" + id + "-title\">");
        assertThat(title).as("chart " + id).isPositive();
        int start = html.lastIndexOf("<svg", title);
        return html.substring(start, html.indexOf("</svg>", title) + 6);
    }

    /** The section of one indicator. */
    private static String section(String html, String code) {
        int start = html.indexOf("<section class=\"indicator-section\" id=\"indicator-" + code + "\"");
        assertThat(start).as("section " + code).isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void rendersInEveryLanguageWithNumbersInTheLocaleOfThePage() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            for (String tag : List.of("es-419", "en-US", "pt-BR", "fr-CA")) {
                Locale locale = Locale.forLanguageTag(tag);
                String prefix = tag.substring(0, 2);
                try (Response page = client.get("/" + prefix + "/countries/ARG")) {
                    String html = body(page);
                    assertThat(page.code()).isEqualTo(200);
                    assertThat(page.header("Content-Language")).isEqualTo(tag);
                    assertThat(html).contains("<html lang=\"" + tag + "\">");
                    NumberFormat integer = NumberFormat.getIntegerInstance(locale);
                    NumberFormat rate = NumberFormat.getNumberInstance(locale);
                    rate.setMinimumFractionDigits(2);
                    rate.setMaximumFractionDigits(2);
                    assertThat(html)
                            .as(tag)
                            .contains(">" + integer.format(2_200) + "<")
                            .contains(">" + integer.format(Math.round(Fixtures.ARG_POPULATION_2020)) + "<")
                            .contains(">" + rate.format(2_200 / Fixtures.ARG_POPULATION_2020 * 100_000) + "<");
                }
            }
            assertThat(body(client.get("/es/countries/ARG")))
                    .contains("<h2 id=\"indicator-intentional-homicide-heading\">Homicidio intencional</h2>")
                    .contains("Tasa por 100\u00a0000");
            assertThat(body(client.get("/en/countries/ARG")))
                    .contains("<h2 id=\"indicator-intentional-homicide-heading\">Intentional homicide</h2>")
                    .contains("Rate per 100,000");
            assertThat(body(client.get("/pt/countries/ARG")))
                    .as("pt-BR groups digits with a dot")
                    .contains(">2.200<")
                    .contains("Taxa por 100.000 habitantes")
                    .contains("<h3 id=\"citation-heading\">Como citar</h3>");
            assertThat(body(client.get("/fr/countries/ARG")))
                    .as("fr-CA groups digits with a no-break space U+00A0")
                    .contains(">2\u00a0200<")
                    .contains("Taux pour 100\u00a0000 habitants")
                    .contains("<h3 id=\"citation-heading\">Comment citer</h3>");
            try (Response france =
                    client.get("/fr/countries/ARG", request -> request.header("Accept-Language", "fr-FR, fr;q=0.8"))) {
                assertThat(france.header("Content-Language")).isEqualTo("fr-FR");
                assertThat(body(france))
                        .as("fr-FR groups digits with a narrow no-break space U+202F")
                        .contains("<html lang=\"fr-FR\">")
                        .contains(">2\u202f200<")
                        .doesNotContain(">2\u00a0200<");
            }
        });
    }

    /** The row as a national observatory's submission, described as ingest describes it (in English). */
    private static IndicatorRow national(IndicatorRow row) {
        return new IndicatorRow(
                row.country(),
                row.year(),
                row.indicator(),
                row.sex(),
                row.age(),
                row.breakdownType(),
                row.breakdown(),
                row.count(),
                row.ratePer100k(),
                row.population(),
                row.populationSource(),
                row.reportedRate(),
                row.unit(),
                row.obsStatus(),
                row.obsConf(),
                row.footnote(),
                "National observatory submission of " + row.country() + " (kidnapping.csv)",
                "national",
                row.nationalCode(),
                row.nationalLabel(),
                row.matchQuality(),
                row.caveat(),
                row.submissionId(),
                row.synthetic());
    }

    @Test
    void frenchCountsNameEveryUnitWithItsElisionAndLabelsTakeTheFrenchColon() {
        ApiConfig config = published(List.of(
                IndicatorRow.total("COL", 2019, "kidnapping", 140, 49_000_000.0),
                national(IndicatorRow.total("COL", 2020, "kidnapping", 150, 50_000_000.0))
                        .withStatus("P", "Chiffre provisoire"),
                IndicatorRow.total("COL", 2020, "intentional-homicide", 12_000, 50_000_000.0),
                IndicatorRow.total("COL", 2020, "persons-arrested-suspected", 9_000, 50_000_000.0),
                IndicatorRow.total("COL", 2020, "assault-victimisation", 3.5, null)));
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = body(client.get("/fr/countries/COL"));
            assertThat(html)
                    .doesNotContain(" de infractions", " de pourcentage", "Nombre de pourcentage", "Nombre de {");
            String kidnapping = section(html, "kidnapping");
            assertThat(kidnapping)
                    .contains("<th scope=\"col\" class=\"number\">Nombre d’infractions</th>")
                    .contains("Enlèvement, nombre d’infractions, Colombie")
                    .contains("Nombre d’infractions de 2019 à 2020\u00a0: ")
                    .as("a chart marker, a footnote and a source: label\u00a0: value")
                    .contains("<title>2020\u00a0: 150 (P)</title>")
                    .contains("<li>2020\u00a0: Chiffre provisoire</li>")
                    .contains("Transmission nationale\u00a0: <span lang=\"en\">National observatory submission of COL"
                            + " (kidnapping.csv)</span>")
                    .doesNotContain("2020: ", "</span>: ");
            assertThat(section(html, "intentional-homicide"))
                    .contains("<th scope=\"col\" class=\"number\">Nombre de victimes</th>")
                    .as("a source a country wrote keeps no lang: we cannot know its language")
                    .contains("<span>CTS 2024 reply of COL</span>");
            assertThat(section(html, "persons-arrested-suspected"))
                    .contains("<th scope=\"col\" class=\"number\">Nombre de personnes</th>");
            assertThat(section(html, "assault-victimisation"))
                    .contains("<th scope=\"col\" class=\"number\">Pourcentage des répondants</th>");
            assertThat(section(body(client.get("/en/countries/COL")), "kidnapping"))
                    .contains("<th scope=\"col\" class=\"number\">Number of offences</th>")
                    .contains("<title>2020: 150 (P)</title>")
                    .contains("National submission: <span>National observatory submission");
            assertThat(section(body(client.get("/es/countries/COL")), "kidnapping"))
                    .contains("<th scope=\"col\" class=\"number\">Número de delitos</th>");
            assertThat(section(body(client.get("/pt/countries/COL")), "assault-victimisation"))
                    .contains("<th scope=\"col\" class=\"number\">Percentual de entrevistados</th>");
        });
    }

    @Test
    void caveatsComeFromTheMatchQualityInThePageLanguageNotFromTheStoredEnglishText() {
        ApiConfig config = published(Fixtures.realLooking());
        String english = MatchQuality.PARTIAL.caveats().orElseThrow().text(Language.ENGLISH);
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            assertThat(section(body(client.get("/en/countries/ARG")), "robbery"))
                    .contains("<p class=\"caveat\">" + english + "</p>");
            for (Language language : List.of(Language.SPANISH, Language.PORTUGUESE, Language.FRENCH)) {
                String caveat = MatchQuality.PARTIAL.caveats().orElseThrow().text(language);
                assertThat(section(body(client.get("/" + language.code() + "/countries/ARG")), "robbery"))
                        .as("the robbery caveat in %s", language)
                        .contains("<p class=\"caveat\">" + caveat + "</p>")
                        .doesNotContain(english);
            }
        });
    }

    @Test
    void aBreakInSeriesSplitsTheLineWithALabelledMark() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String svg = chart(body(client.get("/en/countries/CHL")), "intentional-homicide-count");
            Map<Integer, String> points = points(svg);
            assertThat(svg)
                    .contains("<g class=\"break-mark\" data-year=\"2018\">")
                    .contains(">Break 2018</text>");
            List<String> lines = lines(svg);
            assertThat(lines)
                    .as("2017 and 2018 are on either side of the break: never on one line")
                    .noneMatch(line -> line.contains(points.get(2017)) && line.contains(points.get(2018)))
                    .anyMatch(line -> line.contains(points.get(2018)) && line.contains(points.get(2019)));
        });
    }

    @Test
    void estimatedAndProvisionalValuesHaveHollowMarkersAndALegend() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = body(client.get("/en/countries/CHL"));
            String svg = chart(html, "intentional-homicide-count");
            assertThat(svg)
                    .contains("<circle class=\"marker hollow\" data-year=\"2015\"")
                    .contains("<circle class=\"marker hollow\" data-year=\"2019\"")
                    .contains("<circle class=\"marker\" data-year=\"2014\"");
            assertThat(section(html, "intentional-homicide"))
                    .contains("Hollow marker: estimated or provisional value")
                    .contains("E Estimated value")
                    .contains("P Provisional value");
        });
    }

    @Test
    void aMissingYearIsAGapNeverJoined() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = body(client.get("/en/countries/CHL"));
            String svg = chart(html, "intentional-homicide-count");
            Map<Integer, String> points = points(svg);
            assertThat(points).doesNotContainKey(2016);
            assertThat(lines(svg))
                    .noneMatch(line -> line.contains(points.get(2015)) && line.contains(points.get(2017)));
            assertThat(section(html, "intentional-homicide"))
                    .containsPattern("<tr class=\"missing\" data-year=\"2016\">\\s*<th scope=\"row\">2016</th>\\s*"
                            + "<td class=\"number muted\">no data</td>");
        });
    }

    @Test
    void aSuppressedValueIsShownAsSuppressedNeverAsZero() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = body(client.get("/en/countries/CHL"));
            String svg = chart(html, "intentional-homicide-count");
            assertThat(svg)
                    .contains("<g class=\"suppressed-mark\" data-year=\"2020\">")
                    .contains(">suppressed</text>")
                    .doesNotContain("data-year=\"2020\" cx=");
            String row = row(section(html, "intentional-homicide"), 2020);
            assertThat(row)
                    .contains("<td class=\"number\">suppressed</td>")
                    .contains("Q Missing value; suppressed")
                    .doesNotContain(">0<");
            assertThat(body(client.get("/es/countries/CHL"))).contains(">suprimido</text>");
        });
    }

    @Test
    void theChartDescriptionStatesTheTrendInWords() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String svg = chart(body(client.get("/en/countries/CHL")), "intentional-homicide-count");
            assertThat(svg)
                    .contains("role=\"img\"")
                    .contains("aria-labelledby=\"intentional-homicide-count-title intentional-homicide-count-desc\"")
                    .contains("Number of victims from 2014 to 2021: 613 in 2014 and 986 in 2021, an increase of 60.8%.")
                    .contains("Break in series in 2018")
                    .contains("Estimated or provisional values: 2015, 2019.")
                    .contains("(small numbers): 2020.")
                    .contains("No data for 2016.");
            String spanish = chart(body(client.get("/es/countries/CHL")), "intentional-homicide-count");
            assertThat(spanish).contains("Número de víctimas de 2014 a 2021: 613 en 2014 y 986 en 2021; un aumento de");
        });
    }

    @Test
    void theTableHoldsTheNumbersOfTheChart() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String html = body(client.get("/es/countries/CHL"));
            String section = section(html, "intentional-homicide");
            for (String id : List.of("intentional-homicide-count", "intentional-homicide-rate")) {
                Matcher circle = CIRCLE.matcher(chart(html, id));
                int markers = 0;
                while (circle.find()) {
                    markers++;
                    String year = circle.group(5);
                    String row = row(section, Integer.parseInt(year));
                    assertThat(row).as(id + " " + year).contains("<td class=\"number\">" + circle.group(6) + "</td>");
                }
                assertThat(markers).as(id).isEqualTo(6);
            }
        });
    }

    @Test
    void downloadLinksAreTheApiUrlsAndTheCsvIsTheApisCsv() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String section = section(body(client.get("/en/countries/ARG")), "intentional-homicide");
            String base = "/api/v1/countries/ARG/indicators/intentional-homicide";
            assertThat(section)
                    .contains("<a href=\"" + base + "?format=csv\" data-format=\"csv\">CSV</a>")
                    .contains("<a href=\"" + base + "\" data-format=\"json\">JSON</a>")
                    .contains("<a href=\"" + base + "?format=sdmx-csv\" data-format=\"sdmx-csv\">SDMX-CSV</a>");
            String linked = section.split("data-format=\"csv\"")[0];
            String href = linked.substring(linked.lastIndexOf("href=\"") + 6, linked.lastIndexOf('"'));
            assertThat(body(client.get(href)))
                    .isEqualTo(body(client.get(base + "?format=csv")))
                    .contains("2200");
        });
    }

    @Test
    void theVintageSelectorListsVintagesNewestFirstAndSwitchesTheVintage() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.writeAndPublish("2026-10-01-a", false, List.of(IndicatorRow.total("ARG", 2015, "robbery", 777, null)));
        fixture.writeAndPublish("2026-11-01-a", false, Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(data, Codelists.load())), client -> {
            String current = body(client.get("/en/countries/ARG"));
            assertThat(current)
                    .containsPattern("<option value=\"2026-11-01-a\" selected>[^<]*\\(current\\)</option>\\s*"
                            + "<option value=\"2026-10-01-a\">")
                    .contains("Data vintage 2026-11-01-a, published")
                    .doesNotContain("777");
            try (Response old = client.get("/en/countries/ARG?vintage=2026-10-01-a")) {
                String html = body(old);
                assertThat(old.header("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
                assertThat(html)
                        .contains("<option value=\"2026-10-01-a\" selected>")
                        .contains(">777<")
                        .doesNotContain("Intentional homicide</h2>")
                        .contains("/api/v1/countries/ARG/indicators/robbery?format=csv&amp;vintage=2026-10-01-a")
                        .contains("Data vintage 2026-10-01-a")
                        // the disaggregation links keep the vintage
                        .contains("/en/countries/ARG?indicator=robbery&amp;sex=all&amp;vintage=2026-10-01-a"
                                + "#indicator-robbery\"");
            }
            try (Response unknown = client.get("/en/countries/ARG?vintage=1999-a")) {
                assertThat(unknown.code()).isEqualTo(404);
                assertThat(body(unknown)).contains("No published snapshot has the id '1999-a'");
            }
        });
    }

    @Test
    void aCountryThatIsNotAMemberIs404() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            try (Response unknown = client.get("/en/countries/XYZ")) {
                assertThat(unknown.code()).isEqualTo(404);
                assertThat(body(unknown)).contains("Unknown country code 'XYZ'");
            }
            try (Response outside = client.get("/countries/FRA")) {
                assertThat(outside.code()).isEqualTo(404);
                assertThat(body(outside)).contains("France (FRA) is not a member state of this deployment");
            }
            try (Response empty = client.get("/en/countries/CAN")) {
                assertThat(empty.code()).isEqualTo(200);
                assertThat(body(empty)).contains("Vintage 2026-11-01-a holds no published figures for Canada.");
            }
        });
    }

    @Test
    void aCountryPageNeverShowsAnotherCountrysValues() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String argentina = body(client.get("/en/countries/ARG?indicator=intentional-homicide&sex=all&age=all"));
            assertThat(argentina)
                    .contains(">2,200<")
                    .doesNotContain("47,000")
                    .doesNotContain("212,559,409")
                    .doesNotContain(">613<")
                    .doesNotContain(">986<")
                    .doesNotContain("19,000,000")
                    .doesNotContain("Brazil")
                    .doesNotContain("Chile");
            String chile = body(client.get("/en/countries/CHL"));
            assertThat(chile)
                    .contains(">986<")
                    .doesNotContain("2,200")
                    .doesNotContain("44,938,712")
                    .doesNotContain("47,000")
                    .doesNotContain("Argentina");
        });
    }

    @Test
    void disaggregationsComeOnRequestAndBadParametersAre400() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String plain = section(body(client.get("/en/countries/ARG")), "intentional-homicide");
            assertThat(plain).doesNotContain("disaggregated</caption>").doesNotContain(">1,800<");
            String bySex = section(
                    body(client.get("/en/countries/ARG?indicator=intentional-homicide&sex=all")),
                    "intentional-homicide");
            assertThat(bySex)
                    .contains("<details class=\"disaggregation\" open>")
                    .contains("Intentional homicide in Argentina, disaggregated</caption>")
                    .containsPattern(
                            "<td>Male</td>\\s*<td>Total</td>\\s*<td>Total</td>\\s*<td class=\"number\">1,800</td>")
                    .contains("?format=csv&amp;sex=all&amp;age=_T&amp;breakdown=_T");
            try (Response bad = client.get("/en/countries/ARG?indicator=intentional-homicide&sex=X")) {
                assertThat(bad.code()).isEqualTo(400);
                assertThat(body(bad)).contains("Query parameter 'sex' must be one of _T, M, F, _U, all, not 'X'");
            }
            try (Response noIndicator = client.get("/en/countries/ARG?sex=all")) {
                assertThat(noIndicator.code()).isEqualTo(400);
                assertThat(body(noIndicator)).contains("asks for a disaggregation, but no indicator is named");
            }
            try (Response unknownIndicator = client.get("/en/countries/ARG?indicator=arson&sex=all")) {
                assertThat(unknownIndicator.code()).isEqualTo(400);
                assertThat(body(unknownIndicator))
                        .contains(
                                "Query parameter 'indicator' must be an indicator code of the catalogue, not 'arson'");
            }
            try (Response noValues = client.get("/en/countries/ARG?indicator=kidnapping")) {
                assertThat(noValues.code()).isEqualTo(400);
                assertThat(body(noValues)).contains("ARG has no values of 'kidnapping' in vintage 2026-11-01-a");
            }
            try (Response ranking = client.get("/en/countries/ARG?sort=value")) {
                assertThat(ranking.code()).isEqualTo(400);
                assertThat(body(ranking)).contains("Unknown query parameter 'sort'");
            }
        });
    }

    @Test
    void thePageIsCachedWithAnETagPerSnapshotLanguageAndRequest() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String etag;
            try (Response first = client.get("/en/countries/ARG")) {
                etag = first.header("ETag");
                assertThat(etag).startsWith("\"2026-11-01-a-");
                assertThat(first.header("Cache-Control")).isEqualTo("public, no-cache");
                assertThat(first.header("Content-Security-Policy")).contains("default-src 'none'");
            }
            try (Response again = client.get("/en/countries/ARG", request -> request.header("If-None-Match", etag))) {
                assertThat(again.code()).isEqualTo(304);
                assertThat(again.header("Content-Language")).isEqualTo("en-US");
            }
            try (Response spanish = client.get("/es/countries/ARG")) {
                assertThat(spanish.header("ETag")).isNotEqualTo(etag);
            }
            String canadian;
            try (Response french = client.get("/fr/countries/ARG")) {
                canadian = french.header("ETag");
                assertThat(canadian).isNotEqualTo(etag);
                assertThat(french.header("Vary")).isEqualTo("Accept-Language, Accept-Encoding");
            }
            try (Response france = client.get("/fr/countries/ARG", request -> request.header("Accept-Language", "fr-FR")
                    .header("If-None-Match", canadian))) {
                assertThat(france.code())
                        .as("fr-FR writes its numbers otherwise than fr-CA: another ETag, never a 304 for fr-CA's")
                        .isEqualTo(200);
                assertThat(france.header("ETag")).isNotEqualTo(canadian);
            }
            try (Response negotiated =
                    client.get("/countries/ARG", request -> request.header("Accept-Language", "en"))) {
                // OkHttp asks for gzip: the page varies by both
                assertThat(negotiated.header("Vary")).isEqualTo("Accept-Language, Accept-Encoding");
                assertThat(negotiated.header("Content-Language")).isEqualTo("en-US");
            }
        });
    }

    @Test
    void eachIndicatorLinksToItsDisaggregationsAndMarksTheOneShown() {
        ApiConfig config = published(Fixtures.withChileanBreaks());
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String plain = section(body(client.get("/es/countries/ARG")), "intentional-homicide");
            assertThat(plain)
                    .contains("<a href=\"/es/countries/ARG?indicator=intentional-homicide&amp;sex=all"
                            + "#indicator-intentional-homicide\">Sexo</a>")
                    .contains("?indicator=intentional-homicide&amp;age=all#indicator-intentional-homicide\">")
                    .contains("?indicator=intentional-homicide&amp;breakdown=all#indicator-intentional-homicide\">")
                    .contains("?indicator=intentional-homicide&amp;sex=all&amp;age=all&amp;breakdown=all"
                            + "#indicator-intentional-homicide\">Sexo, grupo de edad y desagregación a la vez</a>")
                    .doesNotContain("aria-current")
                    .doesNotContain("<form");
            String byAge = section(
                    body(client.get("/en/countries/ARG?indicator=intentional-homicide&age=all")),
                    "intentional-homicide");
            assertThat(byAge)
                    .contains("<details class=\"disaggregation\" open>")
                    .contains("&amp;age=all#indicator-intentional-homicide\" aria-current=\"true\">Age group</a>")
                    .containsOnlyOnce("aria-current");
        });
    }

    /** The row of the year in the section's table of national totals. */
    private static String row(String section, int year) {
        String table = section.substring(section.indexOf("<table class=\"values\">"));
        int start = table.indexOf("data-year=\"" + year + "\">");
        assertThat(start).as("row " + year).isPositive();
        return table.substring(start, table.indexOf("</tr>", start));
    }

    /** Each marker's point as written in a polyline ({@code x,y}), by year. */
    private static Map<Integer, String> points(String svg) {
        Map<Integer, String> points = new LinkedHashMap<>();
        Matcher circle = CIRCLE.matcher(svg);
        while (circle.find()) {
            points.put(
                    Integer.parseInt(circle.group(2)),
                    TrendChart.coordinate(Double.parseDouble(circle.group(3))) + ","
                            + TrendChart.coordinate(Double.parseDouble(circle.group(4))));
        }
        return points;
    }

    private static List<String> lines(String svg) {
        List<String> lines = new ArrayList<>();
        Matcher line = POLYLINE.matcher(svg);
        while (line.find()) {
            lines.add(line.group(1));
        }
        return lines;
    }
}
