package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;

/** RFC 9457 problems beyond the routes' own checks: unknown routes, wrong methods, ranking parameters everywhere. */
class ErrorsApiTest {
    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishSnapshot() {
        config = ApiTestSupport.publishedRealLooking(root, "err-1", List.of());
    }

    @Test
    void answers405ProblemNamingTheAllowedMethod() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.request(
                    "/api/v1/countries", builder -> builder.delete().header("Accept", "application/json"));
            assertThat(response.code()).isEqualTo(405);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.header("Allow")).isEqualTo("GET");
            JsonNode problem = json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(405);
            assertThat(problem.get("title").asText()).isEqualTo("Method not allowed");
            assertThat(problem.get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("DELETE is not allowed on /api/v1/countries; use GET (GET /openapi.json lists every"
                            + " route)");
        });
    }

    @Test
    void answers404ProblemOutsideTheApiToo() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/favicon.ico");
            assertThat(response.code()).isEqualTo(404);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("No route matches GET /favicon.ico; GET /openapi.json lists every route (GET /docs"
                            + " shows them as a page)");
        });
    }

    @Test
    void refusesRankingParametersOnEveryReadRouteSayingNothingRanks() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            List<String> routes = List.of(
                    "/api/v1/countries",
                    "/api/v1/countries/ARG",
                    "/api/v1/countries/ARG/indicators",
                    "/api/v1/countries/ARG/indicators/intentional-homicide",
                    "/api/v1/indicators",
                    "/api/v1/indicators/robbery",
                    "/api/v1/snapshots",
                    "/api/v1/snapshots/err-1/download",
                    "/openapi.json",
                    "/docs",
                    "/health");
            for (String route : routes) {
                for (String parameter : List.of("sort=value", "order=desc", "top=5", "rank=1", "percentile=90")) {
                    Response response = client.get(route + "?" + parameter);
                    String name = parameter.substring(0, parameter.indexOf('='));
                    assertThat(response.code()).as(route + "?" + parameter).isEqualTo(400);
                    assertThat(contentType(response)).startsWith("application/problem+json");
                    JsonNode problem = json(response);
                    assertThat(problem.get("parameter").asText()).isEqualTo(name);
                    assertThat(problem.get("detail").asText())
                            .startsWith("Unknown query parameter '" + name + "'; ")
                            .endsWith("nothing in this API sorts, ranks or picks the top countries by value: lists"
                                    + " are ordered by country code and series by year");
                }
            }
        });
    }
}
