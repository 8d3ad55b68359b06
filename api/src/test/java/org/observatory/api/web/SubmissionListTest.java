package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.NO_INGEST;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.get;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.schemas.storage.DataDirectory;

/**
 * {@code GET /api/v1/submissions} on a real server over a real registry, under the {@code required} policy: five
 * submissions (a MEX file approved and published in a vintage, a COL file, a COL and MEX release, a rejected MEX file
 * and a withdrawn MEX file), listed newest first with the state of each part; an analyst sees their own country's
 * only, the secretariat all; pages follow an opaque cursor; bad parameters are 400s that name them.
 */
class SubmissionListTest {
    private static final String VINTAGE = "2026-02-01";

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;
    private String mexAnalyst;

    @BeforeEach
    void recordFiveSubmissionsAndPublishOne() throws Exception {
        data = dataDirectory(root);
        secretariat = addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
        mexAnalyst = addAccount(data, Role.ANALYST, Optional.of("MEX")).token();
        try (Registry registry = Registry.open(data)) {
            record(registry, "sub-mex-published", "accepted", "MEX", List.of("MEX"), "2026-01-01T10:00:00Z");
            record(registry, "sub-col", "accepted", "COL", List.of("COL"), "2026-01-02T10:00:00Z");
            record(registry, "sub-release", "accepted", null, List.of("COL", "MEX"), "2026-01-03T10:00:00Z");
            record(registry, "sub-mex-rejected", "rejected", "MEX", List.of(), "2026-01-04T10:00:00Z");
            record(registry, "sub-mex-withdrawn", "accepted", "MEX", List.of("MEX"), "2026-01-05T10:00:00Z");
            registry.decide("sub-mex-published", "MEX", Decision.APPROVED, "test");
            registry.decide("sub-mex-withdrawn", "MEX", Decision.APPROVED, "test");
            registry.decide("sub-mex-withdrawn", "MEX", Decision.WITHDRAWN, "test");
            registry.decide("sub-col", "COL", Decision.APPROVED, "test");
        }
        // the vintage's run published MEX's part of the first file (its manifest says so), nothing else
        new SnapshotFixture(data).writeAndPublish(VINTAGE, false, Fixtures.realLooking());
        Path manifest = data.runs().resolve("run-" + VINTAGE).resolve("manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(
                manifest,
                """
                {"runId": "run-%s", "submissions": [
                  {"submissionId": "sub-mex-published", "sourceKind": "cts", "sequence": 1,
                   "acceptedAt": "2026-01-01T10:00:00Z", "approvedCountries": ["MEX"]},
                  {"submissionId": "sub-release", "sourceKind": "cts", "sequence": 2,
                   "acceptedAt": "2026-01-03T10:00:00Z", "approvedCountries": []}]}
                """
                        .formatted(VINTAGE),
                StandardCharsets.UTF_8);
    }

    private static void record(
            Registry registry, String id, String status, String country, List<String> countries, String at) {
        registry.recordSubmission(
                new SubmissionRecord(
                        id,
                        status,
                        "cts",
                        country,
                        2023,
                        id + ".csv",
                        "0".repeat(64),
                        countries,
                        "acct-test",
                        at,
                        "{\"errors\": %d, \"warnings\": 1, \"issues\": []}"
                                .formatted(status.equals("rejected") ? 3 : 0)),
                "test");
    }

    private ApiServer start() {
        return WriteSideSupport.start(
                data, SubmissionsConfig.NONE.withIntake(NO_INGEST).withApprovalPolicy(ApprovalPolicy.REQUIRED));
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsText("submissionId");
    }

    @Test
    void anAnalystListsTheirOwnCountrysSubmissionsNewestFirstWithTheStateOfTheirPart() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> response = send(server, get("/api/v1/submissions", mexAnalyst));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode page = json(response);
            assertThat(ids(page))
                    .containsExactly("sub-mex-withdrawn", "sub-mex-rejected", "sub-release", "sub-mex-published");
            assertThat(page.get("next").isNull()).isTrue();
            assertThat(page.get("approvalPolicy").asText()).isEqualTo("required");
            JsonNode withdrawn = page.get("items").get(0);
            assertThat(withdrawn.get("parts").get(0).get("state").asText()).isEqualTo("withdrawn");
            assertThat(withdrawn.get("url").asText()).isEqualTo("/api/v1/submissions/sub-mex-withdrawn");
            JsonNode rejected = page.get("items").get(1);
            assertThat(rejected.get("status").asText()).isEqualTo("rejected");
            assertThat(rejected.get("errors").asLong()).isEqualTo(3);
            assertThat(rejected.get("parts")).isEmpty();
            // the release's COL part is not a MEX analyst's to see
            JsonNode release = page.get("items").get(2);
            assertThat(release.get("parts").findValuesAsText("country")).containsExactly("MEX");
            assertThat(release.get("parts").get(0).get("state").asText()).isEqualTo("pending-approval");
            JsonNode published = page.get("items").get(3).get("parts").get(0);
            assertThat(published.get("state").asText()).isEqualTo("published");
            assertThat(published.get("publishedIn").asText()).isEqualTo(VINTAGE);
        }
    }

    @Test
    void anAnalystAskingForAnotherCountrysSubmissionsGetsA403SayingWhy() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> response = send(server, get("/api/v1/submissions?country=col", mexAnalyst));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("detail").asText())
                    .isEqualTo("a MEX analyst cannot list COL's submissions; an analyst lists their own country's."
                            + " Leave country out or give MEX");
        }
    }

    @Test
    void theSecretariatListsEverySubmissionAndFiltersByCountryAndState() throws Exception {
        try (ApiServer server = start()) {
            JsonNode all = json(send(server, get("/api/v1/submissions", secretariat)));
            JsonNode colombia = json(send(server, get("/api/v1/submissions?country=COL", secretariat)));
            JsonNode published = json(send(server, get("/api/v1/submissions?status=published", secretariat)));
            JsonNode rejected = json(send(server, get("/api/v1/submissions?status=rejected", secretariat)));
            JsonNode approved = json(send(server, get("/api/v1/submissions?status=approved", secretariat)));
            JsonNode pending =
                    json(send(server, get("/api/v1/submissions?country=MEX&status=Pending-Approval", secretariat)));

            assertThat(ids(all))
                    .containsExactly(
                            "sub-mex-withdrawn", "sub-mex-rejected", "sub-release", "sub-col", "sub-mex-published");
            assertThat(all.get("items").get(2).get("parts").findValuesAsText("country"))
                    .containsExactly("COL", "MEX");
            assertThat(ids(colombia)).containsExactly("sub-release", "sub-col");
            assertThat(colombia.get("items").get(0).get("parts").findValuesAsText("country"))
                    .containsExactly("COL");
            assertThat(ids(published)).containsExactly("sub-mex-published");
            assertThat(ids(rejected)).containsExactly("sub-mex-rejected");
            assertThat(ids(approved)).containsExactly("sub-col");
            assertThat(ids(pending)).containsExactly("sub-release");
        }
    }

    @Test
    void pagesFollowTheNextLinkUntilTheLastPage() throws Exception {
        try (ApiServer server = start()) {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String next = "/api/v1/submissions?limit=2";
            while (next != null) {
                HttpResponse<String> response = send(server, get(next, secretariat));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode page = json(response);
                seen.addAll(ids(page));
                sizes.add(page.get("items").size());
                next = page.get("next").isNull() ? null : page.get("next").asText();
                if (next != null) {
                    assertThat(next).matches("/api/v1/submissions\\?cursor=[A-Za-z0-9_-]+&limit=2");
                }
            }

            assertThat(sizes).containsExactly(2, 2, 1);
            assertThat(seen)
                    .containsExactly(
                            "sub-mex-withdrawn", "sub-mex-rejected", "sub-release", "sub-col", "sub-mex-published");
        }
    }

    @Test
    void aBadStateLimitOrCursorIsA400NamingTheParameterAndHowToFixIt() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> state = send(server, get("/api/v1/submissions?status=done", secretariat));
            HttpResponse<String> zero = send(server, get("/api/v1/submissions?limit=0", secretariat));
            HttpResponse<String> word = send(server, get("/api/v1/submissions?limit=ten", secretariat));
            HttpResponse<String> cursor = send(server, get("/api/v1/submissions?cursor=not-ours", secretariat));
            HttpResponse<String> country = send(server, get("/api/v1/submissions?country=Mexico", secretariat));
            HttpResponse<String> anonymous =
                    send(server, request("/api/v1/submissions").GET());

            assertThat(state.statusCode()).isEqualTo(400);
            assertThat(json(state).get("parameter").asText()).isEqualTo("status");
            assertThat(json(state).get("detail").asText())
                    .isEqualTo("Query parameter 'status': 'done' is not a submission state; use one of rejected,"
                            + " pending-approval, approved, published, withdrawn, or leave status out");
            assertThat(zero.statusCode()).isEqualTo(400);
            assertThat(json(zero).get("detail").asText())
                    .isEqualTo("Query parameter 'limit' must be a whole number from 1 to 200 (submissions per page),"
                            + " not '0'; leave it out for 50");
            assertThat(json(word).get("parameter").asText()).isEqualTo("limit");
            assertThat(cursor.statusCode()).isEqualTo(400);
            assertThat(json(cursor).get("parameter").asText()).isEqualTo("cursor");
            assertThat(json(cursor).get("detail").asText())
                    .isEqualTo("Query parameter 'cursor' 'not-ours' is not a cursor this server gave; use the 'next'"
                            + " link of the previous page as it is, or leave cursor out for the first page");
            assertThat(json(country).get("detail").asText())
                    .isEqualTo("Query parameter 'country' must be an ISO alpha-3 code such as MEX, not 'Mexico'");
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }
}
