package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.get;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.post;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Expiry;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The accounts routes on a real server: revocation and rotation take effect on the next request, an expired token is
 * refused saying so, the listing never shows a token or a hash, and every answer is private and audited.
 */
class AccountRoutesTest {
    private static final String INVALID_TOKEN = "Bearer realm=\"observatory\", error=\"invalid_token\"";

    @TempDir
    Path root;

    private DataDirectory data;
    private NewAccount secretariat;
    private NewAccount mexAnalyst;
    private NewAccount expired;

    @BeforeEach
    void createAccounts() {
        data = dataDirectory(root);
        secretariat = addAccount(data, Role.SECRETARIAT, Optional.empty());
        mexAnalyst = addAccount(data, Role.ANALYST, Optional.of("MEX"));
        expired = addAccount(data, Role.ANALYST, Optional.of("COL"), Expiry.at(Instant.parse("2026-01-01T00:00:00Z")));
    }

    private ApiServer start() {
        return WriteSideSupport.start(data, SubmissionsConfig.NONE);
    }

    @Test
    void revokedTokenGets401OnNextRequest() throws Exception {
        String analystId = mexAnalyst.account().accountId();
        try (ApiServer server = start()) {
            HttpResponse<String> before = send(server, get("/api/v1/audit", mexAnalyst.token()));
            assertThat(before.statusCode())
                    .as("authenticated, not the secretariat")
                    .isEqualTo(403);

            HttpResponse<String> byAnalyst =
                    send(server, post("/api/v1/accounts/%s/revoke".formatted(analystId), mexAnalyst.token(), ""));
            HttpResponse<String> revoked =
                    send(server, post("/api/v1/accounts/%s/revoke".formatted(analystId), secretariat.token(), ""));
            HttpResponse<String> after = send(server, get("/api/v1/audit", mexAnalyst.token()));
            HttpResponse<String> rotateAfter =
                    send(server, post("/api/v1/accounts/%s/rotate".formatted(analystId), mexAnalyst.token(), ""));
            HttpResponse<String> again =
                    send(server, post("/api/v1/accounts/%s/revoke".formatted(analystId), secretariat.token(), ""));

            assertThat(byAnalyst.statusCode()).isEqualTo(403);
            assertThat(json(byAnalyst).get("detail").asText())
                    .isEqualTo("Only the secretariat can revoke accounts; a MEX analyst cannot");
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertThat(revoked.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode account = json(revoked);
            assertThat(account.get("status").asText()).isEqualTo("revoked");
            assertThat(account.get("revokedBy").asText())
                    .isEqualTo(secretariat.account().describe());
            String revokedAt = account.get("revokedAt").asText();
            for (HttpResponse<String> refused : List.of(after, rotateAfter)) {
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).contains(INVALID_TOKEN);
                assertThat(json(refused).get("detail").asText())
                        .isEqualTo("The bearer token is of account %s, which the secretariat revoked at %s; it no"
                                        .formatted(analystId, revokedAt)
                                + " longer works. Ask the secretariat for a new account if you still need one");
            }
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(json(again).get("detail").asText())
                    .isEqualTo("Account %s (analyst MEX) was revoked already, on %s by %s; a revocation is final"
                            .formatted(
                                    analystId, revokedAt, secretariat.account().describe()));
        }
    }

    @Test
    void rotatedTokenGets401AndSuccessorWorks() throws Exception {
        String analystId = mexAnalyst.account().accountId();
        try (ApiServer server = start()) {
            HttpResponse<String> rotated =
                    send(server, post("/api/v1/accounts/%s/rotate".formatted(analystId), secretariat.token(), ""));
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.headers().firstValue("Cache-Control")).contains("no-store");
            String successor = json(rotated).get("token").asText();
            assertThat(successor).startsWith(analystId + ".").isNotEqualTo(mexAnalyst.token());

            HttpResponse<String> old = send(server, get("/api/v1/audit", mexAnalyst.token()));
            HttpResponse<String> next = send(server, get("/api/v1/audit", successor));

            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.headers().firstValue("WWW-Authenticate")).contains(INVALID_TOKEN);
            assertThat(json(old).get("detail").asText())
                    .startsWith("The bearer token of account %s was replaced by a new one at ".formatted(analystId))
                    .endsWith(" (a rotation); send the new token, or ask the secretariat to rotate the account again"
                            + " if you do not have it");
            assertThat(next.statusCode()).as("authenticated as the MEX analyst").isEqualTo(403);
            assertThat(json(next).get("detail").asText())
                    .isEqualTo("Only the secretariat can read the audit log; a MEX analyst cannot");
        }
    }

    /** An analyst who fears their token leaked replaces it themselves, but nobody else's and without its expiry. */
    @Test
    void anAnalystRotatesOnlyTheirOwnTokenAndKeepsItsExpiry() throws Exception {
        String analystId = mexAnalyst.account().accountId();
        try (ApiServer server = start()) {
            HttpResponse<String> other = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate"
                                    .formatted(secretariat.account().accountId()),
                            mexAnalyst.token(),
                            ""));
            HttpResponse<String> withExpiry = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate".formatted(analystId),
                            mexAnalyst.token(),
                            "{\"expires\": \"never\"}"));
            HttpResponse<String> own =
                    send(server, post("/api/v1/accounts/%s/rotate".formatted(analystId), mexAnalyst.token(), ""));

            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(json(other).get("detail").asText())
                    .isEqualTo("Only the secretariat can rotate another account's token; a MEX analyst can rotate only"
                            + " its own account, %s".formatted(analystId));
            assertThat(withExpiry.statusCode()).isEqualTo(403);
            assertThat(json(withExpiry).get("detail").asText())
                    .isEqualTo("Only the secretariat sets an account's expiry; a MEX analyst cannot. Leave expires out"
                            + " to keep the account's expiry");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            String successor = json(own).get("token").asText();
            assertThat(send(server, get("/api/v1/audit", mexAnalyst.token())).statusCode())
                    .isEqualTo(401);
            assertThat(send(server, get("/api/v1/audit", successor)).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void expiredTokenGets401SayingItExpiredAndThatARotationRenewsIt() throws Exception {
        String expiredId = expired.account().accountId();
        try (ApiServer server = start()) {
            HttpResponse<String> refused = send(server, get("/api/v1/audit", expired.token()));
            HttpResponse<String> rotateWithoutExpiry =
                    send(server, post("/api/v1/accounts/%s/rotate".formatted(expiredId), secretariat.token(), ""));
            HttpResponse<String> pastExpiry = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate".formatted(expiredId),
                            secretariat.token(),
                            "{\"expires\": \"2020-01-01\"}"));
            HttpResponse<String> renewed = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate".formatted(expiredId),
                            secretariat.token(),
                            "{\"expires\": \"2999-01-01\"}"));

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains(INVALID_TOKEN);
            assertThat(json(refused).get("detail").asText())
                    .isEqualTo("The bearer token of account %s expired at 2026-01-01T00:00:00Z. Ask the secretariat to"
                                    .formatted(expiredId)
                            + " rotate the account with a new expiry, which gives you a new token");
            assertThat(rotateWithoutExpiry.statusCode()).isEqualTo(409);
            assertThat(json(rotateWithoutExpiry).get("detail").asText())
                    .startsWith("Account %s (analyst COL) expired at 2026-01-01T00:00:00Z; give the new token an expiry"
                            .formatted(expiredId));
            assertThat(pastExpiry.statusCode()).isEqualTo(400);
            assertThat(json(pastExpiry).get("parameter").asText()).isEqualTo("expires");
            assertThat(json(pastExpiry).get("detail").asText())
                    .startsWith("\"expires\": 2020-01-01 is not after today (");
            assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
            assertThat(json(renewed).get("expiresAt").asText()).isEqualTo("2999-01-01T00:00:00Z");
            assertThat(json(send(
                                    server,
                                    get(
                                            "/api/v1/audit",
                                            json(renewed).get("token").asText())))
                            .get("detail")
                            .asText())
                    .isEqualTo("Only the secretariat can read the audit log; a COL analyst cannot");
        }
    }

    @Test
    void revokedSecretariatCannotMintAccounts() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> second = send(
                    server,
                    post(
                            "/api/v1/accounts",
                            secretariat.token(),
                            """
                    {"role": "secretariat", "expires": "2999-12-31"}"""));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            assertThat(second.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(json(second).get("expiresAt").asText()).isEqualTo("2999-12-31T00:00:00Z");
            String secondToken = json(second).get("token").asText();
            String secondId = json(second).get("accountId").asText();
            assertThat(send(
                                    server,
                                    post(
                                            "/api/v1/accounts",
                                            secondToken,
                                            "{\"role\": \"analyst\", \"country\": \"JAM\"}"))
                            .statusCode())
                    .as("the second secretariat mints accounts")
                    .isEqualTo(201);

            HttpResponse<String> revoked =
                    send(server, post("/api/v1/accounts/%s/revoke".formatted(secondId), secretariat.token(), ""));
            HttpResponse<String> mint =
                    send(server, post("/api/v1/accounts", secondToken, "{\"role\": \"secretariat\"}"));
            HttpResponse<String> revokeOther = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/revoke"
                                    .formatted(secretariat.account().accountId()),
                            secondToken,
                            ""));

            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(mint.statusCode()).isEqualTo(401);
            assertThat(json(mint).get("detail").asText())
                    .startsWith(
                            "The bearer token is of account %s, which the secretariat revoked at ".formatted(secondId));
            assertThat(revokeOther.statusCode()).isEqualTo(401);
            JsonNode accounts = json(send(server, get("/api/v1/accounts", secretariat.token())))
                    .get("accounts");
            assertThat(accounts).hasSize(5);
            List<String> roles = new ArrayList<>();
            accounts.forEach(account -> roles.add(
                    account.get("role").asText() + " " + account.get("status").asText()));
            assertThat(roles).filteredOn(role -> role.startsWith("secretariat")).hasSize(2);
            assertThat(roles).contains("secretariat revoked", "secretariat active");
        }
    }

    @Test
    void theLastWorkingSecretariatAccountCannotBeRevoked() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> itself = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/revoke"
                                    .formatted(secretariat.account().accountId()),
                            secretariat.token(),
                            ""));

            assertThat(itself.statusCode()).isEqualTo(409);
            assertThat(json(itself).get("detail").asText())
                    .startsWith("Account %s is the last secretariat account whose token works;"
                            .formatted(secretariat.account().describe()));
            assertThat(send(server, get("/api/v1/accounts", secretariat.token()))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void listingNeverShowsTokensOrHashes() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> rotated = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate"
                                    .formatted(mexAnalyst.account().accountId()),
                            secretariat.token(),
                            ""));
            String successor = json(rotated).get("token").asText();
            HttpResponse<String> byAnalyst = send(server, get("/api/v1/accounts", successor));
            HttpResponse<String> anonymous =
                    send(server, request("/api/v1/accounts").GET());
            HttpResponse<String> listing = send(server, get("/api/v1/accounts", secretariat.token()));

            assertThat(byAnalyst.statusCode()).isEqualTo(403);
            assertThat(json(byAnalyst).get("detail").asText())
                    .isEqualTo("Only the secretariat can list the accounts; a MEX analyst cannot");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.headers().firstValue("Cache-Control")).contains("no-store");
            List<String> ids = new ArrayList<>();
            json(listing)
                    .get("accounts")
                    .forEach(account -> ids.add(account.get("accountId").asText()));
            assertThat(ids)
                    .isSorted()
                    .containsExactlyInAnyOrder(
                            secretariat.account().accountId(),
                            mexAnalyst.account().accountId(),
                            expired.account().accountId());
            for (String token : List.of(secretariat.token(), mexAnalyst.token(), expired.token(), successor)) {
                String secret = token.substring(token.indexOf('.') + 1);
                assertThat(listing.body()).doesNotContain(secret, sha256(token));
            }
            JsonNode mex = json(listing)
                    .get("accounts")
                    .get(ids.indexOf(mexAnalyst.account().accountId()));
            assertThat(mex.get("status").asText()).isEqualTo("active");
            assertThat(mex.get("rotatedBy").asText())
                    .isEqualTo(secretariat.account().describe());
            assertThat(mex.get("expiresAt").isNull()).isTrue();
            JsonNode col = json(listing)
                    .get("accounts")
                    .get(ids.indexOf(expired.account().accountId()));
            assertThat(col.get("status").asText()).isEqualTo("expired");
            assertThat(col.get("expiresAt").asText()).isEqualTo("2026-01-01T00:00:00Z");

            JsonNode entries = json(send(server, get("/api/v1/audit", secretariat.token())))
                    .get("entries");
            JsonNode last = entries.get(entries.size() - 1);
            assertThat(last.get("actor").asText())
                    .isEqualTo(secretariat.account().describe());
            assertThat(last.get("detail").asText()).isEqualTo("listed the accounts (3)");
            assertThat(entries.toString()).doesNotContain(successor);
        }
    }

    @Test
    void unknownAndMalformedAccountIdsGet404() throws Exception {
        try (ApiServer server = start()) {
            HttpResponse<String> unknown =
                    send(server, post("/api/v1/accounts/acct-000000000000/revoke", secretariat.token(), ""));
            HttpResponse<String> malformed =
                    send(server, post("/api/v1/accounts/nobody/rotate", secretariat.token(), ""));
            HttpResponse<String> badBody = send(
                    server,
                    post(
                            "/api/v1/accounts/%s/rotate"
                                    .formatted(mexAnalyst.account().accountId()),
                            secretariat.token(),
                            "{\"role\": \"secretariat\"}"));

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).get("detail").asText())
                    .isEqualTo("No account 'acct-000000000000' in the registry; the listing of accounts (GET"
                            + " /api/v1/accounts, or ./observatory accounts list) shows their ids");
            assertThat(malformed.statusCode()).isEqualTo(404);
            assertThat(json(malformed).get("detail").asText())
                    .isEqualTo("No account 'nobody'; account ids look like acct-1a2b3c4d5e6f, and GET /api/v1/accounts"
                            + " lists them");
            assertThat(badBody.statusCode()).isEqualTo(400);
            assertThat(json(badBody).get("detail").asText())
                    .isEqualTo("Unknown field 'role'; a rotation has the field expires only");
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
