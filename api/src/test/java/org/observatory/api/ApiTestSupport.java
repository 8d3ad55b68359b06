package org.observatory.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Response;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.ResponseRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

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

    /**
     * The configuration of a server over a data directory at {@code root} in which the fixture's real-looking
     * indicators (and the given responses, if any) are published as {@code snapshotId}.
     */
    static ApiConfig publishedRealLooking(Path root, String snapshotId, List<ResponseRow> responses) {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish(snapshotId, false, Fixtures.realLooking(), responses);
        return ApiConfig.of(data, Codelists.load());
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
