package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.AuthenticationThrottleSettings;
import org.observatory.api.config.TrustedProxies;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Repeated failed authentications from one address are slowed: after 3 failures a minute (the test's setting), that
 * address's requests with a token get 429 with Retry-After until the window has passed, whatever token they send;
 * other addresses are unaffected. {@code X-Forwarded-For} names the client only on a connection from a trusted
 * proxy, and then its right-most untrusted entry. Requests come over plain sockets from 127.0.0.1 and 127.0.0.2.
 */
class AuthenticationThrottleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIT = "/api/v1/audit";
    private static final AuthenticationThrottleSettings THREE_A_MINUTE =
            new AuthenticationThrottleSettings(3, Duration.ofMinutes(1), 100);

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T12:00:00Z"));
    private InetAddress first;
    private InetAddress second;

    @BeforeEach
    void createAccount() throws Exception {
        data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("throttle-1", false, Fixtures.realLooking());
        try (Registry registry = Registry.open(data)) {
            secretariat = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test")
                    .token();
        }
        first = InetAddress.getByName("127.0.0.1");
        second = InetAddress.getByName("127.0.0.2");
    }

    private ApiServer start(TrustedProxies proxies) {
        return ApiServer.start(
                ApiConfig.of(data, Codelists.load())
                        .withClock(clock)
                        .withAuthenticationThrottle(THREE_A_MINUTE)
                        .withTrustedProxies(proxies),
                "127.0.0.1",
                0);
    }

    private static RawHttp.Response audit(ApiServer server, InetAddress from, String token, String... headers) {
        List<String> lines = new ArrayList<>(List.of(headers));
        lines.add("Authorization: Bearer " + token);
        return RawHttp.exchange(from, server.port(), "GET", AUDIT, lines);
    }

    @Test
    void repeatedBadTokensFromOneAddressGet429WithRetryAfterAndOtherAddressesAreUnaffected() throws Exception {
        try (ApiServer server = start(TrustedProxies.NONE)) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(audit(server, first, "wrong-" + attempt).status())
                        .as("attempt " + attempt)
                        .isEqualTo(401);
            }
            clock.advance(Duration.ofSeconds(20));
            RawHttp.Response throttled = audit(server, first, "wrong-4");
            RawHttp.Response goodTokenSameAddress = audit(server, first, secretariat);
            RawHttp.Response goodTokenOtherAddress = audit(server, second, secretariat);
            RawHttp.Response anonymousRead =
                    RawHttp.exchange(first, server.port(), "GET", "/api/v1/countries/ARG", List.of());

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).contains("40");
            assertThat(throttled.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(throttled.body());
            assertThat(problem.get("code").asText()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
            assertThat(problem.get("title").asText()).isEqualTo("Too many failed authentications");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("3 requests from your address failed to authenticate within 60 seconds; wait 40"
                            + " seconds (Retry-After) before sending a token again, and check that you send the whole"
                            + " token of your account as 'Authorization: Bearer <token>' (the secretariat gives a new"
                            + " one)");
            assertThat(goodTokenSameAddress.status()).isEqualTo(429);
            assertThat(goodTokenOtherAddress.status()).isEqualTo(200);
            assertThat(anonymousRead.status()).isEqualTo(200);

            // the window slides: once the failures are a minute old, the address may try again
            clock.advance(Duration.ofSeconds(41));
            assertThat(audit(server, first, secretariat).status()).isEqualTo(200);
            assertThat(audit(server, first, "wrong-5").status()).isEqualTo(401);
        }
    }

    @Test
    void aGoodTokenIsNeverThrottledHoweverOftenItIsSent() {
        try (ApiServer server = start(TrustedProxies.NONE)) {
            // each request holds a place among the address's failures while it runs and gives it back afterwards
            for (int request = 1; request <= 10; request++) {
                assertThat(audit(server, first, secretariat).status())
                        .as("request " + request)
                        .isEqualTo(200);
            }
            assertThat(audit(server, first, "wrong-1").status()).isEqualTo(401);
            assertThat(audit(server, first, secretariat).status()).isEqualTo(200);
        }
    }

    @Test
    void everyOperationThatAuthenticatesDocumentsThe429() {
        JsonNode document = org.observatory.api.openapi.OpenApiDocument.load().tree();
        List<String> authenticating = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    if (responses.has("401")) {
                        authenticating.add(operation.getKey() + " " + path.getKey());
                        assertThat(responses.path("429").path("$ref").asText())
                                .as(operation.getKey() + " " + path.getKey())
                                .isEqualTo("#/components/responses/TooManyFailedAuthentications");
                    }
                }));
        assertThat(authenticating).contains("get /api/v1/audit", "post /api/v1/submissions");
        assertThat(document.at("/components/responses/TooManyFailedAuthentications/headers/Retry-After")
                        .isObject())
                .isTrue();
    }

    @Test
    void xForwardedForIsIgnoredWithoutATrustedProxy() {
        try (ApiServer server = start(TrustedProxies.NONE)) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                audit(server, first, "wrong", "X-Forwarded-For: 203.0.113." + attempt);
            }
            // the failures counted against the connection's address, whatever the header said
            assertThat(audit(server, first, secretariat, "X-Forwarded-For: 203.0.113.99")
                            .status())
                    .isEqualTo(429);
            assertThat(audit(server, second, secretariat).status()).isEqualTo(200);
        }
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedForwardedAddress() {
        try (ApiServer server = start(new TrustedProxies(List.of("127.0.0.1", "10.0.0.0/8")))) {
            // the client put 198.51.100.1 in front itself; the proxies appended 203.0.113.5 and 10.1.2.3
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(audit(
                                        server,
                                        first,
                                        "wrong",
                                        "X-Forwarded-For: 198.51.100." + attempt + ", 203.0.113.5," + " 10.1.2.3")
                                .status())
                        .isEqualTo(401);
            }
            assertThat(audit(server, first, secretariat, "X-Forwarded-For: 203.0.113.5")
                            .status())
                    .isEqualTo(429);
            assertThat(audit(server, first, secretariat, "X-Forwarded-For: 198.51.100.1, 203.0.113.6")
                            .status())
                    .isEqualTo(200);
            // the proxy's own address was never counted
            assertThat(audit(server, first, secretariat).status()).isEqualTo(200);
            // 127.0.0.2 is no trusted proxy: its header does not make it 203.0.113.5
            assertThat(audit(server, second, secretariat, "X-Forwarded-For: 203.0.113.5")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void xForwardedProtoFromATrustedProxyMakesTheLinksHttps() throws Exception {
        String download = "/api/v1/snapshots/throttle-1/download";
        try (ApiServer server = start(new TrustedProxies(List.of("127.0.0.1")))) {
            String behindProxy = citation(
                    RawHttp.exchange(first, server.port(), "GET", download, List.of("X-Forwarded-Proto: https")));
            String notAProxy = citation(
                    RawHttp.exchange(second, server.port(), "GET", download, List.of("X-Forwarded-Proto: https")));

            assertThat(behindProxy).contains("https://127.0.0.1:" + server.port() + download);
            assertThat(notAProxy).contains("http://127.0.0.1:" + server.port() + download);
        }
    }

    /** The CITATION.txt of a downloaded archive (sent in chunks, which the zip reader skips between entries). */
    private static String citation(RawHttp.Response response) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        byte[] body = response.body();
        if (response.header("Transfer-Encoding")
                .filter("chunked"::equalsIgnoreCase)
                .isPresent()) {
            body = dechunk(body);
        }
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(body))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith("CITATION.txt")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no CITATION.txt in the archive");
    }

    private static byte[] dechunk(byte[] chunked) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = position;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeText.split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
