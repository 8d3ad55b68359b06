package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

class ApiServerTest {
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    Path root;

    private ApiConfig config() {
        return ApiConfig.of(new DataDirectory(root), CODELISTS);
    }

    @Test
    void startsOnTheLoopbackInterfaceAndStops() throws Exception {
        HttpResponse<String> response;
        try (ApiServer server = ApiServer.start(config(), "127.0.0.1", 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
            response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.baseUri().resolve("health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"synthetic\":false,\"status\":\"ok\",\"snapshotId\":null}");
    }

    @Test
    void failsWithAHelpfulMessageWhenThePortIsTaken() {
        try (ApiServer first = ApiServer.start(config(), "127.0.0.1", 0)) {
            int port = first.port();
            assertThatThrownBy(() -> ApiServer.start(config(), "127.0.0.1", port))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + port + " (")
                    .hasMessageEndingWith("); choose another --port or --host, or stop the process that uses it")
                    .extracting(error -> ((ObservatoryException) error).errorCode())
                    .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        }
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> ApiServer.start(config(), "127.0.0.1", 70_000))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Port 70000 is out of range; use a port from 1 to 65535 (or 0 for any free port)");
    }
}
