package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The secretariat's pages on a real server with a real registry: the secretariat signs in, creates an analyst
 * account whose token is shown once, revokes it (the analyst's token then fails in the API), starts a pipeline run
 * (the launcher is a shell stand-in at the process boundary) and watches its page until the report shows; a run
 * refused for a change of the approval policy is offered for confirmation. An analyst gets 403, a form without its
 * CSRF token does nothing, and the accounts are listed by country code then id.
 */
class SecretariatPagesTest {
    private static final Pattern TOKEN_PAGE = Pattern.compile("/en/secretariat/accounts/(acct-[0-9a-f]{12})/token");
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\" readonly value=\"([^\"]+)\"");

    @TempDir
    Path root;

    private DataDirectory publishedData() {
        DataDirectory data = WriteSideSupport.dataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("2026-11-01-a", false, Fixtures.realLooking(), Fixtures.responses());
        return data;
    }

    @Test
    void theSecretariatCreatesAnAnalystAccountWhoseTokenIsShownOnceThenRevokesIt() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            HttpResponse<String> home = browser.get("/en/secretariat");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(home.headers().firstValue("Content-Language")).contains("en-US");
            assertThat(home.body())
                    .contains("href=\"/en/submissions\"")
                    .contains("/api/v1/reports/response-rates?cycle=")
                    .contains("Create an account");

            HttpResponse<String> created = browser.post(
                    "/en/secretariat/accounts", Map.of("role", "analyst", "country", "col", "expires", ""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
            Matcher location =
                    TOKEN_PAGE.matcher(created.headers().firstValue("Location").orElseThrow());
            assertThat(location.matches()).isTrue();
            String accountId = location.group(1);

            HttpResponse<String> shown = browser.get("/en/secretariat/accounts/" + accountId + "/token");
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(shown.body())
                    .contains("Copy the token now: it is not shown again")
                    .contains("/en/sign-in");
            Matcher token = NEW_TOKEN.matcher(shown.body());
            assertThat(token.find()).isTrue();
            String analystToken = token.group(1);
            assertThat(analystToken).startsWith(accountId + ".");
            HttpResponse<String> byAnalyst = audit(server, analystToken);
            assertThat(byAnalyst.statusCode())
                    .as("the new token works: the API knows its analyst")
                    .isEqualTo(403);

            HttpResponse<String> reloaded = browser.get("/en/secretariat/accounts/" + accountId + "/token");
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(reloaded.body())
                    .doesNotContain(analystToken)
                    .contains("The token was shown once and is no longer available here");
            assertThat(browser.get("/en/secretariat").body())
                    .contains("data-country=\"COL\"")
                    .contains(accountId);

            HttpResponse<String> confirm = browser.get("/en/secretariat/accounts/" + accountId + "/revoke");
            assertThat(confirm.statusCode()).isEqualTo(200);
            assertThat(confirm.body()).contains("Its token stops working at once");
            HttpResponse<String> revoked = browser.post("/en/secretariat/accounts/" + accountId + "/revoke", Map.of());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
            assertThat(revoked.headers().firstValue("Location")).contains("/en/secretariat#accounts");

            HttpResponse<String> afterRevocation = audit(server, analystToken);
            assertThat(afterRevocation.statusCode()).isEqualTo(401);
            assertThat(WriteSideSupport.json(afterRevocation).get("detail").asText())
                    .startsWith(
                            "The bearer token is of account %s, which the secretariat revoked at".formatted(accountId));
            browser.get("/en/secretariat/accounts/" + accountId + "/revoke");
            HttpResponse<String> again = browser.post("/en/secretariat/accounts/" + accountId + "/revoke", Map.of());
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("The account was not revoked.").contains("a revocation is final");
        }
    }

    @Test
    void aRotationShowsTheNewTokenOnceAndTheOldOneFails() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        String accountId = analyst.account().accountId();
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("es", secretariat.token());
            HttpResponse<String> confirm = browser.get("/es/secretariat/accounts/" + accountId + "/rotate");
            assertThat(confirm.body()).contains("La cuenta recibe un token nuevo, que se muestra una sola vez");
            HttpResponse<String> badExpiry =
                    browser.post("/es/secretariat/accounts/" + accountId + "/rotate", Map.of("expires", "2001-01-01"));
            assertThat(badExpiry.statusCode()).isEqualTo(400);
            assertThat(badExpiry.body()).contains("El token no se rotó.").contains("2001-01-01 is not after today");

            HttpResponse<String> rotated =
                    browser.post("/es/secretariat/accounts/" + accountId + "/rotate", Map.of("expires", ""));
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(303);
            HttpResponse<String> shown =
                    browser.get(rotated.headers().firstValue("Location").orElseThrow());
            assertThat(shown.body()).contains("Copie el token ahora: no se vuelve a mostrar");
            Matcher token = NEW_TOKEN.matcher(shown.body());
            assertThat(token.find()).isTrue();
            assertThat(audit(server, analyst.token()).statusCode()).isEqualTo(401);
            assertThat(audit(server, token.group(1)).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void rotatingOnesOwnAccountShowsTheNewTokenAtOnceSinceTheSessionEndsWithTheOldOne() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        String accountId = secretariat.account().accountId();
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            browser.get("/en/secretariat/accounts/" + accountId + "/rotate");
            HttpResponse<String> rotated = browser.post("/en/secretariat/accounts/" + accountId + "/rotate", Map.of());
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.body()).contains("Your own account has a new token");
            Matcher token = NEW_TOKEN.matcher(rotated.body());
            assertThat(token.find()).isTrue();
            assertThat(browser.get("/en/secretariat").statusCode())
                    .as("the session's token was replaced: signed out")
                    .isEqualTo(303);
            browser.signIn("en", token.group(1));
            assertThat(browser.get("/en/secretariat").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRefusedAccountFormSaysWhyAndCreatesNothing() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            browser.get("/en/secretariat");
            HttpResponse<String> noCountry =
                    browser.post("/en/secretariat/accounts", Map.of("role", "analyst", "country", ""));
            assertThat(noCountry.statusCode()).isEqualTo(400);
            assertThat(noCountry.body())
                    .contains("The account was not created.")
                    .contains("An analyst account belongs to one country");
            HttpResponse<String> notMember =
                    browser.post("/en/secretariat/accounts", Map.of("role", "analyst", "country", "FRA"));
            assertThat(notMember.body()).contains("'FRA' is not a member state of this deployment");
        }
        assertThat(accountCount(data)).isEqualTo(1);
    }

    @Test
    void anAnalystGets403OnTheSecretariatPagesAndAVisitorIsSentToSignIn() throws Exception {
        DataDirectory data = publishedData();
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient visitor = new PageClient(server);
            HttpResponse<String> anonymous = visitor.get("/es/secretariat");
            assertThat(anonymous.statusCode()).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).contains("/es/sign-in?next=%2Fes%2Fsecretariat");

            PageClient browser = new PageClient(server);
            browser.signIn("es", analyst.token());
            for (String path : List.of(
                    "/es/secretariat",
                    "/secretariat/runs/run-x",
                    "/es/secretariat/accounts/" + analyst.account().accountId() + "/rotate")) {
                HttpResponse<String> refused = browser.get(path);
                assertThat(refused.statusCode()).as(path).isEqualTo(403);
                assertThat(WriteSideSupport.json(refused).get("detail").asText())
                        .isEqualTo(("Only the secretariat uses the secretariat's pages; you are signed in as a MEX"
                                        + " analyst (%s). Your own page is /submissions; to act for the secretariat,"
                                        + " sign out and sign in with a secretariat account's token")
                                .formatted(analyst.account().accountId()));
            }
            HttpResponse<String> create =
                    browser.post("/es/secretariat/accounts", Map.of("role", "analyst", "country", "COL"));
            assertThat(create.statusCode()).isEqualTo(403);
        }
        assertThat(accountCount(data)).isEqualTo(1);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndCreatesNothing() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, withPipeline(data, "exit 0", ApprovalPolicy.AUTOMATIC))) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            browser.get("/en/secretariat");
            HttpResponse<String> account =
                    browser.post("/en/secretariat/accounts", Map.of("csrf", "", "role", "analyst", "country", "COL"));
            assertThat(account.statusCode()).isEqualTo(403);
            assertThat(WriteSideSupport.json(account).get("detail").asText())
                    .startsWith("The form's security token is missing or out of date");
            HttpResponse<String> run = browser.post("/en/secretariat/runs", Map.of("csrf", "forged"));
            assertThat(run.statusCode()).isEqualTo(403);
            assertThat(browser.get("/en/secretariat").body()).contains("No run has been started from this server yet.");
        }
        assertThat(accountCount(data)).isEqualTo(1);
        assertThat(Files.exists(data.runs())).isFalse();
    }

    @Test
    void accountsAreListedByCountryCodeThenId() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        List<String> countries = List.of("USA", "ARG", "MEX", "ARG", "BRA", "MEX");
        countries.forEach(country -> WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of(country)));
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            String page = browser.get("/en/secretariat").body();

            List<String> rows = new ArrayList<>();
            Matcher row = Pattern.compile("data-country=\"([A-Z]{3})\">\\s*<td>.*?</td>\\s*<th scope=\"row\"><code>"
                            + "(acct-[0-9a-f]{12})</code>")
                    .matcher(page);
            while (row.find()) {
                rows.add(row.group(1) + " " + row.group(2));
            }
            assertThat(rows).hasSize(6).isSorted();
            assertThat(rows)
                    .extracting(entry -> entry.substring(0, 3))
                    .containsExactly("ARG", "ARG", "BRA", "MEX", "MEX", "USA");
            assertThat(page.indexOf(secretariat.account().accountId()))
                    .as("the secretariat's account, without a country, comes first")
                    .isLessThan(page.indexOf("data-country=\"ARG\""));
            assertThat(new RankingCheck(WriteSideSupport.CODELISTS).html(page)).isEmpty();
        }
    }

    @Test
    void theSecretariatStartsARunAndWatchesItsPageUntilTheReportShows() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        Path release = root.resolve("release");
        // stands in for the pipeline: waits for the test's go-ahead, then answers with a report
        String script = "while [ ! -f '%s' ]; do sleep 0.1; done; printf '%%s' '%s' > \"$2\""
                .formatted(
                        release,
                        "{\"runId\": \"x\", \"snapshotId\": \"2026-12-01-b\", \"previousSnapshotId\": \"2026-11-01-a\","
                                + " \"rowsIn\": 12345, \"rowsOut\": 12000, \"rowsExcluded\": {\"unmapped-code\": 345},"
                                + " \"addedValues\": 7, \"changedValues\": 2, \"withdrawnValues\": 0,"
                                + " \"countriesRecomputed\": [\"COL\", \"MEX\"], \"unmappedNationalCodes\":"
                                + " {\"MEX\": [\"HD-07\"]}, \"seconds\": 4.25, \"warnings\": [\"retention failed\"]}");
        try (ApiServer server = WriteSideSupport.start(data, withPipeline(data, script, ApprovalPolicy.AUTOMATIC))) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            assertThat(browser.get("/en/secretariat").body()).contains("Start a pipeline run");
            HttpResponse<String> started = browser.post("/en/secretariat/runs", Map.of());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
            String runPage = started.headers().firstValue("Location").orElseThrow();
            assertThat(runPage).matches("/en/secretariat/runs/run-[0-9A-Za-z-]+");

            HttpResponse<String> running = browser.get(runPage);
            assertThat(running.statusCode()).isEqualTo(200);
            assertThat(running.headers().firstValue("Refresh"))
                    .as("reloads itself without script")
                    .contains("3");
            assertThat(running.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(running.body())
                    .contains("State: Running.")
                    .contains("This page reloads itself every 3 seconds until the run has ended.")
                    .contains(runPage + "?reload=off");
            HttpResponse<String> holdingStill = browser.get(runPage + "?reload=off");
            assertThat(holdingStill.headers().firstValue("Refresh")).isEmpty();
            assertThat(holdingStill.body()).contains("The page no longer reloads itself.");
            assertThat(browser.get("/en/secretariat").body()).contains(runPage).contains("Running");

            Files.writeString(release, "go");
            String finished = awaitEnded(browser, runPage);
            assertThat(finished)
                    .contains("State: Succeeded.")
                    .doesNotContain("reloads itself")
                    .contains("Vintage published")
                    .contains("2026-12-01-b")
                    .contains("12,345")
                    .contains("unmapped-code")
                    .contains("HD-07")
                    .contains("COL, MEX")
                    .contains("retention failed");
            String spanish = browser.get(runPage.replace("/en/", "/es/")).body();
            assertThat(spanish).contains("Estado: Terminada con éxito.").contains("Valores agregados");
        }
    }

    @Test
    void aRunRefusedForAChangeOfApprovalPolicyIsOfferedForConfirmation() throws Exception {
        DataDirectory data = WriteSideSupport.dataDirectory(root);
        new SnapshotFixture(data)
                .writeAndPublish(
                        "snap-1",
                        false,
                        List.of(
                                IndicatorRow.total("MEX", 2021, "intentional-homicide", 35700, null),
                                IndicatorRow.total("COL", 2021, "intentional-homicide", 13709, null)));
        // the fixture's snapshot names run "run-snap-1"; its manifest says it was made under "automatic"
        Path previous = Files.createDirectories(data.runs().resolve("run-snap-1"));
        Files.writeString(
                previous.resolve("manifest.json"),
                "{\"runId\": \"run-snap-1\", \"createdAt\": \"2026-11-22T09:00:00Z\", \"stagingUri\": \"file:/s\","
                        + " \"warehouseUri\": \"file:/w\", \"submissions\": [], \"approvalPolicy\": \"automatic\"}",
                StandardCharsets.UTF_8);
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (Registry registry = Registry.open(data)) {
            registry.decide("sub-col-2021", "COL", org.observatory.api.registry.Decision.APPROVED, "test");
        }
        try (ApiServer server = WriteSideSupport.start(data, withPipeline(data, "exit 0", ApprovalPolicy.REQUIRED))) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            browser.get("/en/secretariat");
            HttpResponse<String> refused = browser.post("/en/secretariat/runs", Map.of());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body())
                    .contains("The run was not started: the approval policy changed.")
                    .contains("This run would unpublish 1 value from 1 submission part that")
                    .contains("data-country=\"MEX\"")
                    .contains("sub-mex-2021")
                    .contains("name=\"confirm\" value=\"policy-change\"");
            try (var entries = Files.list(data.runs())) {
                assertThat(entries.map(path -> path.getFileName().toString()).toList())
                        .as("a refused run starts nothing")
                        .containsExactly("run-snap-1");
            }

            HttpResponse<String> confirmed = browser.post("/en/secretariat/runs", Map.of("confirm", "policy-change"));
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(303);
            assertThat(confirmed.headers().firstValue("Location").orElseThrow())
                    .startsWith("/en/secretariat/runs/run-");
        }
    }

    @Test
    void aServerWithoutAPipelineSaysRunsAreNotAvailableAndWhy() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat.token());
            String home = browser.get("/en/secretariat").body();
            assertThat(home)
                    .contains("Pipeline runs are not available on this server: it was started without a pipeline")
                    .doesNotContain("Start a pipeline run");
            HttpResponse<String> run = browser.get("/en/secretariat/runs/run-20261201T000000Z-abcdef12");
            assertThat(run.statusCode()).isEqualTo(503);
            assertThat(run.body()).contains("Start it with './observatory serve'");
            HttpResponse<String> start = browser.post("/en/secretariat/runs", Map.of());
            assertThat(start.statusCode()).isEqualTo(503);
        }
    }

    /** A write side whose pipeline is the shell script (its $1 the manifest, $2 the report) over the accepted parts. */
    private static SubmissionsConfig withPipeline(DataDirectory data, String script, ApprovalPolicy policy) {
        return SubmissionsConfig.NONE
                .withIntake(WriteSideSupport.acceptedOnly(List.of(
                        submission("sub-mex-2021", "MEX", "2026-11-01T09:00:00Z"),
                        submission("sub-col-2021", "COL", "2026-11-02T09:00:00Z"))))
                .withPipeline(new PipelineLauncher(
                        List.of("sh", "-c", script, "pipeline", PipelineLauncher.MANIFEST, PipelineLauncher.REPORT)))
                .withApprovalPolicy(policy);
    }

    private static SubmissionManifest submission(String submissionId, String country, String receivedAt) {
        return new SubmissionManifest(
                submissionId,
                "0".repeat(64),
                "cts",
                null,
                2022,
                country + ".csv",
                receivedAt,
                "test",
                1,
                1,
                Map.of(),
                List.of(country),
                "rows.parquet");
    }

    private static HttpResponse<String> audit(ApiServer server, String token) throws Exception {
        return WriteSideSupport.send(server, WriteSideSupport.get("/api/v1/audit", token));
    }

    private static int accountCount(DataDirectory data) {
        try (Registry registry = Registry.open(data)) {
            return registry.accounts().size();
        }
    }

    /** Reads the run's page, as its Refresh header makes a browser do, until the run has ended; answers the last page. */
    private static String awaitEnded(PageClient browser, String runPage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = browser.get(runPage);
            if (page.headers().firstValue("Refresh").isEmpty()) {
                return page.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run page " + runPage + " still refreshing after a minute");
    }
}
