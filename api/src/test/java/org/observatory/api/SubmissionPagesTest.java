package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Decision;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.CrashLeftovers;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The analyst's pages on a real server over a real registry (approval policy {@code required}): the upload form,
 * the receipt and the list show what the API answers the same visitor, through the same submission service; forms
 * without their CSRF token do nothing; another country's submissions are not shown; every page is no-store. An upload
 * through the real ingest service is walked in the app module ({@code AnalystPagesTest}); here, no upload may reach
 * the ingest service.
 */
@Timeout(120)
class SubmissionPagesTest {
    /** A rejected MEX file as the ingest reports it: two codes, one of them capped at its first two issues. */
    private static final String REJECTED_REPORT =
            """
            {"status": "rejected", "encoding": "windows-1252", "delimiter": ";", "decimalSeparator": ",",
             "preambleLines": 2, "rowsRead": 1250, "rowsAccepted": 0, "rowsSkipped": {"total-row": 3},
             "rowsInvalid": 1247, "errors": 1248, "warnings": 0,
             "issueCounts": {"YEAR_OUT_OF_RANGE": 1, "VALUE_NOT_A_NUMBER": 1247},
             "issues": [
               {"severity": "error", "code": "VALUE_NOT_A_NUMBER", "line": 4, "column": "VALUE", "value": "=1+2",
                "message": "Line 4, column 'VALUE': '=1+2' is not a number; write digits only", "country": "MEX"},
               {"severity": "error", "code": "YEAR_OUT_OF_RANGE", "line": 3, "column": "Year", "value": "1850",
                "message": "Line 3, column 'Year': 1850 is before 1970; correct the year", "country": "MEX"},
               {"severity": "error", "code": "VALUE_NOT_A_NUMBER", "line": 5, "column": "VALUE", "value": "many",
                "message": "Line 5, column 'VALUE': 'many' is not a number; write digits only", "country": "MEX"}],
             "countries": [], "rowsOfOtherCountries": {}}
            """;

    /**
     * A rejected MEX file whose report stored its issues' message codes (a test family, {@code pagetest}, stands for
     * ingest's), but for one issue stored before messages had codes.
     */
    private static final String CODED_REPORT =
            """
            {"status": "rejected", "encoding": "UTF-8", "delimiter": ",", "decimalSeparator": ".",
             "preambleLines": 0, "rowsRead": 12345, "rowsAccepted": 0, "rowsSkipped": {}, "rowsInvalid": 2,
             "errors": 2, "warnings": 0, "issueCounts": {"VALUE_NOT_A_NUMBER": 2},
             "issues": [
               {"severity": "error", "code": "VALUE_NOT_A_NUMBER", "line": 4, "column": "VALUE", "value": "=1+2",
                "message": "Line 4, column 'VALUE': '=1+2' is not a number; write digits only", "country": "MEX",
                "messageCode": "pagetest.value-not-a-number",
                "arguments": {"line": "4", "column": "VALUE", "value": "=1+2"}},
               {"severity": "error", "code": "VALUE_NOT_A_NUMBER", "line": 5, "column": "VALUE", "value": "many",
                "message": "Line 5, column 'VALUE': 'many' is not a number; write digits only", "country": "MEX"}],
             "countries": [], "rowsOfOtherCountries": {}}
            """;

    private static final String ACCEPTED_REPORT =
            """
            {"status": "accepted", "encoding": "UTF-8", "delimiter": ",", "decimalSeparator": ".",
             "preambleLines": 0, "rowsRead": 2, "rowsAccepted": 2, "rowsSkipped": {}, "rowsInvalid": 0,
             "errors": 0, "warnings": 0, "issueCounts": {}, "issues": [], "countries": ["%s"],
             "rowsOfOtherCountries": {}}
            """;

    private static final Pattern ROW_LINK = Pattern.compile("href=\"/en/submissions/(sub-[a-z0-9-]+)\"");

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;
    private String mexAnalyst;

    @BeforeEach
    void recordSubmissions() {
        data = WriteSideSupport.dataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("2026-03-01", false, Fixtures.realLooking());
        secretariat = WriteSideSupport.addAccount(data, Role.SECRETARIAT, Optional.empty())
                .token();
        mexAnalyst = WriteSideSupport.addAccount(data, Role.ANALYST, Optional.of("MEX"))
                .token();
        try (Registry registry = Registry.open(data)) {
            record(registry, "sub-mex-rejected", "rejected", "MEX", List.of(), "2026-01-04T10:00:00Z", REJECTED_REPORT);
            record(
                    registry,
                    "sub-mex-accepted",
                    "accepted",
                    "MEX",
                    List.of("MEX"),
                    "2026-01-05T10:00:00Z",
                    ACCEPTED_REPORT.formatted("MEX"));
            record(
                    registry,
                    "sub-col",
                    "accepted",
                    "COL",
                    List.of("COL"),
                    "2026-01-06T10:00:00Z",
                    ACCEPTED_REPORT.formatted("COL"));
        }
    }

    private static void record(
            Registry registry,
            String id,
            String status,
            String country,
            List<String> countries,
            String at,
            String report) {
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
                        report),
                "test");
    }

    private ApiServer start() {
        return WriteSideSupport.start(
                data,
                SubmissionsConfig.NONE
                        .withIntake(WriteSideSupport.NO_INGEST)
                        .withApprovalPolicy(ApprovalPolicy.REQUIRED));
    }

    @Test
    void theReceiptOfARejectedFileSaysRejectedAndGroupsItsIssuesByCodeWithTheCapStated() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", mexAnalyst);

            HttpResponse<String> receipt = browser.get("/en/submissions/sub-mex-rejected");

            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
            String page = receipt.body();
            assertThat(page)
                    .contains("Rejected: nothing of this file was staged.")
                    .doesNotContain("Accepted: ")
                    .doesNotContain("success")
                    .contains("<code>windows-1252</code>", "<code>;</code>", "<code>,</code>")
                    .contains("Preamble lines above the header</dt><dd>2</dd>")
                    .contains("<th scope=\"row\">Read</th><td class=\"number\">1,250</td>")
                    .contains("<th scope=\"row\">Skipped</th><td class=\"number\">3</td>")
                    .contains("Skipped: total-row")
                    .contains("1,248 errors and 0 warnings.");
            // errors by code: VALUE_NOT_A_NUMBER (1,247 counted, 2 listed: capped) before YEAR_OUT_OF_RANGE
            assertThat(page.indexOf("<code>VALUE_NOT_A_NUMBER</code>"))
                    .isPositive()
                    .isLessThan(page.indexOf("<code>YEAR_OUT_OF_RANGE</code>"));
            assertThat(page)
                    .contains("1,247 errors")
                    .contains("1 error</h3>")
                    .contains("The first 2 of 1,247 are listed")
                    .contains("<td class=\"number\" data-label=\"Line\">4</td>")
                    .contains("<code>VALUE</code>")
                    .contains("<code class=\"value\">=1+2</code>")
                    .contains("Line 3, column 'Year': 1850 is before 1970; correct the year");
            assertThat(page).doesNotContain("The first 1 of 1");
            // an English page: the messages need no lang of their own
            assertThat(page).doesNotContain("lang=\"en\">Line");
            assertThat(page)
                    .contains("href=\"/en/submissions/sub-mex-rejected/fix-list\"")
                    .contains("href=\"/submissions/sub-mex-rejected/file\"")
                    .doesNotContain("/approve");
            assertThat(receipt.headers().firstValue("Cache-Control")).contains("no-store");

            // the same data as the API answers the same analyst
            JsonNode api = WriteSideSupport.json(WriteSideSupport.send(
                    server, WriteSideSupport.get("/api/v1/submissions/sub-mex-rejected", mexAnalyst)));
            assertThat(api.get("status").asText()).isEqualTo("rejected");
            assertThat(api.at("/report/issueCounts/VALUE_NOT_A_NUMBER").asLong())
                    .isEqualTo(1247);
        }
    }

    @Test
    void receiptCountsTakeTheSingularOrPluralOfThePageLanguageNeverErrorParenthesisS() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("fr", mexAnalyst);
            String french = browser.get("/fr/submissions/sub-mex-rejected").body();
            assertThat(french)
                    .as("French: 0 and 1 take the singular")
                    .contains("1\u00a0248 erreurs et 0 avertissement.")
                    .contains("1\u00a0247 erreurs</h3>")
                    .contains("1 erreur</h3>")
                    .doesNotContain("(s)");
            String portuguese = browser.get("/pt/submissions/sub-mex-rejected").body();
            assertThat(portuguese)
                    .contains("1.248 erros e 0 avisos.")
                    .contains("1 erro</h3>")
                    .doesNotContain("(s)");
            String spanish = browser.get("/es/submissions/sub-mex-rejected").body();
            assertThat(spanish)
                    .as("Spanish: only 1 takes the singular")
                    .contains("1,248 errores y 0 advertencias.")
                    .contains("1 error</h3>")
                    .doesNotContain("(s)", "(es)");
            assertThat(browser.get("/fr/submit").body())
                    .as("a label before its value takes the French colon")
                    .contains("<strong>Pays\u00a0:</strong>");
            assertThat(browser.get("/en/submit").body()).contains("<strong>Country:</strong>");
        }
    }

    @Test
    void onASpanishPageTheEnglishIssueMessagesAreMarkedEnglishAndNumbersAreEs419() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("es", mexAnalyst);

            HttpResponse<String> receipt = browser.get("/es/submissions/sub-mex-rejected");

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.headers().firstValue("Content-Language")).contains("es-419");
            assertThat(receipt.body())
                    .contains("Rechazado: no se incorporó nada de este archivo.")
                    .contains("<td lang=\"en\" class=\"message\">Line 4, column 'VALUE': '=1+2' is not a number")
                    .contains("Se listan los primeros 2 de 1,247")
                    .contains(
                            "Algunas descripciones solo están en inglés: el informe se guardó antes de que se tradujeran.");
        }
    }

    @Test
    void aReceiptShowsCodedIssuesInThePageLanguageAndOldUncodedOnesInEnglish() throws Exception {
        try (Registry registry = Registry.open(data)) {
            record(registry, "sub-mex-coded", "rejected", "MEX", List.of(), "2026-01-03T10:00:00Z", CODED_REPORT);
        }
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("pt", mexAnalyst);

            HttpResponse<String> portuguese = browser.get("/pt/submissions/sub-mex-coded");
            assertThat(portuguese.headers().firstValue("Content-Language")).contains("pt-BR");
            assertThat(portuguese.body())
                    .contains("<html lang=\"pt-BR\">")
                    .contains("Rejeitado: nada deste arquivo foi preparado para publicação.")
                    .contains("<td class=\"message\">Linha 4, coluna “VALUE”: “=1+2” não é um número; escreva apenas"
                            + " dígitos</td>")
                    .contains("<td lang=\"en\" class=\"message\">Line 5, column 'VALUE': 'many' is not")
                    .contains("Algumas descrições estão apenas em inglês")
                    .as("pt-BR groups the rows read with a dot")
                    .contains("<th scope=\"row\">Lidas</th><td class=\"number\">12.345</td>");

            HttpResponse<String> french = browser.get("/fr/submissions/sub-mex-coded");
            assertThat(french.headers().firstValue("Content-Language")).contains("fr-CA");
            assertThat(french.body())
                    .contains("<td class=\"message\">Ligne 4, colonne «\u00a0VALUE\u00a0»\u00a0: «\u00a0=1+2\u00a0»"
                            + " n’est pas un nombre\u00a0; écrivez seulement des chiffres</td>")
                    .contains("<td lang=\"en\" class=\"message\">Line 5,")
                    .as("fr-CA groups the rows read with a no-break space")
                    .contains("<th scope=\"row\">Lues</th><td class=\"number\">12\u00a0345</td>");

            HttpResponse<String> english = browser.get("/en/submissions/sub-mex-coded");
            assertThat(english.body())
                    .contains("<td class=\"message\">Line 4, column 'VALUE': '=1+2' is not a number")
                    .doesNotContain("lang=\"en\" class=\"message\"")
                    .doesNotContain("Some descriptions are in English only");
        }
    }

    @Test
    void theUploadFormSaysWhatToCorrectInThePageLanguage() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("fr", mexAnalyst);
            HttpResponse<String> form = browser.get("/fr/submit");
            assertThat(form.body()).contains("<html lang=\"fr-CA\">").contains("Transmettre un fichier");
            HttpResponse<String> refused =
                    browser.postMultipart("/fr/submit", Map.of("source", "", "cycle", "1850"), "", new byte[0]);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body())
                    .contains("Le fichier n’a pas été téléversé.")
                    .contains("Choisissez le fichier à téléverser.")
                    .contains("Choisissez le type de fichier.")
                    .contains("Le cycle de l’enquête doit être une année de 1970 à 2100, et non «\u00a01850\u00a0»");
        }
    }

    @Test
    void anAnalystApprovesTheirPartFromTheReceiptAndTheReceiptShowsItsNewState() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", mexAnalyst);
            HttpResponse<String> before = browser.get("/en/submissions/sub-mex-accepted");
            assertThat(before.body())
                    .contains("Accepted: the file passed its checks and was staged.")
                    .contains("state-pending-approval\">pending approval")
                    .contains("action=\"/en/submissions/sub-mex-accepted/approve\"")
                    .contains("Approve MEX's part");

            HttpResponse<String> forged = browser.post(
                    "/en/submissions/sub-mex-accepted/approve", Map.of("country", "MEX", "csrf", "forged"));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("The form's security token is missing or out of date");
            assertThat(browser.get("/en/submissions/sub-mex-accepted").body())
                    .as("a refused form changes nothing")
                    .contains("state-pending-approval");

            HttpResponse<String> approved =
                    browser.post("/en/submissions/sub-mex-accepted/approve", Map.of("country", "MEX"));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
            assertThat(approved.headers().firstValue("Location")).contains("/en/submissions/sub-mex-accepted");

            HttpResponse<String> after = browser.get("/en/submissions/sub-mex-accepted");
            assertThat(after.body())
                    .contains("state-approved\">approved, not yet published")
                    .contains("Withdraw MEX's part")
                    .doesNotContain("Approve MEX");
            JsonNode api = WriteSideSupport.json(WriteSideSupport.send(
                    server, WriteSideSupport.get("/api/v1/submissions/sub-mex-accepted", mexAnalyst)));
            assertThat(api.at("/parts/0/decision").asText()).isEqualTo("approved");

            HttpResponse<String> withdrawn =
                    browser.post("/en/submissions/sub-mex-accepted/withdraw", Map.of("country", "MEX"));
            assertThat(withdrawn.statusCode()).isEqualTo(303);
            assertThat(browser.get("/en/submissions/sub-mex-accepted").body())
                    .contains("state-withdrawn\">withdrawn")
                    .contains("Approve MEX's part");
        }
    }

    @Test
    void anotherCountrysSubmissionIsNotVisibleToAnAnalyst() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", mexAnalyst);

            HttpResponse<String> receipt = browser.get("/en/submissions/sub-col");
            HttpResponse<String> file = browser.get("/submissions/sub-col/file");
            HttpResponse<String> list = browser.get("/en/submissions");
            HttpResponse<String> listOfCol = browser.get("/en/submissions?country=COL");
            HttpResponse<String> approveCol = browser.post("/en/submissions/sub-col/approve", Map.of("country", "COL"));

            assertThat(receipt.statusCode()).isEqualTo(403);
            assertThat(receipt.body())
                    .contains("a MEX analyst cannot read submission sub-col: it concerns COL, not MEX");
            assertThat(file.statusCode()).isEqualTo(403);
            assertThat(file.body()).contains("a MEX analyst cannot download the raw file of submission sub-col");
            assertThat(list.body()).doesNotContain("sub-col").contains("sub-mex-accepted");
            assertThat(listOfCol.statusCode()).isEqualTo(403);
            assertThat(listOfCol.body()).contains("a MEX analyst cannot list COL's submissions");
            assertThat(approveCol.statusCode()).isEqualTo(403);
            assertThat(approveCol.body()).contains("only COL's own analysts can (country sovereignty)");
        }
    }

    @Test
    void theListShowsWhatTheApiGivesNewestFirstAndPagesByCursor() throws Exception {
        try (Registry registry = Registry.open(data)) {
            for (int day = 10; day < 40; day++) { // 30 more MEX files: the list shows 25 at a time
                String id = "sub-mex-%02d".formatted(day);
                record(
                        registry,
                        id,
                        "accepted",
                        "MEX",
                        List.of("MEX"),
                        "2026-02-%02dT10:00:00Z".formatted(day - 9),
                        ACCEPTED_REPORT.formatted("MEX"));
            }
            registry.decide("sub-mex-39", "MEX", Decision.APPROVED, "test");
        }
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", mexAnalyst);

            HttpResponse<String> first = browser.get("/en/submissions");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
            List<String> shown = new ArrayList<>(rowIds(first.body()));
            Matcher older = Pattern.compile("href=\"(/en/submissions\\?cursor=[^\"]+)\" rel=\"next\"")
                    .matcher(first.body());
            assertThat(older.find()).isTrue();
            HttpResponse<String> second = browser.get(older.group(1).replace("&amp;", "&"));
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).contains("Newest submissions").doesNotContain("rel=\"next\"");
            shown.addAll(rowIds(second.body()));

            JsonNode api = WriteSideSupport.json(
                    WriteSideSupport.send(server, WriteSideSupport.get("/api/v1/submissions?limit=200", mexAnalyst)));
            assertThat(shown).hasSize(25 + 7).isEqualTo(api.get("items").findValuesAsText("submissionId"));
            assertThat(shown.get(0)).isEqualTo("sub-mex-39");
            assertThat(first.body())
                    .contains("<span class=\"state state-approved\">approved, not yet published</span>: MEX")
                    .contains("<span class=\"state state-pending-approval\">pending approval</span>: MEX");
            assertThat(second.body()).contains("<span class=\"state state-rejected\">rejected</span>");

            HttpResponse<String> rejectedOnly = browser.get("/en/submissions?status=rejected");
            assertThat(rowIds(rejectedOnly.body())).containsExactly("sub-mex-rejected");
        }
    }

    @Test
    void theSecretariatSeesEverySubmissionFiltersByCountryAndHasNoDecisionButtons() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", secretariat);

            HttpResponse<String> all = browser.get("/en/submissions");
            HttpResponse<String> col = browser.get("/en/submissions?country=COL");
            HttpResponse<String> receipt = browser.get("/en/submissions/sub-mex-accepted");
            HttpResponse<String> form = browser.get("/en/submit");

            assertThat(rowIds(all.body())).containsExactly("sub-col", "sub-mex-accepted", "sub-mex-rejected");
            assertThat(rowIds(col.body())).containsExactly("sub-col");
            assertThat(col.body()).contains("<option value=\"COL\" selected>");
            assertThat(receipt.body())
                    .contains("Only MEX's own analysts approve or withdraw MEX's part.")
                    .doesNotContain("/approve\"");
            assertThat(form.body())
                    .contains("<select id=\"country\" name=\"country\"")
                    .contains("<option value=\"MEX\">MEX — Mexico</option>");
        }
    }

    @Test
    void anUploadWithoutItsCsrfTokenIsRefusedAndStagesNothing() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("en", mexAnalyst);
            HttpResponse<String> form = browser.get("/en/submit");
            assertThat(form.body())
                    .contains("enctype=\"multipart/form-data\"")
                    .contains("name=\"csrf\"")
                    .contains("Your files are MEX's: Mexico.")
                    .doesNotContain("<select id=\"country\"");

            HttpResponse<String> refused = browser.postMultipartAsIs(
                    "/en/submit",
                    Map.of("source", "cts", "cycle", "2023"),
                    "replies.csv",
                    "Iso3_code,Year\nMEX,2023\n".getBytes(StandardCharsets.UTF_8));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("The form's security token is missing or out of date");
        }
        // NO_INGEST fails the request had anything reached the ingest service; nothing was recorded or left
        try (Registry registry = Registry.open(data)) {
            assertThat(registry.submissionsNewestFirst()).hasSize(3);
        }
        try (Stream<Path> uploads = Files.list(CrashLeftovers.uploads(data))) {
            assertThat(uploads).isEmpty();
        }
    }

    @Test
    void aFormWithoutAFileOrWithAWrongCycleComesBackWithWhatToCorrect() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            browser.signIn("es", mexAnalyst);
            browser.get("/es/submit");

            HttpResponse<String> wrong =
                    browser.postMultipart("/es/submit", Map.of("source", "", "cycle", "1850"), "", new byte[0]);

            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(wrong.body())
                    .contains("El archivo no se subió.")
                    .contains("Elija el archivo que va a subir.")
                    .contains("Elija el tipo de archivo.")
                    .contains("El ciclo de la encuesta debe ser un año de 1970 a 2100, no '1850'")
                    .contains("value=\"1850\"");
        }
    }

    @Test
    void theAnalystPagesAskToSignInFirstAndAreNeverStored() throws Exception {
        try (ApiServer server = start()) {
            PageClient browser = new PageClient(server);
            for (String path : List.of(
                    "/submit",
                    "/es/submit",
                    "/en/submissions",
                    "/submissions/sub-mex-rejected",
                    "/submissions/sub-mex-rejected/fix-list")) {
                HttpResponse<String> anonymous = browser.get(path);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(303);
                assertThat(anonymous.headers().firstValue("Location").orElseThrow())
                        .as(path)
                        .contains("/sign-in?next=");
                assertThat(anonymous.headers().firstValue("Cache-Control"))
                        .as(path)
                        .contains("no-store");
            }
            HttpResponse<String> anonymousUpload =
                    browser.postMultipartAsIs("/en/submit", Map.of("source", "cts"), "x.csv", new byte[] {'x'});
            assertThat(anonymousUpload.statusCode()).isEqualTo(403);

            browser.signIn("en", mexAnalyst);
            for (String path : List.of(
                    "/submit", "/en/submit", "/submissions", "/es/submissions", "/en/submissions/sub-mex-accepted")) {
                HttpResponse<String> page = browser.get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
                assertThat(page.headers().firstValue("Content-Security-Policy"))
                        .as(path)
                        .isPresent();
            }
        }
    }

    private static List<String> rowIds(String page) {
        List<String> ids = new ArrayList<>();
        Matcher link = ROW_LINK.matcher(page);
        while (link.find()) {
            ids.add(link.group(1));
        }
        return ids;
    }
}
