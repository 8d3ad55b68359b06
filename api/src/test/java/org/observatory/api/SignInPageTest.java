package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Signing in to the pages on a real server with a real registry: the token pasted once becomes a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}); a refused token shows why in the page's language; forms without the
 * CSRF token or from another site are refused; the page to go on to is only ever a path of this site; a revoked
 * account is signed out from its next request on.
 */
class SignInPageTest {
    @TempDir
    Path root;

    private DataDirectory publishedData() {
        DataDirectory data = WriteSideSupport.dataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("2026-11-01-a", false, Fixtures.realLooking());
        return data;
    }

    @Test
    void anAnalystSignsInOnceAndHoldsOnlyAStrictHttpOnlySessionCookie() throws Exception {
        DataDirectory data = publishedData();
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            HttpResponse<String> form = browser.get("/es/sign-in");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(form.body()).contains("El token de su cuenta").contains("type=\"password\"");

            HttpResponse<String> signedIn = browser.post("/es/sign-in", Map.of("token", analyst.token()));
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).contains("/es/submissions");
            assertThat(PageClient.setCookies(signedIn)).anySatisfy(cookie -> assertThat(cookie)
                    .startsWith("observatory_session=")
                    .contains("HttpOnly")
                    .contains("SameSite=Strict")
                    .doesNotContain("Secure")
                    .doesNotContain(analyst.token()));

            HttpResponse<String> again = browser.get("/es/sign-in");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body())
                    .contains("Ya inició sesión: Analista de MEX.")
                    .contains("/es/sign-out");
            HttpResponse<String> onward = browser.get("/es/sign-in?next=/es/countries/MEX");
            assertThat(onward.statusCode())
                    .as("signed in already: on to the page asked for")
                    .isEqualTo(303);
        }
    }

    @Test
    void aRefusedTokenShowsWhyInThePageLanguageAndCountsAsAFailedAuthentication() throws Exception {
        DataDirectory data = publishedData();
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        try (Registry registry = Registry.open(data)) {
            registry.revoke(analyst.account().accountId(), "test");
        }
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.get("/en/sign-in");
            HttpResponse<String> revoked = browser.post("/en/sign-in", Map.of("token", analyst.token()));
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.body())
                    .contains("Account " + analyst.account().accountId() + " was revoked by the secretariat")
                    .contains("role=\"alert\"");
            assertThat(browser.cookie("observatory_session")).isNull();

            HttpResponse<String> unknown = browser.post("/es/sign-in", Map.of("token", "acct-000000000000.nothing"));
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).contains("Este token no corresponde a ninguna cuenta");
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenOrFromAnotherSiteIsRefused() throws Exception {
        DataDirectory data = publishedData();
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.get("/en/sign-in");
            HttpResponse<String> forged =
                    browser.post("/en/sign-in", Map.of("token", analyst.token(), "csrf", "forged-value"));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("The form's security token is missing or out of date");

            HttpResponse<String> crossSite = browser.send(browser.request("/en/sign-in")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://attacker.example")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "csrf=" + browser.csrf() + "&token=" + analyst.token())));
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(crossSite.body())
                    .contains("This form was sent from another site (Origin https://attacker.example)");
            assertThat(browser.cookie("observatory_session")).isNull();
        }
    }

    @Test
    void afterSigningInTheVisitorGoesOnOnlyToAPathOfThisSite() throws Exception {
        DataDirectory data = publishedData();
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.get("/en/sign-in?next=//attacker.example/x");
            HttpResponse<String> elsewhere = browser.post(
                    "/en/sign-in", Map.of("token", secretariat.token(), "next", "https://attacker.example/"));
            assertThat(elsewhere.headers().firstValue("Location")).contains("/en/secretariat");
            browser.forgetCookies();

            browser.get("/en/sign-in");
            HttpResponse<String> local =
                    browser.post("/en/sign-in", Map.of("token", secretariat.token(), "next", "/en/countries/MEX"));
            assertThat(local.headers().firstValue("Location")).contains("/en/countries/MEX");
        }
    }

    @Test
    void aRevokedAccountIsSignedOutFromItsNextRequestAndSigningOutEndsTheSession() throws Exception {
        DataDirectory data = publishedData();
        NewAccount analyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"));
        NewAccount secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty());
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE)) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", analyst.token());
            assertThat(browser.get("/en/sign-in").body()).contains("You are signed in: MEX analyst.");

            HttpResponse<String> revoked = WriteSideSupport.send(
                    server,
                    WriteSideSupport.post(
                            "/api/v1/accounts/" + analyst.account().accountId() + "/revoke", secretariat.token()));
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertThat(browser.get("/en/sign-in").body())
                    .as("the revoked account's session is over: the form again")
                    .contains("Your account's token");

            PageClient other = new PageClient(server);
            other.signIn("es", secretariat.token());
            other.get("/es/sign-in");
            HttpResponse<String> signedOut = other.post("/es/sign-out", Map.of());
            assertThat(signedOut.statusCode()).isEqualTo(303);
            assertThat(signedOut.headers().firstValue("Location")).contains("/es/");
            assertThat(other.cookie("observatory_session")).isNull();
            assertThat(other.get("/es/sign-in").body()).contains("El token de su cuenta");
        }
    }
}
