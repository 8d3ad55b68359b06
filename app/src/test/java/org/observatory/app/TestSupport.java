package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.api.ApiServer;

/** What the app's end-to-end tests share: a small local Spark session and a JSON GET against a real server. */
final class TestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestSupport() {}

    /** A {@code local[2]} session without UI and with two shuffle partitions; one per test class. */
    static Engine duckDb() {
        return Engines.open(EngineKind.DUCKDB);
    }

    /** GETs a path of the server, asserts 200 (showing the body otherwise) and parses the JSON answer. */
    static JsonNode getJson(ApiServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(server.baseUri().toString().replaceAll("/$", "") + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
