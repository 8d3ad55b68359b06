package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.ChangeRow;
import org.observatory.api.fixture.ChangesFixture;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.openapi.OpenApiDocument;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Every GET route of the OpenAPI document, for an anonymous caller, the secretariat and an analyst: HEAD answers
 * with the status and headers of GET (but {@code Date}) and no body; every answer has {@code X-Content-Type-Options:
 * nosniff}; the private routes' answers have {@code Cache-Control: no-store} and the public ones do not.
 */
class HeadAndHeadersApiTest {
    private static final String SNAPSHOT = "head-1";
    private static final List<String> PRIVATE_PREFIXES =
            List.of("/api/v1/submissions", "/api/v1/pipeline-runs", "/api/v1/accounts", "/api/v1/audit");
    /** Pages only their signed-in visitor sees (or, for sign-in, that set a cookie), at /x and at /{lang}/x. */
    private static final List<String> PRIVATE_PAGES = List.of("/sign-in", "/submit", "/submissions", "/secretariat");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path root;

    private static DataDirectory data;
    private static final Map<String, Optional<String>> CALLERS = new TreeMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void publishAndCreateAccounts() {
        data = new DataDirectory(root);
        SnapshotFixture snapshots = new SnapshotFixture(data);
        snapshots.write(SNAPSHOT, false, Fixtures.realLooking(), Fixtures.responses());
        new ChangesFixture(data)
                .writeChanges(
                        SNAPSHOT, null, List.of(ChangeRow.revised("ARG", 2020, "intentional-homicide", 2_100, 2_200)));
        snapshots.publish(SNAPSHOT);
        try (Registry registry = Registry.open(data)) {
            CALLERS.put("anonymous", Optional.empty());
            CALLERS.put(
                    "secretariat",
                    Optional.of(registry.addAccount(Role.SECRETARIAT, Optional.empty(), "test")
                            .token()));
            CALLERS.put(
                    "MEX analyst",
                    Optional.of(registry.addAccount(Role.ANALYST, Optional.of("MEX"), "test")
                            .token()));
        }
    }

    /** Every GET route of the document with its placeholders filled ({id} of a snapshot is a published one). */
    private static List<String> getRoutes() {
        List<String> routes = new ArrayList<>();
        for (String operation : OpenApiDocument.load().operations()) {
            if (!operation.startsWith("GET ")) {
                continue;
            }
            String path = operation.substring(4);
            Matcher placeholder = PLACEHOLDER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (placeholder.find()) {
                String value =
                        switch (placeholder.group(1)) {
                            case "iso3" -> "ARG";
                            case "code" -> "intentional-homicide";
                            case "id" -> path.startsWith("/api/v1/snapshots/") ? SNAPSHOT : "unknown-id";
                            default -> "x";
                        };
                placeholder.appendReplacement(filled, value);
            }
            placeholder.appendTail(filled);
            routes.add(filled.toString());
        }
        routes.add("/api/v1/reports/response-rates?cycle=2021");
        routes.add("/api/v1/countries/ARG/indicators/intentional-homicide?vintage=" + SNAPSHOT);
        routes.add("/api/v1/snapshots/" + SNAPSHOT + "/changes?country=ARG&format=csv");
        routes.add("/api/v1/snapshots/unknown-id/changes");
        routes.add("/api/v1/no-such-route");
        return routes;
    }

    @Test
    void anonymousHeadOfTheAuditLogIsA401LikeItsGet() throws Exception {
        try (ApiServer server = ApiServer.start(ApiConfig.of(data, Codelists.load()), "127.0.0.1", 0)) {
            HttpResponse<String> head = send(server, "HEAD", "/api/v1/audit", Optional.empty());

            assertThat(head.statusCode()).isEqualTo(401);
            assertThat(head.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"observatory\"");
            assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(head.body()).isEmpty();
            assertThat(send(server, "HEAD", "/api/v1/countries/XYZ", Optional.empty())
                            .statusCode())
                    .isEqualTo(404);
            // on the wire: no body, and the Content-Length the GET has
            RawHttp.Response rawGet = RawHttp.exchange(server.port(), "GET", "/api/v1/countries", List.of());
            RawHttp.Response rawHead = RawHttp.exchange(server.port(), "HEAD", "/api/v1/countries", List.of());
            assertThat(rawGet.body()).isNotEmpty();
            assertThat(rawHead.body()).isEmpty();
            assertThat(rawHead.header("Content-Length"))
                    .contains(Integer.toString(rawGet.body().length))
                    .isEqualTo(rawGet.header("Content-Length"));
        }
    }

    @Test
    void headAnswersEveryGetRouteWithTheStatusAndHeadersOfGetForEveryCaller() throws Exception {
        try (ApiServer server = ApiServer.start(ApiConfig.of(data, Codelists.load()), "127.0.0.1", 0)) {
            List<String> routes = getRoutes();
            assertThat(routes)
                    .contains(
                            "/api/v1/audit",
                            "/api/v1/snapshots/" + SNAPSHOT + "/download",
                            "/api/v1/snapshots/" + SNAPSHOT + "/changes");
            for (String route : routes) {
                for (Map.Entry<String, Optional<String>> caller : CALLERS.entrySet()) {
                    String what = "HEAD " + route + " by " + caller.getKey();
                    HttpResponse<String> get = send(server, "GET", route, caller.getValue());
                    HttpResponse<String> head = send(server, "HEAD", route, caller.getValue());

                    assertThat(head.statusCode()).as(what).isEqualTo(get.statusCode());
                    assertThat(headers(head)).as(what).isEqualTo(headers(get));
                    assertThat(head.body()).as(what).isEmpty();
                }
            }
        }
    }

    @Test
    void everyAnswerIsNosniffAndPrivateAnswersAreNoStore() throws Exception {
        try (ApiServer server = ApiServer.start(ApiConfig.of(data, Codelists.load()), "127.0.0.1", 0)) {
            List<String> routes = getRoutes();
            for (String route : routes) {
                String page = org.observatory.api.page.Languages.PAGES.withoutPrefix(route);
                boolean privateRoute = PRIVATE_PREFIXES.stream().anyMatch(route::startsWith)
                        || PRIVATE_PAGES.stream().anyMatch(page::startsWith);
                for (Map.Entry<String, Optional<String>> caller : CALLERS.entrySet()) {
                    String what = "GET " + route + " by " + caller.getKey();
                    HttpResponse<String> get = send(server, "GET", route, caller.getValue());
                    assertThat(get.headers().firstValue("X-Content-Type-Options"))
                            .as(what)
                            .contains("nosniff");
                    if (privateRoute) {
                        assertThat(get.headers().firstValue("Cache-Control"))
                                .as(what)
                                .contains("no-store");
                    } else {
                        assertThat(get.headers().firstValue("Cache-Control").orElse(""))
                                .as(what)
                                .doesNotContain("no-store");
                    }
                }
            }
            // a private route's refusal is not stored either
            HttpResponse<String> refused = send(server, "POST", "/api/v1/accounts", Optional.empty());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    /** The headers but {@code Date}, names in lower case. */
    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (name.equalsIgnoreCase("set-cookie")) {
                // a new random value each time (the sign-in form's token): compare the cookies' names and attributes
                headers.put(
                        "set-cookie",
                        values.stream()
                                .map(cookie -> cookie.replaceFirst("=[^;]*", "=(value)"))
                                .toList());
            } else if (!name.equalsIgnoreCase("date")) {
                headers.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return headers;
    }

    private HttpResponse<String> send(ApiServer server, String method, String route, Optional<String> token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(server.baseUri().toString().replaceAll("/$", "") + route))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
