package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.openapi.OpenApiDocument;

/** The OpenAPI document lists every route Javalin has registered and nothing else, and /docs renders it. */
class OpenApiTest {

    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishSnapshot() {
        config = ApiTestSupport.publishedRealLooking(root, "doc-1", List.of());
    }

    /** Every route the app registered, as {@code "GET /api/v1/countries"}. */
    static Set<String> registeredRoutes(Javalin app) {
        Set<String> routes = new TreeSet<>();
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(parsed -> {
            var endpoint = parsed.getEndpoint();
            if (endpoint.getMethod().isHttpMethod()) {
                routes.add(endpoint.getMethod().name() + " " + endpoint.getPath());
            }
        });
        return routes;
    }

    @Test
    void documentsEveryRegisteredRouteAndNoOther() {
        Javalin app = ObservatoryApp.create(config);
        Set<String> registered = registeredRoutes(app);
        Set<String> documented = OpenApiDocument.load().operations();
        assertThat(registered)
                .as("routes registered but not documented in an OpenAPI fragment")
                .isSubsetOf(documented);
        assertThat(documented).as("operations documented but not registered").isSubsetOf(registered);
        assertThat(documented)
                .contains(
                        "GET /health",
                        "GET /openapi.json",
                        "GET /docs",
                        "GET /api/v1/countries/{iso3}/indicators/{code}",
                        "GET /api/v1/snapshots/{id}/download",
                        "GET /api/v1/snapshots/{id}/changes");
        app.stop();
    }

    @Test
    void servesTheDocumentAsOpenApi31() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/openapi.json");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            JsonNode document = json(response);
            assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(document.get("info").get("title").asText())
                    .isEqualTo("Crime and violence observatory of the Americas - API");
            JsonNode series = document.at("/paths/~1api~1v1~1countries~1{iso3}~1indicators~1{code}/get");
            assertThat(series.get("operationId").asText()).isEqualTo("getSeries");
            assertThat(document.at("/components/schemas/Problem/properties/detail")
                            .isObject())
                    .isTrue();
            // every local reference resolves
            assertReferencesResolve(document, document);
        });
    }

    @Test
    void rendersAReadableSelfContainedDocumentationPage() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get("/docs");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("text/html");
            assertThat(response.header("Content-Security-Policy"))
                    .isEqualTo(org.observatory.api.page.Pages.CONTENT_SECURITY_POLICY)
                    .contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            String page = response.body().string();
            assertThat(page)
                    .startsWith("<!DOCTYPE html>")
                    .contains("<title>Crime and violence observatory of the Americas - API</title>")
                    .contains("<code class=\"path\">/api/v1/countries/{iso3}/indicators/{code}</code>")
                    .contains("<td><code>vintage</code></td>")
                    .contains("json, csv, sdmx-csv (default json)");
            for (String operation : OpenApiDocument.load().operations()) {
                String path = operation.substring(operation.indexOf(' ') + 1);
                assertThat(page).contains("<code class=\"path\">" + path + "</code>");
            }
            // nothing is loaded from anywhere: no script, no stylesheet link, no image, no remote address
            assertThat(page.toLowerCase(Locale.ROOT))
                    .doesNotContain("<script", "<link", "<img", "src=", "http://", "https://");
        });
    }

    private static final Pattern REFERENCE = Pattern.compile("#(/.*)");

    private static void assertReferencesResolve(JsonNode document, JsonNode node) {
        if (node.isObject()) {
            JsonNode reference = node.get("$ref");
            if (reference != null) {
                Matcher matcher = REFERENCE.matcher(reference.asText());
                assertThat(matcher.matches()).as(reference.asText()).isTrue();
                assertThat(document.at(matcher.group(1)).isMissingNode())
                        .as("unresolved " + reference.asText())
                        .isFalse();
            }
            node.elements().forEachRemaining(child -> assertReferencesResolve(document, child));
        } else if (node.isArray()) {
            node.forEach(child -> assertReferencesResolve(document, child));
        }
    }
}
