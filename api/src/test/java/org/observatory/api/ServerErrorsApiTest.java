package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The requests Jetty refuses before the app sees them (an undecodable path, a request line or headers too large to
 * read) are answered with RFC 9457 problems like every other error, not with Jetty's HTML page. Sent over a plain
 * socket, since HTTP clients refuse to send such requests.
 */
class ServerErrorsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ApiServer start() {
        return ApiServer.start(ApiConfig.of(new DataDirectory(root), Codelists.load()), "127.0.0.1", 0);
    }

    @Test
    void jettysErrorsAnswerProblemJsonLikeEveryOtherError() throws Exception {
        try (ApiServer server = start()) {
            RawHttp.Response badEncoding = RawHttp.exchange(server.port(), "GET", "/api/v1/countries/%zz", List.of());
            RawHttp.Response longUri =
                    RawHttp.exchange(server.port(), "GET", "/api/v1/countries?x=" + "a".repeat(10_240), List.of());
            RawHttp.Response largeHeader = RawHttp.exchange(
                    server.port(), "GET", "/api/v1/countries", List.of("X-Large: " + "b".repeat(20_480)));

            assertProblem(badEncoding, 400, "MALFORMED_REQUEST", "Malformed request");
            assertThat(detail(badEncoding))
                    .startsWith("The server cannot read this request")
                    .endsWith("; check that the URL is percent-encoded (a '%' is followed by two hexadecimal"
                            + " digits) and that the headers are well formed");
            assertProblem(longUri, 414, "URI_TOO_LONG", "URI too long");
            assertThat(detail(longUri))
                    .startsWith("The request line is longer than this server reads")
                    .endsWith("; shorten the URL (no URL of this API needs to be long: each query parameter takes"
                            + " one value)");
            assertProblem(largeHeader, 431, "REQUEST_HEADERS_TOO_LARGE", "Request headers too large");
            assertThat(detail(largeHeader))
                    .startsWith("The request headers are larger than this server reads")
                    .endsWith("; send fewer or shorter headers (a token is under 100 characters)");
        }
    }

    private static void assertProblem(RawHttp.Response response, int status, String code, String title)
            throws Exception {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isEqualTo(title);
        assertThat(problem.get("type").asText())
                .isEqualTo("urn:observatory:problem:"
                        + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private static String detail(RawHttp.Response response) throws Exception {
        return JSON.readTree(response.body()).get("detail").asText();
    }
}
