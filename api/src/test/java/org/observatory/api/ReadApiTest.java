package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;

/** The read routes against a real server and a real DuckDB over a fixture snapshot of real-looking values. */
class ReadApiTest {

    @TempDir
    static Path root;

    private static final String SERIES_PATH = "/api/v1/countries/ARG/indicators/intentional-homicide";

    private static ApiConfig config;

    @BeforeAll
    static void publishSnapshot() {
        config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", List.of());
    }

    private static void withServer(ApiTestSupport.ClientTest test) {
        ApiTestSupport.withServer(ObservatoryApp.create(config), test);
    }

    @Test
    void listsThe35MemberStatesOrderedByCode() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            JsonNode body = json(response);
            List<String> codes = new ArrayList<>();
            body.get("countries")
                    .forEach(country -> codes.add(country.get("iso3").asText()));
            assertThat(codes)
                    .hasSize(35)
                    .isSorted()
                    .startsWith("ARG", "ATG", "BHS")
                    .endsWith("USA", "VCT", "VEN");
            JsonNode argentina = body.get("countries").get(0);
            assertThat(argentina.get("nameEn").asText()).isEqualTo("Argentina");
            assertThat(argentina.get("nameEs").asText()).isEqualTo("Argentina");
            assertThat(argentina.get("subregion").get("nameEn").asText()).isEqualTo("South America");
            assertThat(argentina.get("subregion").get("m49").asText()).isEqualTo("005");
            assertThat(body.get("snapshotId").asText()).isEqualTo("2026-11-01-a");
            assertThat(body.get("synthetic").asBoolean()).isFalse();
            assertThat(body.has("notice")).isFalse();
        });
    }

    @Test
    void showsOneMemberStateInAnyLetterCase() {
        withServer(client -> {
            JsonNode body = json(client.get("/api/v1/countries/mex"));
            assertThat(body.get("country").get("iso3").asText()).isEqualTo("MEX");
            assertThat(body.get("country").get("nameEs").asText()).isEqualTo("México");
            assertThat(body.get("country").get("subregion").get("nameEn").asText())
                    .isEqualTo("Central America");
        });
    }

    @Test
    void answers404ProblemForUnknownCountryCode() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/XYZ");
            assertThat(response.code()).isEqualTo(404);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("type").asText()).isEqualTo("urn:observatory:problem:not-found");
            assertThat(problem.get("title").asText()).isEqualTo("Not found");
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/countries/XYZ");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Unknown country code 'XYZ'; use the ISO 3166-1 alpha-3 code of a member state,"
                            + " as listed by GET /api/v1/countries");
        });
    }

    @Test
    void answers404ProblemForCountryOutsideTheMemberList() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/FRA/indicators/intentional-homicide");
            assertThat(response.code()).isEqualTo(404);
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("France (FRA) is not a member state of this deployment;"
                            + " GET /api/v1/countries lists the members");
        });
    }

    @Test
    void answers404ProblemForUnknownRoute() {
        withServer(client -> {
            Response response = client.get("/api/v1/rankings");
            assertThat(response.code()).isEqualTo(404);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Not found");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No route matches GET /api/v1/rankings; GET /openapi.json lists every route"
                            + " (GET /docs shows them as a page)");
        });
    }

    @Test
    void listsTheIndicatorCatalogueWithDefinitions() {
        withServer(client -> {
            JsonNode body = json(client.get("/api/v1/indicators"));
            List<String> codes = new ArrayList<>();
            body.get("indicators")
                    .forEach(indicator -> codes.add(indicator.get("code").asText()));
            assertThat(codes)
                    .contains(
                            "intentional-homicide",
                            "serious-assault",
                            "kidnapping",
                            "sexual-violence",
                            "rape",
                            "robbery",
                            "burglary",
                            "theft",
                            "motor-vehicle-theft",
                            "police-personnel",
                            "persons-arrested-suspected",
                            "persons-prosecuted",
                            "persons-convicted",
                            "persons-held-in-prison");

            JsonNode rape = json(client.get("/api/v1/indicators/rape")).get("indicator");
            assertThat(rape.get("nameEs").asText()).isEqualTo("Violación");
            assertThat(rape.get("ctsSection").asText()).isEqualTo("police");
            assertThat(rape.get("iccsCodes").get(0).asText()).isEqualTo("03011");
            assertThat(rape.get("iccsCategories").get(0).get("labelEn").asText())
                    .isEqualTo("Rape");
            assertThat(rape.get("unit").asText()).isEqualTo("offences");
            assertThat(rape.get("formula").asText()).isEqualTo("rate = count / resident population x 100000");
            assertThat(rape.get("definition").asText()).startsWith("Sexual penetration without valid consent");
        });
    }

    @Test
    void answers404ProblemForUnknownIndicator() {
        withServer(client -> {
            Response response = client.get("/api/v1/indicators/homicide-rank");
            assertThat(response.code()).isEqualTo(404);
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("Unknown indicator 'homicide-rank'; GET /api/v1/indicators lists the indicator codes");

            Response series = client.get("/api/v1/countries/ARG/indicators/homicide-rank");
            assertThat(series.code()).isEqualTo(404);
            assertThat(json(series).get("detail").asText()).startsWith("Unknown indicator 'homicide-rank'");
        });
    }

    @Test
    void listsTheIndicatorsWithDataForACountryOrderedByCode() {
        withServer(client -> {
            JsonNode body = json(client.get("/api/v1/countries/ARG/indicators"));
            assertThat(body.get("country").get("iso3").asText()).isEqualTo("ARG");
            assertThat(body.get("snapshotId").asText()).isEqualTo("2026-11-01-a");
            JsonNode indicators = body.get("indicators");
            assertThat(indicators).hasSize(2);
            assertThat(indicators.get(0).get("code").asText()).isEqualTo("intentional-homicide");
            assertThat(indicators.get(0).get("nameEn").asText()).isEqualTo("Intentional homicide");
            assertThat(indicators.get(0).get("firstYear").asInt()).isEqualTo(2018);
            assertThat(indicators.get(0).get("lastYear").asInt()).isEqualTo(2020);
            assertThat(indicators.get(0).get("years").toString()).isEqualTo("[2018,2019,2020]");
            assertThat(indicators.get(1).get("code").asText()).isEqualTo("robbery");
            assertThat(indicators.get(1).get("years").toString()).isEqualTo("[2019]");

            JsonNode canada = json(client.get("/api/v1/countries/CAN/indicators"));
            assertThat(canada.get("indicators")).isEmpty();
        });
    }

    @Test
    void servesNationalTotalsByDefaultOrderedByYear() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide");
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("snapshotId").asText()).isEqualTo("2026-11-01-a");
            assertThat(body.get("country").get("iso3").asText()).isEqualTo("ARG");
            JsonNode indicator = body.get("indicator");
            assertThat(indicator.get("code").asText()).isEqualTo("intentional-homicide");
            assertThat(indicator.get("nameEn").asText()).isEqualTo("Intentional homicide");
            assertThat(indicator.get("iccsCodes").get(0).asText()).isEqualTo("0101");
            assertThat(indicator.get("unit").asText()).isEqualTo("victims");
            assertThat(indicator.get("ctsSection").asText()).isEqualTo("police");
            assertThat(indicator.get("definition").asText()).contains("SDG indicator 16.1.1");
            assertThat(body.get("filters").toString())
                    .isEqualTo("{\"from\":null,\"to\":null,\"sex\":\"_T\",\"age\":\"_T\",\"breakdown\":\"_T\"}");

            JsonNode observations = body.get("observations");
            assertThat(observations).hasSize(3);
            assertThat(years(observations)).containsExactly(2018, 2019, 2020);
            JsonNode latest = observations.get(2);
            assertThat(latest.get("sex").asText()).isEqualTo("_T");
            assertThat(latest.get("age").asText()).isEqualTo("_T");
            assertThat(latest.get("breakdownType").asText()).isEqualTo("_T");
            assertThat(latest.get("breakdown").asText()).isEqualTo("_T");
            assertThat(latest.get("count").asDouble()).isEqualTo(2_200.0);
            assertThat(latest.get("population").asDouble()).isEqualTo(Fixtures.ARG_POPULATION_2020);
            assertThat(latest.get("ratePer100k").asDouble())
                    .isCloseTo(2_200 / Fixtures.ARG_POPULATION_2020 * 100_000, within(1e-9));
            assertThat(latest.get("populationSource").asText()).isEqualTo("UN WPP 2024");
            assertThat(latest.get("reportedRate").isNull()).isTrue();
            assertThat(latest.get("unit").asText()).isEqualTo("victims");
            assertThat(latest.get("obsStatus").asText()).isEqualTo("A");
            assertThat(latest.get("obsConf").asText()).isEqualTo("F");
            assertThat(latest.get("footnote").isNull()).isTrue();
            assertThat(latest.get("source").asText()).isEqualTo("CTS 2024 reply of ARG");
            assertThat(latest.get("sourceKind").asText()).isEqualTo("cts");
            assertThat(latest.get("nationalCode").asText()).isEqualTo("HOM-01");
            assertThat(latest.get("nationalLabel").asText()).isEqualTo("Homicidio doloso");
            assertThat(latest.get("matchQuality").asText()).isEqualTo("full");
            assertThat(latest.get("caveat").isNull()).isTrue();
            assertThat(latest.get("submissionId").asText()).isEqualTo("sub-arg-2020");
            assertThat(latest.get("synthetic").asBoolean()).isFalse();
            List<String> fields = new ArrayList<>();
            latest.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .containsExactly(
                            "year",
                            "sex",
                            "age",
                            "breakdownType",
                            "breakdown",
                            "count",
                            "ratePer100k",
                            "population",
                            "populationSource",
                            "reportedRate",
                            "unit",
                            "obsStatus",
                            "obsConf",
                            "footnote",
                            "source",
                            "sourceKind",
                            "nationalCode",
                            "nationalLabel",
                            "matchQuality",
                            "caveat",
                            "submissionId",
                            "synthetic",
                            "snapshotId",
                            "caveatLocalised");
            assertThat(latest.get("snapshotId").asText()).isEqualTo("2026-11-01-a");
        });
    }

    @Test
    void showsTheReportedRateWithItsCaveatWhereNoPopulationExists() {
        withServer(client -> {
            JsonNode robbery = json(client.get("/api/v1/countries/ARG/indicators/robbery"))
                    .get("observations")
                    .get(0);
            assertThat(robbery.get("year").asInt()).isEqualTo(2019);
            assertThat(robbery.get("count").asDouble()).isEqualTo(350_000.0);
            assertThat(robbery.get("ratePer100k").isNull()).isTrue();
            assertThat(robbery.get("population").isNull()).isTrue();
            assertThat(robbery.get("reportedRate").asDouble()).isEqualTo(780.5);
            assertThat(robbery.get("obsStatus").asText()).isEqualTo("P");
            assertThat(robbery.get("footnote").asText()).isEqualTo("Provisional police figure");
            assertThat(robbery.get("matchQuality").asText()).isEqualTo("partial");
            assertThat(robbery.get("caveat").asText()).startsWith("The national definition only partly matches");
        });
    }

    @Test
    void boundsTheYearsWithFromAndTo() {
        withServer(client -> {
            assertThat(years(json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?from=2019"))
                            .get("observations")))
                    .containsExactly(2019, 2020);
            assertThat(years(json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?to=2019"))
                            .get("observations")))
                    .containsExactly(2018, 2019);
            JsonNode body = json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?from=2019&to=2019"));
            assertThat(years(body.get("observations"))).containsExactly(2019);
            assertThat(body.get("filters").get("from").asInt()).isEqualTo(2019);
            assertThat(body.get("filters").get("to").asInt()).isEqualTo(2019);
        });
    }

    @Test
    void selectsDisaggregationsBySexAgeAndBreakdown() {
        withServer(client -> {
            String series = "/api/v1/countries/ARG/indicators/intentional-homicide";
            assertThat(disaggregations(client.get(series + "?sex=all&from=2020")))
                    .containsExactly("2020 _T _T _T _T", "2020 F _T _T _T", "2020 M _T _T _T");
            assertThat(disaggregations(client.get(series + "?sex=F"))).containsExactly("2020 F _T _T _T");
            assertThat(disaggregations(client.get(series + "?age=Y15T29"))).containsExactly("2020 _T Y15T29 _T _T");
            assertThat(disaggregations(client.get(series + "?breakdown=mechanism")))
                    .containsExactly("2020 _T _T mechanism firearms", "2020 _T _T mechanism sharp-object");
            assertThat(disaggregations(client.get(series + "?breakdown=all&from=2020")))
                    .containsExactly(
                            "2020 _T _T _T _T",
                            "2020 _T _T mechanism firearms",
                            "2020 _T _T mechanism sharp-object",
                            "2020 _T _T relationship intimate-partner");
            assertThat(disaggregations(client.get(series + "?sex=all&age=all&breakdown=all")))
                    .hasSize(9)
                    .startsWith("2018 _T _T _T _T", "2019 _T _T _T _T", "2020 _T _T _T _T");
            assertThat(disaggregations(client.get(series + "?sex=_U"))).isEmpty();
        });
    }

    @Test
    void answersAnEmptySeriesWhenTheCountryHasNoDataForAnExistingIndicator() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/CAN/indicators/intentional-homicide");
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("observations")).isEmpty();
            assertThat(body.get("indicator").get("code").asText()).isEqualTo("intentional-homicide");

            JsonNode kidnapping = json(client.get("/api/v1/countries/ARG/indicators/kidnapping"));
            assertThat(kidnapping.get("observations")).isEmpty();
        });
    }

    @Test
    void rejectsAYearThatIsNotANumberNamingTheParameter() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide?from=abc");
            assertThat(response.code()).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Invalid parameter");
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(problem.get("parameter").asText()).isEqualTo("from");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'from' must be a whole number, not 'abc'");
        });
    }

    @Test
    void rejectsAYearOutsideTheSupportedRange() {
        withServer(client -> {
            JsonNode problem = json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?to=20200"));
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("parameter").asText()).isEqualTo("to");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'to' must be a year from 1900 to 2100, not '20200'");
        });
    }

    @Test
    void rejectsFromAfterTo() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide?from=2020&to=2018");
            assertThat(response.code()).isEqualTo(400);
            JsonNode problem = json(response);
            assertThat(problem.get("parameter").asText()).isEqualTo("from");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'from' (2020) is after 'to' (2018); give from <= to");
        });
    }

    @Test
    void rejectsABadSexOrBreakdownValue() {
        withServer(client -> {
            JsonNode sex = json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?sex=X"));
            assertThat(sex.get("status").asInt()).isEqualTo(400);
            assertThat(sex.get("parameter").asText()).isEqualTo("sex");
            assertThat(sex.get("detail").asText())
                    .isEqualTo("Query parameter 'sex' must be one of _T, M, F, _U, all, not 'X'");

            JsonNode breakdown =
                    json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?breakdown=x'%20OR%201=1"));
            assertThat(breakdown.get("status").asInt()).isEqualTo(400);
            assertThat(breakdown.get("parameter").asText()).isEqualTo("breakdown");
            assertThat(breakdown.get("detail").asText())
                    .isEqualTo("Query parameter 'breakdown' must be a breakdown type such as mechanism or"
                            + " relationship, _T, or all, not 'x' OR 1=1'");
        });
    }

    @Test
    void rejectsASortParameterBecauseNothingRanksCountries() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries?sort=value");
            assertThat(response.code()).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Unknown parameter");
            assertThat(problem.get("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
            assertThat(problem.get("parameter").asText()).isEqualTo("sort");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Unknown query parameter 'sort'; this route takes no query parameters; nothing in"
                            + " this API sorts, ranks or picks the top countries by value: lists are ordered by"
                            + " country code and series by year");
        });
    }

    @Test
    void rejectsOrderAndTopParametersOnSeries() {
        withServer(client -> {
            for (String parameter : List.of("order=desc", "top=5")) {
                Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide?" + parameter);
                assertThat(response.code()).isEqualTo(400);
                String name = parameter.substring(0, parameter.indexOf('='));
                assertThat(json(response).get("detail").asText())
                        .startsWith("Unknown query parameter '" + name + "'; this route accepts from, to, sex, age,"
                                + " breakdown, vintage, format; nothing in this API sorts, ranks");
            }
        });
    }

    @Test
    void refusesAnUnknownFormatNamingTheServedOnes() {
        withServer(client -> {
            assertThat(client.get(SERIES_PATH + "?format=json").code()).isEqualTo(200);
            JsonNode problem = json(client.get(SERIES_PATH + "?format=xlsx"));
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("parameter").asText()).isEqualTo("format");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'format' must be one of json, csv, sdmx-csv, not 'xlsx'");
        });
    }

    @Test
    void rejectsAParameterGivenTwice() {
        withServer(client -> {
            JsonNode problem =
                    json(client.get("/api/v1/countries/ARG/indicators/intentional-homicide?from=2018&from=2019"));
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Query parameter 'from' is given 2 times; give it once");
        });
    }

    @Test
    void answers404ProblemForAnUnknownVintage() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide?vintage=nope-1");
            assertThat(response.code()).isEqualTo(404);
            JsonNode problem = json(response);
            assertThat(problem.get("parameter").asText()).isEqualTo("vintage");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No published snapshot has the id 'nope-1' (query parameter 'vintage'); give a"
                            + " snapshot id or a date (YYYY-MM-DD) as listed by GET /api/v1/snapshots, or leave"
                            + " 'vintage' out to read the current snapshot");
        });
    }

    @Test
    void answers404ProblemForADateBeforeTheFirstPublication() {
        withServer(client -> {
            Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide?vintage=1999-01-01");
            assertThat(response.code()).isEqualTo(404);
            JsonNode problem = json(response);
            assertThat(problem.get("parameter").asText()).isEqualTo("vintage");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("No snapshot had been published by 1999-01-01 (query parameter 'vintage');"
                            + " GET /api/v1/snapshots lists the published vintages with their publication times");
        });
    }

    @Test
    void servesSeriesToConcurrentRequests() {
        withServer(client -> {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger succeeded = new java.util.concurrent.atomic.AtomicInteger();
            for (int thread = 0; thread < 8; thread++) {
                Thread worker = new Thread(() -> {
                    for (int request = 0; request < 25; request++) {
                        try (Response response = client.get("/api/v1/countries/ARG/indicators/intentional-homicide")) {
                            if (response.code() == 200
                                    && json(response).get("observations").size() == 3) {
                                succeeded.incrementAndGet();
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                worker.start();
                threads.add(worker);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
            assertThat(succeeded.get()).isEqualTo(200);
        });
    }

    private static List<Integer> years(JsonNode observations) {
        List<Integer> years = new ArrayList<>();
        observations.forEach(observation -> years.add(observation.get("year").asInt()));
        return years;
    }

    private static List<String> disaggregations(Response response) {
        assertThat(response.code()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        json(response)
                .get("observations")
                .forEach(observation -> keys.add(String.join(
                        " ",
                        observation.get("year").asText(),
                        observation.get("sex").asText(),
                        observation.get("age").asText(),
                        observation.get("breakdownType").asText(),
                        observation.get("breakdown").asText())));
        return keys;
    }
}
