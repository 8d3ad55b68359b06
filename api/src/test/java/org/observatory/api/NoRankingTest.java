package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.ChangeRow;
import org.observatory.api.fixture.ChangesFixture;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.openapi.OpenApiDocument;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.RunStatus;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.IntakeResult;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.api.submission.Upload;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Invariant 5, walked route by route: every GET operation of the OpenAPI document is called on a real server over
 * a fixture snapshot (path parameters filled from it, every value of a {@code format} enum tried), and no response
 * may list several countries out of code order (or out of subregion-then-code order) or hold a rank-like field.
 * Operations that need a bearer token are called with a secretariat token (the role that sees every country) over
 * a registry holding a multi-country submission, its landed file and a pipeline run with its report.
 */
class NoRankingTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SNAPSHOT = "walk-1";
    private static final String SUBMISSION = "sub-walk";
    private static final String RUN = "run-walk";
    /** Values for path and required query parameters, taken from the fixture snapshot and registry. */
    private static final Map<String, String> VALUES = Map.of(
            "iso3", "ARG",
            "code", "intentional-homicide",
            "id", SNAPSHOT,
            "cycle", "2010",
            "lang", "es",
            "name", "observatory.css");
    /** The {@code id} of routes under these prefixes names a submission or a run, not a snapshot. */
    private static final Map<String, String> IDS = Map.of(
            "/api/v1/submissions/", SUBMISSION,
            "/api/v1/pipeline-runs/", RUN,
            "/submissions/", SUBMISSION,
            "/{lang}/submissions/", SUBMISSION,
            "/secretariat/runs/", RUN,
            "/{lang}/secretariat/runs/", RUN);

    /** The walk only reads: an upload reaching the ingest service fails the test. */
    private static final SubmissionIntake NO_UPLOADS = new SubmissionIntake() {
        @Override
        public IntakeResult ingest(Upload upload) {
            throw new AssertionError("the ranking walk makes no upload: " + upload);
        }

        @Override
        public List<SubmissionManifest> acceptedSubmissions() {
            return List.of();
        }
    };

    @TempDir
    static Path root;

    private static ApiConfig config;
    private static String secretariatToken;

    @BeforeAll
    static void publishSnapshotAndRegistry() throws Exception {
        DataDirectory data = new DataDirectory(root);
        List<IndicatorRow> rows = new ArrayList<>(Fixtures.realLooking());
        // several countries with very different values, so an order by value would differ from the order by code
        rows.add(IndicatorRow.total("USA", 2020, "intentional-homicide", 21_000, 331_000_000.0));
        rows.add(IndicatorRow.total("JAM", 2020, "intentional-homicide", 1_300, 2_800_000.0));
        SnapshotFixture snapshots = new SnapshotFixture(data);
        snapshots.write(SNAPSHOT, false, rows, Fixtures.responses());
        // changes of several countries, the largest first: an order by size of change would differ from by code
        new ChangesFixture(data)
                .writeChanges(
                        SNAPSHOT,
                        null,
                        List.of(
                                ChangeRow.revised("USA", 2020, "intentional-homicide", 19_000, 21_000),
                                ChangeRow.added("JAM", 2020, "intentional-homicide", 1_300),
                                ChangeRow.withdrawn("BRA", 2019, "intentional-homicide", 40_000),
                                ChangeRow.revised("ARG", 2020, "intentional-homicide", 2_100, 2_200)));
        snapshots.publish(SNAPSHOT);
        config = ApiConfig.of(data, CODELISTS)
                .withSubmissions(SubmissionsConfig.NONE
                        .withIntake(NO_UPLOADS)
                        .withPipeline(new PipelineLauncher(
                                List.of("sh", "-c", "exit 1", "pipeline", PipelineLauncher.MANIFEST))));
        recordSubmissionAndRun(data);
    }

    /**
     * A CTS release of four member states, recorded with its countries out of code order (as a file may list them),
     * its landed bytes, a finished pipeline run and that run's report naming several countries.
     */
    private static void recordSubmissionAndRun(DataDirectory data) throws Exception {
        String sha256 = "ab".repeat(32);
        Files.createDirectories(data.landing());
        Files.writeString(data.landing().resolve(sha256 + ".csv"), "Iso3_code,Indicator,Year,VALUE\n");
        String at = "2026-01-01T00:00:00Z";
        try (Registry registry = Registry.open(data)) {
            secretariatToken = registry.addAccount(Role.SECRETARIAT, Optional.empty(), "NoRankingTest")
                    .token();
            registry.recordSubmission(
                    new SubmissionRecord(
                            SUBMISSION,
                            SubmissionRecord.ACCEPTED,
                            "cts",
                            null,
                            2010,
                            "cts.csv",
                            sha256,
                            List.of("USA", "JAM", "BRA", "ARG"),
                            "acct-walk",
                            at,
                            "{\"status\": \"accepted\", \"encoding\": \"UTF-8\", \"delimiter\": \",\","
                                    + " \"rowsSkipped\": {\"country-not-member\": 2}}"),
                    "NoRankingTest");
            registry.saveRun(
                    new PipelineRunRecord(RUN, RunStatus.SUCCEEDED, "acct-walk", at, at, at, 0, SNAPSHOT, null));
        }
        Path run = Files.createDirectories(data.runs().resolve(RUN));
        Files.writeString(
                run.resolve(PipelineRuns.REPORT_FILE),
                "{\"snapshotId\": \"%s\", \"countriesRecomputed\": [\"ARG\", \"BRA\", \"JAM\", \"USA\"]}"
                        .formatted(SNAPSHOT));
    }

    record Call(String method, String template, String url, boolean secured) {}

    static List<Call> calls() {
        JsonNode document = OpenApiDocument.load().tree();
        List<Call> calls = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get == null) {
                return;
            }
            String template = path.getKey();
            boolean secured = get.has("security") && !get.get("security").isEmpty()
                    || document.has("security") && !get.has("security");
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
                    url = url.replace("{" + name + "}", value(template, name));
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
                calls.add(new Call("GET", template, all.isEmpty() ? url : url + "?" + String.join("&", all), secured));
            }
        });
        return calls;
    }

    private static String value(String template, String name) {
        if (name.equals("id") && template.startsWith("/{lang}/secretariat/accounts/")) {
            return secretariatToken.substring(0, secretariatToken.indexOf('.'));
        }
        if (name.equals("id")) {
            for (Map.Entry<String, String> prefix : IDS.entrySet()) {
                if (template.startsWith(prefix.getKey())) {
                    return prefix.getValue();
                }
            }
        }
        return VALUES.getOrDefault(name, "unknown-" + name);
    }

    @TestFactory
    Stream<DynamicTest> noGetRouteRanksCountries() {
        RankingCheck check = new RankingCheck(CODELISTS);
        List<Call> calls = calls();
        assertThat(calls)
                .extracting(Call::template)
                .contains(
                        "/api/v1/countries",
                        "/api/v1/reports/response-rates",
                        "/api/v1/submissions/{id}",
                        "/api/v1/snapshots/{id}/changes");
        return calls.stream()
                .map(call -> DynamicTest.dynamicTest(call.method() + " " + call.url(), () -> {
                    JavalinTest.test(ObservatoryApp.create(config), (server, client) -> {
                        List<String> violations = violations(check, client, call);
                        assertThat(violations).as(call.url()).isEmpty();
                    });
                }));
    }

    private static List<String> violations(RankingCheck check, HttpClient client, Call call) throws Exception {
        String url = call.url();
        Response response = call.secured()
                ? client.get(url, request -> request.header("Authorization", "Bearer " + secretariatToken))
                : client.get(url);
        if (response.request().url().encodedPath().endsWith("/sign-in")
                && !call.template().endsWith("sign-in")) {
            // a signed-in visitor's page: walk it as the secretariat, signed in through the sign-in form
            String session = signIn(client);
            response = client.get(url, request -> request.header("Cookie", session));
        }
        assertThat(response.code()).as(url).isEqualTo(200);
        String type = String.valueOf(response.header("Content-Type"));
        if (type.startsWith("application/json")) {
            return check.json(MAPPER.readTree(response.body().string()));
        }
        if (type.startsWith("text/csv")) {
            return check.csv(response.body().string());
        }
        if (type.startsWith("text/html")) {
            return check.html(response.body().string());
        }
        return List.of(); // archives, stylesheets: their data is the JSON and CSV checked above
    }

    private static final java.util.regex.Pattern CSRF_FIELD =
            java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** Signs in as the secretariat through the sign-in form and answers the session's {@code Cookie} header. */
    private static String signIn(HttpClient client) throws Exception {
        Response form = client.get("/es/sign-in");
        String formCookie = cookie(form, "observatory_form").orElseThrow();
        java.util.regex.Matcher csrf = CSRF_FIELD.matcher(form.body().string());
        assertThat(csrf.find()).isTrue();
        Response signedIn = client.request("/es/sign-in", request -> request.header("Cookie", formCookie)
                .post(new okhttp3.FormBody.Builder()
                        .add("csrf", csrf.group(1))
                        .add("token", secretariatToken)
                        .build()));
        for (Response answer = signedIn; answer != null; answer = answer.priorResponse()) {
            Optional<String> session = cookie(answer, "observatory_session");
            if (session.isPresent()) {
                return session.get();
            }
        }
        throw new AssertionError("signing in set no session cookie: " + signedIn.code());
    }

    private static Optional<String> cookie(Response response, String name) {
        return response.headers("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .map(header -> header.split(";", 2)[0])
                .findFirst();
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
        assertThat(check.html("<a href=\"/es/countries/USA\">1</a><a href=\"/countries/ARG?x\">2</a>"
                        + "<td data-country=\"JAM\">3</td><th>Rank</th>"))
                .containsExactly(
                        "the page lists countries [USA, ARG, JAM], neither by code nor by subregion then code",
                        "the page has a rank-like column 'Rank'");
        assertThat(check.html("<a href=\"/en/countries/USA\"></a><a href=\"/en/countries/MEX\"></a>"
                        + "<a href=\"/en/countries/JAM\"></a><a href=\"/en/countries/ARG\"></a>"))
                .isEmpty();
        // by code, and by subregion (Northern America, Central America, Caribbean, South America) then code, pass
        assertThat(check.json(MAPPER.readTree("[\"ARG\", \"JAM\", \"USA\"]"))).isEmpty();
        assertThat(check.json(MAPPER.readTree("[\"USA\", \"MEX\", \"JAM\", \"ARG\", \"BRA\"]")))
                .isEmpty();
    }
}
