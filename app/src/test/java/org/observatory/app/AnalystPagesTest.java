package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The analyst's pages with the real ingest service, as a person uses them (approval policy {@code required}): sign
 * in with the token, upload a broken file from the form, read the receipt (rejected, the issues with line and column
 * grouped by code), download the fix list (the file's own lines, one added column), upload the corrected file
 * (accepted, pending approval) and approve it (approved).
 */
@Timeout(180)
class AnalystPagesTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String HEADER =
            "Iso3_code;Country;Region;Subregion;Indicator;Dimension;Category;Sex;Age;Year;Unit of measurement;VALUE;Source";
    private static final String ROW =
            "MEX;Mexico;Americas;Latin America and the Caribbean;Victims of intentional homicide;Total;Total;Total;Total;%s;Counts;%s;CTS";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path temporary;

    @Test
    void anAnalystUploadsABrokenFileReadsItsIssuesDownloadsTheFixListThenUploadsTheCorrectedFileAndApprovesIt()
            throws Exception {
        Path root = temporary.resolve("data");
        String mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        DataDirectory data = new DataDirectory(root);
        try (ApiServer server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(SubmissionsConfig.NONE
                                .withIntake(new IngestIntake(data, new IngestService(data, CODELISTS)))
                                .withApprovalPolicy(ApprovalPolicy.REQUIRED)),
                "127.0.0.1",
                0)) {
            Browser browser = new Browser(server);
            browser.get("/en/sign-in");
            assertThat(browser.post("/en/sign-in", Map.of("token", mexAnalyst)).statusCode())
                    .isEqualTo(303);

            // a broken file, as a national system exports it: Windows-1252, ';', a bad year and a bad value
            String broken = String.join(
                    "\r\n",
                    HEADER,
                    ROW.formatted("2020", "36579"),
                    ROW.formatted("20x1", "35700"),
                    ROW.formatted("2022", "=1+2"),
                    ROW.formatted("2019", "34000"),
                    "");
            HttpResponse<String> form = browser.get("/en/submit");
            assertThat(form.body()).contains("enctype=\"multipart/form-data\"");
            HttpResponse<String> rejected = browser.upload(
                    "/en/submit", "mex-2024.csv", broken.getBytes(Charset.forName("windows-1252")), "cts", "2024");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(303);
            String rejectedReceipt = rejected.headers().firstValue("Location").orElseThrow();
            assertThat(rejectedReceipt).startsWith("/en/submissions/sub-");

            HttpResponse<String> receipt = browser.get(rejectedReceipt);
            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(receipt.body())
                    .contains("Rejected: nothing of this file was staged.")
                    .contains("Encoding</dt><dd><code>UTF-8</code>") // every byte is ASCII
                    .contains("Delimiter</dt>\n      <dd><code>;</code>")
                    .contains("<th scope=\"row\">Read</th><td class=\"number\">4</td>")
                    .contains("<th scope=\"row\">Accepted</th><td class=\"number\">0</td>")
                    .contains("<code>VALUE_NOT_A_NUMBER</code>")
                    .contains("<td class=\"number\" data-label=\"Line\">3</td>")
                    .contains("<code>Year</code>")
                    .contains("<code class=\"value\">20x1</code>")
                    .contains("<td class=\"number\" data-label=\"Line\">4</td>")
                    .contains("<code class=\"value\">=1+2</code>")
                    .contains("Line 3, column 'Year': '20x1' is not a year; write a four-digit year such as 2023");
            String id = rejectedReceipt.substring(rejectedReceipt.lastIndexOf('/') + 1);

            assertThat(receipt.body())
                    .as("the receipt links to the fix list in its own language")
                    .contains("href=\"/en/submissions/" + id + "/fix-list\"");
            HttpResponse<byte[]> fixList = browser.download("/en/submissions/" + id + "/fix-list");
            assertThat(fixList.statusCode()).isEqualTo(200);
            assertThat(fixList.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(fixList.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
            String[] lines = new String(fixList.body(), StandardCharsets.UTF_8).split("\r\n");
            assertThat(lines[0]).isEqualTo("\uFEFF" + HEADER + ";observatory_issue");
            assertThat(lines[1]).isEqualTo(ROW.formatted("2020", "36579") + ";");
            assertThat(lines[2])
                    .as("line 3 is the file's line 3, with one added column")
                    .startsWith(ROW.formatted("20x1", "35700") + ";\"Line 3, column 'Year'");
            assertThat(lines[3]).startsWith(ROW.formatted("2022", "=1+2") + ";\"Line 4, column 'VALUE'");
            String spanish = new String(
                    browser.download("/es/submissions/" + id + "/fix-list").body(), StandardCharsets.UTF_8);
            assertThat(spanish.split("\r\n")[2])
                    .as("the same fix list from the Spanish receipt")
                    .startsWith(ROW.formatted("20x1", "35700") + ";\"Línea 3, columna «Year»");
            HttpResponse<byte[]> raw = browser.download("/submissions/" + id + "/file");
            assertThat(raw.body()).isEqualTo(broken.getBytes(Charset.forName("windows-1252")));

            // the corrected file
            String corrected = String.join(
                    "\r\n",
                    HEADER,
                    ROW.formatted("2020", "36579"),
                    ROW.formatted("2021", "35700"),
                    ROW.formatted("2022", "34100"),
                    ROW.formatted("2019", "34000"),
                    "");
            browser.get("/en/submit");
            HttpResponse<String> accepted = browser.upload(
                    "/en/submit", "mex-2024.csv", corrected.getBytes(Charset.forName("windows-1252")), "cts", "2024");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);
            String acceptedReceipt = accepted.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> pending = browser.get(acceptedReceipt);
            assertThat(pending.body())
                    .contains("Accepted: the file passed its checks and was staged.")
                    .contains("<th scope=\"row\">Accepted</th><td class=\"number\">4</td>")
                    .contains("No problems were found.")
                    .contains("state-pending-approval\">pending approval")
                    .doesNotContain("Rejected");

            HttpResponse<String> approved = browser.post(acceptedReceipt + "/approve", Map.of("country", "MEX"));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
            assertThat(browser.get(acceptedReceipt).body()).contains("state-approved\">approved, not yet published");

            HttpResponse<String> list = browser.get("/en/submissions");
            assertThat(list.body().indexOf(acceptedReceipt))
                    .as("newest first")
                    .isPositive()
                    .isLessThan(list.body().indexOf(rejectedReceipt));
        }
    }

    /** A browser without a browser: it keeps cookies and sends each form with the last page's CSRF token. */
    private static final class Browser {
        private final ApiServer server;
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private String csrf = "";

        Browser(ApiServer server) {
            this.server = server;
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response =
                    http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return response;
        }

        HttpResponse<byte[]> download(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            Map<String, String> form = new LinkedHashMap<>(Map.of("csrf", csrf));
            form.putAll(fields);
            String body = form.entrySet().stream()
                    .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    request(path)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> upload(String path, String fileName, byte[] content, String source, String cycle)
                throws Exception {
            String boundary = "analyst-pages-test";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Map.Entry<String, String> field :
                    Map.of("csrf", csrf, "source", source, "cycle", cycle).entrySet()) {
                body.writeBytes("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                        .formatted(boundary, field.getKey(), field.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                            + "Content-Type: text/csv\r\n\r\n")
                    .formatted(boundary, fileName)
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n--%s--\r\n".formatted(boundary).getBytes(StandardCharsets.UTF_8));
            return http.send(
                    request(path)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(server.baseUri().toString().replaceAll("/$", "") + path))
                    .timeout(Duration.ofMinutes(2));
        }
    }
}
