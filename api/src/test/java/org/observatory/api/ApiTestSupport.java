package org.observatory.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Response;

/** Running the app on a random port and reading its responses in tests. */
final class ApiTestSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiTestSupport() {}

    /** A test body that gets the client of a running server. */
    @FunctionalInterface
    interface ClientTest {
        void accept(HttpClient client) throws Exception;
    }

    /** Starts the app on a random port, runs the test against it, and stops it (closing its DuckDB connection). */
    static void withServer(Javalin app, ClientTest test) {
        JavalinTest.test(app, (server, client) -> test.accept(client));
    }

    static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(Response response) {
        return response.header("Content-Type");
    }
}
