package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.openapi.OpenApiDocument;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Invariant 5, walked route by route: every GET operation of the OpenAPI document is called on a real server over
 * a fixture snapshot (path parameters filled from it, every value of a {@code format} enum tried), and no response
 * may list several countries out of code order (or out of subregion-then-code order) or hold a rank-like field.
 * Operations that need a bearer token are skipped with that reason (the anonymous view of them is the 401).
 */
class NoRankingTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SNAPSHOT = "walk-1";
    /** Values for path and required query parameters, taken from the fixture snapshot. */
    private static final Map<String, String> VALUES = Map.of(
            "iso3", "ARG",
            "code", "intentional-homicide",
            "id", SNAPSHOT,
            "cycle", "2010");

    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishSnapshot() {
        DataDirectory data = new DataDirectory(root);
        List<IndicatorRow> rows = new ArrayList<>(Fixtures.realLooking());
        // several countries with very different values, so an order by value would differ from the order by code
        rows.add(IndicatorRow.total("USA", 2020, "intentional-homicide", 21_000, 331_000_000.0));
        rows.add(IndicatorRow.total("JAM", 2020, "intentional-homicide", 1_300, 2_800_000.0));
        new SnapshotFixture(data).writeAndPublish(SNAPSHOT, false, rows, Fixtures.responses());
        config = ApiConfig.of(data, CODELISTS);
    }

    @AfterAll
    static void nothing() {}

    record Call(String method, String template, String url, String skipReason) {}

    static List<Call> calls() {
        JsonNode document = OpenApiDocument.load().tree();
        List<Call> calls = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get == null) {
                return;
            }
            String template = path.getKey();
            if (get.has("security") && !get.get("security").isEmpty()
                    || document.has("security") && !get.has("security")) {
                calls.add(new Call("GET", template, null, "needs a bearer token; its authorisation tests cover it"));
                return;
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            String url = template;
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(parameters::add);
            get.path("parameters").forEach(parameters::add);
            for (JsonNode reference : parameters) {
                JsonNode parameter = reference.has("$ref")
                        ? document.at(reference.get("$ref").asText().substring(1))
                        : reference;
                String name = parameter.get("name").asText();
                String in = parameter.get("in").asText();
                if (in.equals("path")) {
                    url = url.replace("{" + name + "}", VALUES.getOrDefault(name, "unknown-" + name));
                } else if (name.equals("format")) {
                    List<String> formats = new ArrayList<>();
                    parameter.at("/schema/enum").forEach(value -> formats.add(value.asText()));
                    query.put(name, formats);
                } else if (parameter.path("required").asBoolean(false)) {
                    query.put(name, List.of(VALUES.getOrDefault(name, "")));
                }
            }
            List<String> fixed = new ArrayList<>();
            query.forEach((name, values) -> {
                if (!name.equals("format")) {
                    fixed.add(name + "=" + values.get(0));
                }
            });
            List<String> formats = query.getOrDefault("format", List.of(""));
            for (String format : formats) {
                List<String> all = new ArrayList<>(fixed);
                if (!format.isEmpty()) {
                    all.add("format=" + format);
                }
                calls.add(new Call("GET", template, all.isEmpty() ? url : url + "?" + String.join("&", all), null));
            }
        });
        return calls;
    }

    @TestFactory
    Stream<DynamicTest> noGetRouteRanksCountries() {
        RankingCheck check = new RankingCheck(CODELISTS);
        List<Call> calls = calls();
        assertThat(calls).extracting(Call::template).contains("/api/v1/countries", "/api/v1/reports/response-rates");
        return calls.stream()
                .map(call -> DynamicTest.dynamicTest(
                        call.method() + " " + (call.url() == null ? call.template() : call.url()), () -> {
                            Assumptions.assumeTrue(
                                    call.skipReason() == null,
                                    () -> call.template() + " skipped: " + call.skipReason());
                            JavalinTest.test(ObservatoryApp.create(config), (server, client) -> {
                                List<String> violations = violations(check, client, call.url());
                                assertThat(violations).as(call.url()).isEmpty();
                            });
                        }));
    }

    private static List<String> violations(RankingCheck check, HttpClient client, String url) throws Exception {
        Response response = client.get(url);
        assertThat(response.code()).as(url).isEqualTo(200);
        String type = String.valueOf(response.header("Content-Type"));
        if (type.startsWith("application/json")) {
            return check.json(MAPPER.readTree(response.body().string()));
        }
        if (type.startsWith("text/csv")) {
            return check.csv(response.body().string());
        }
        return List.of(); // HTML pages and archives: their data is the JSON and CSV checked above
    }

    @Test
    void theCheckFindsCountriesOrderedByValueAndRankLikeFields() throws Exception {
        RankingCheck check = new RankingCheck(CODELISTS);
        JsonNode byValue =
                MAPPER.readTree("{\"countries\": [{\"iso3\": \"USA\", \"count\": 9}, {\"iso3\": \"ARG\", \"count\": 5},"
                        + " {\"iso3\": \"JAM\", \"count\": 1}]}");
        assertThat(check.json(byValue))
                .containsExactly(
                        "$.countries lists countries [USA, ARG, JAM], neither by code nor by subregion" + " then code");
        JsonNode ranked = MAPPER.readTree("{\"rows\": [{\"iso3\": \"ARG\", \"rank\": 1}]}");
        assertThat(check.json(ranked)).containsExactly("$.rows[0].rank is a rank-like field");
        assertThat(check.csv("country,value,percentile\nBRA,1,90\nARG,2,10\n"))
                .containsExactly(
                        "CSV column 'percentile' is rank-like",
                        "CSV column country lists countries [BRA, ARG], neither by code nor by subregion then code");
        // by code, and by subregion (Northern America, Central America, Caribbean, South America) then code, pass
        assertThat(check.json(MAPPER.readTree("[\"ARG\", \"JAM\", \"USA\"]"))).isEmpty();
        assertThat(check.json(MAPPER.readTree("[\"USA\", \"MEX\", \"JAM\", \"ARG\", \"BRA\"]")))
                .isEmpty();
    }
}
