package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;

/**
 * The snapshot's responses (country pages, series, lists) in both encodings, on a real server with Java's HTTP
 * client, which neither asks for gzip nor decompresses by itself: a client that accepts gzip gets the body gzipped
 * once (it decompresses to exactly the identity body, not to another gzip stream), with its own ETag and {@code Vary:
 * Accept-Encoding}; a client that does not gets the identity body; 304 and HEAD work for both.
 */
class CompressedResponsesApiTest {
    private static final String PAGE = "/en/countries/ARG";
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";
    private static final List<String> ROUTES =
            List.of(PAGE, "/countries/ARG?lang=es", SERIES, SERIES + "?format=csv", "/api/v1/countries");

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGzipBodyDecompressesToExactlyTheIdentityBodyWithItsOwnEtagAndVary() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            for (String route : ROUTES) {
                HttpResponse<byte[]> identity = send(server, "GET", route, Map.of());
                HttpResponse<byte[]> gzip = send(server, "GET", route, Map.of("Accept-Encoding", "gzip"));

                assertThat(identity.statusCode()).as(route).isEqualTo(200);
                assertThat(gzip.statusCode()).as(route).isEqualTo(200);
                assertThat(identity.headers().firstValue("Content-Encoding"))
                        .as(route)
                        .isEmpty();
                assertThat(gzip.headers().firstValue("Content-Encoding"))
                        .as(route)
                        .contains("gzip");
                assertThat(gunzip(gzip.body())).as(route).isEqualTo(identity.body());
                assertThat(gzip.body().length).as(route).isLessThan(identity.body().length);
                String identityEtag = identity.headers().firstValue("ETag").orElseThrow();
                assertThat(identityEtag).as(route).matches("\"2026-11-01-a-[0-9a-f]{16}\"");
                assertThat(gzip.headers().firstValue("ETag"))
                        .as(route)
                        .contains(identityEtag.substring(0, identityEtag.length() - 1) + "-gzip\"");
                for (HttpResponse<byte[]> response : List.of(identity, gzip)) {
                    assertThat(vary(response)).as(route).contains("accept-encoding");
                    assertThat(response.headers().firstValue("Content-Type"))
                            .as(route)
                            .isEqualTo(identity.headers().firstValue("Content-Type"));
                }
            }
            // a page whose language was negotiated varies by both
            HttpResponse<byte[]> negotiated =
                    send(server, "GET", "/countries/ARG", Map.of("Accept-Encoding", "gzip", "Accept-Language", "en"));
            assertThat(vary(negotiated)).containsExactly("accept-language", "accept-encoding");
            assertThat(new String(gunzip(negotiated.body()), StandardCharsets.UTF_8))
                    .contains("<!DOCTYPE html>\n<html lang=\"en-US\">");
        }
    }

    @Test
    void aClientThatRefusesGzipGetsTheIdentityBody() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            for (String acceptEncoding : List.of("identity", "gzip;q=0", "br", "gzip;q=0, *")) {
                HttpResponse<byte[]> response = send(server, "GET", PAGE, Map.of("Accept-Encoding", acceptEncoding));
                assertThat(response.headers().firstValue("Content-Encoding"))
                        .as(acceptEncoding)
                        .isEmpty();
                assertThat(new String(response.body(), StandardCharsets.UTF_8).strip())
                        .as(acceptEncoding)
                        .startsWith("<!DOCTYPE html>");
            }
            for (String acceptEncoding : List.of("gzip, deflate, br, zstd", "GZIP;q=0.5", "*", "x-gzip")) {
                HttpResponse<byte[]> response = send(server, "GET", PAGE, Map.of("Accept-Encoding", acceptEncoding));
                assertThat(response.headers().firstValue("Content-Encoding"))
                        .as(acceptEncoding)
                        .contains("gzip");
            }
        }
    }

    @Test
    void eachEncodingsEtagAnswers304WithThatEtag() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            for (String route : ROUTES) {
                String identityEtag = send(server, "GET", route, Map.of())
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
                String gzipEtag = send(server, "GET", route, Map.of("Accept-Encoding", "gzip"))
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
                assertThat(gzipEtag).isNotEqualTo(identityEtag);

                HttpResponse<byte[]> gzipRevalidated =
                        send(server, "GET", route, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzipEtag));
                assertThat(gzipRevalidated.statusCode()).as(route).isEqualTo(304);
                assertThat(gzipRevalidated.headers().firstValue("ETag")).contains(gzipEtag);
                assertThat(gzipRevalidated.body()).isEmpty();
                assertThat(vary(gzipRevalidated)).as(route).contains("accept-encoding");

                HttpResponse<byte[]> identityRevalidated =
                        send(server, "GET", route, Map.of("If-None-Match", identityEtag));
                assertThat(identityRevalidated.statusCode()).as(route).isEqualTo(304);
                assertThat(identityRevalidated.headers().firstValue("ETag")).contains(identityEtag);

                // a shared cache holding the identity copy may serve it to a gzip client: same content
                HttpResponse<byte[]> heldIdentity =
                        send(server, "GET", route, Map.of("Accept-Encoding", "gzip", "If-None-Match", identityEtag));
                assertThat(heldIdentity.statusCode()).as(route).isEqualTo(304);
                assertThat(heldIdentity.headers().firstValue("ETag")).contains(identityEtag);

                HttpResponse<byte[]> star =
                        send(server, "GET", route, Map.of("Accept-Encoding", "gzip", "If-None-Match", "*"));
                assertThat(star.headers().firstValue("ETag")).contains(gzipEtag);

                HttpResponse<byte[]> otherSnapshot = send(
                        server,
                        "GET",
                        route,
                        Map.of("Accept-Encoding", "gzip", "If-None-Match", "\"2026-10-01-a-0000000000000000-gzip\""));
                assertThat(otherSnapshot.statusCode()).as(route).isEqualTo(200);
            }
        }
    }

    @Test
    void headOfAGzipRequestHasTheHeadersOfItsGet() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            for (String route : ROUTES) {
                for (Map<String, String> headers :
                        List.of(Map.<String, String>of(), Map.of("Accept-Encoding", "gzip"))) {
                    HttpResponse<byte[]> get = send(server, "GET", route, headers);
                    HttpResponse<byte[]> head = send(server, "HEAD", route, headers);
                    assertThat(head.statusCode()).as(route + " " + headers).isEqualTo(200);
                    assertThat(headersButDate(head)).as(route + " " + headers).isEqualTo(headersButDate(get));
                    assertThat(head.body()).isEmpty();
                }
            }
            // on the wire: the Content-Length of the gzip body
            RawHttp.Response rawGet = RawHttp.exchange(server.port(), "GET", PAGE, List.of("Accept-Encoding: gzip"));
            RawHttp.Response rawHead = RawHttp.exchange(server.port(), "HEAD", PAGE, List.of("Accept-Encoding: gzip"));
            assertThat(rawGet.header("Content-Encoding")).contains("gzip");
            assertThat(rawHead.body()).isEmpty();
            assertThat(rawHead.header("Content-Length"))
                    .contains(Integer.toString(rawGet.body().length))
                    .isEqualTo(rawGet.header("Content-Length"));
        }
    }

    @Test
    void withTheResponseCacheOffTheBodyIsStillGzippedOnceWithTheGzipEtag() {
        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses())
                .withResponseCacheBytes(0);
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            HttpResponse<byte[]> identity = send(server, "GET", PAGE, Map.of());
            HttpResponse<byte[]> gzip = send(server, "GET", PAGE, Map.of("Accept-Encoding", "gzip"));
            assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(gunzip(gzip.body())).isEqualTo(identity.body());
            assertThat(gzip.headers().firstValue("ETag").orElseThrow()).endsWith("-gzip\"");
        }
    }

    private HttpResponse<byte[]> send(ApiServer server, String method, String route, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(server.baseUri().toString().replaceAll("/$", "") + route))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The header names of {@code Vary}, in lower case and in order. */
    private static List<String> vary(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static Map<String, List<String>> headersButDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                headers.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return headers;
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzip body: " + e.getMessage(), e);
        }
    }
}
