package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.SubmissionRecord;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * {@code GET /api/v1/submissions/{id}/fix-list} on a real server with the real ingest service: an analyst's rejected
 * file comes back with its own lines where they were and one added column naming what is wrong on each line.
 */
class FixListTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String HEADER =
            "Iso3_code;Country;Region;Subregion;Indicator;Dimension;Category;Sex;Age;Year;Unit of measurement;VALUE;Source";
    private static final String ROW =
            "MEX;Mexico;Americas;Latin America and the Caribbean;Victims of intentional homicide;Total;Total;Total;Total;%s;Counts;%s;%s";

    @TempDir
    static Path temporary;

    private static DataDirectory data;
    private static IngestIntake intake;
    private static ApiServer server;
    private static WriteApi api;
    private static String mexAnalyst;
    private static String colAnalyst;
    private static String secretariat;

    @BeforeAll
    static void start() throws Exception {
        Path root = temporary.resolve("data");
        secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "COL");
        data = new DataDirectory(root);
        intake = new IngestIntake(data, new IngestService(data, CODELISTS));
        server = ApiServer.start(
                ApiConfig.of(data, CODELISTS).withSubmissions(SubmissionsConfig.NONE.withIntake(intake)),
                "127.0.0.1",
                0);
        api = new WriteApi(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path file(String name, String text, Charset charset) throws Exception {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, charset);
        return file;
    }

    @Test
    void theFixListKeepsTheAnalystsLinesAndNamesWhatIsWrongOnEach() throws Exception {
        String text = String.join(
                "\r\n",
                HEADER,
                ROW.formatted("2020", "36579", "CTS"),
                ROW.formatted("20x1", "35700", "CTS"),
                ROW.formatted("2022", "=1+2", "\"Secretaría; two\nlines\""),
                ROW.formatted("2019", "34000", "CTS"),
                "");
        Path broken = file("méx replies.csv", text, Charset.forName("windows-1252"));
        HttpResponse<String> rejected = api.submit(mexAnalyst, broken, "source", "cts");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
        String id = json(rejected).get("submissionId").asText();

        HttpResponse<byte[]> fixList = api.getBytes("/api/v1/submissions/" + id + "/fix-list", mexAnalyst);

        assertThat(fixList.statusCode())
                .as(new String(fixList.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(fixList.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/csv; charset=utf-8");
        assertThat(fixList.headers().firstValue("Content-Disposition").orElseThrow())
                .as("an ASCII name for old clients, the analyst's own name in UTF-8 (RFC 6266, RFC 5987)")
                .isEqualTo(
                        "attachment; filename=\"m_x replies-fix-list.csv\"; filename*=UTF-8''m%C3%A9x%20replies-fix-list.csv");
        String body = new String(fixList.body(), StandardCharsets.UTF_8);
        // line 4's quoted Source spans lines 4 and 5: its cell goes at the end of line 5; the analyst's own '=1+2'
        // stays as it was (they correct this file and upload it again)
        assertThat(body)
                .isEqualTo("\uFEFF"
                        + String.join(
                                "\r\n",
                                HEADER + ";observatory_issue",
                                ROW.formatted("2020", "36579", "CTS") + ";",
                                ROW.formatted("20x1", "35700", "CTS")
                                        + ";\"Line 3, column 'Year': '20x1' is not a year; write a four-digit year such"
                                        + " as 2023\"",
                                ROW.formatted("2022", "=1+2", "\"Secretaría; two\nlines\"")
                                        + ";\"Line 4, column 'VALUE': '=1+2' is not a number with decimal separator ',';"
                                        + " write digits only, e.g. 1234,5\"",
                                ROW.formatted("2019", "34000", "CTS") + ";",
                                ""));
        assertThat(fixList.headers().firstValue("Observatory-Issues-Listed")).contains("2 of 2");
    }

    /** A MEX file of 120 rows, each with a VALUE that is not a number, and every third with a Year that is not one. */
    private static Path fileOfManyBadLines(String name) throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int row = 1; row <= 120; row++) {
            text.append(ROW.formatted(row % 3 == 0 ? "20x" + row : "2020", "bad" + row, "CTS " + row))
                    .append('\n');
        }
        return file(name, text.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void theFixListMarksEveryBadLineEvenPastTheReportsCapOfFiftyPerCode() throws Exception {
        HttpResponse<String> rejected = api.submit(mexAnalyst, fileOfManyBadLines("mex-many.csv"), "source", "cts");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
        String id = json(rejected).get("submissionId").asText();
        String storedReport = json(api.get("/api/v1/submissions/" + id, mexAnalyst))
                .get("report")
                .toString();

        HttpResponse<byte[]> fixList = api.getBytes("/api/v1/submissions/" + id + "/fix-list", mexAnalyst);

        assertThat(fixList.statusCode()).isEqualTo(200);
        List<String> lines =
                new String(fixList.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(121);
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + HEADER + ";observatory_issue");
        for (int row = 1; row <= 120; row++) {
            int line = row + 1;
            String value =
                    "Line %d, column 'VALUE': 'bad%d' is not a number with decimal separator ',';".formatted(line, row);
            String year = "Line %d, column 'Year': '20x%d' is not a year".formatted(line, row);
            assertThat(lines.get(row))
                    .as("line %d", line)
                    .startsWith(ROW.formatted(row % 3 == 0 ? "20x" + row : "2020", "bad" + row, "CTS " + row) + ";\"");
            assertThat(lines.get(row)).as("line %d", line).contains(value);
            if (row % 3 == 0) {
                assertThat(lines.get(row)).as("line %d", line).contains(year).contains(" | ");
            } else {
                assertThat(lines.get(row)).as("line %d", line).doesNotContain("'Year'");
            }
        }
        assertThat(fixList.headers().firstValue("Observatory-Issues-Listed")).contains("160 of 160");
        // the stored report is as it was: the first 50 VALUE_NOT_A_NUMBER of 120 listed
        String after = json(api.get("/api/v1/submissions/" + id, mexAnalyst))
                .get("report")
                .toString();
        assertThat(after).isEqualTo(storedReport);
        JsonNode report = json(api.get("/api/v1/submissions/" + id, mexAnalyst)).get("report");
        assertThat(report.get("issueCounts").get("VALUE_NOT_A_NUMBER").asLong()).isEqualTo(120);
        long listedValues = 0;
        for (JsonNode issue : report.get("issues")) {
            listedValues += issue.get("code").asText().equals("VALUE_NOT_A_NUMBER") ? 1 : 0;
        }
        assertThat(listedValues).isEqualTo(50);
        // nothing was staged by validating the file again, and its scratch directory is gone
        try (Stream<Path> staged = Files.list(data.staging())) {
            assertThat(staged.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".work-"));
        }
        assertThat(data.staging(id)).doesNotExist();
    }

    @Test
    void validatingALandedFileAgainListsTheFirstIssuesFoundWhenItHasMoreThanTheBound() throws Exception {
        HttpResponse<String> rejected = api.submit(mexAnalyst, fileOfManyBadLines("mex-many-2.csv"), "source", "cts");
        String id = json(rejected).get("submissionId").asText();
        JsonNode view = json(api.get("/api/v1/submissions/" + id, mexAnalyst));
        SubmissionRecord submission = new SubmissionRecord(
                id,
                view.get("status").asText(),
                view.get("sourceKind").asText(),
                view.get("country").asText(),
                null,
                view.get("fileName").asText(),
                view.get("sha256").asText(),
                List.of(),
                view.get("submittedBy").asText(),
                view.get("submittedAt").asText(),
                view.get("report").toString());
        Path landed;
        try (Stream<Path> files = Files.list(data.landing())) {
            landed = files.filter(path -> path.getFileName().toString().equals(submission.sha256() + ".csv"))
                    .findFirst()
                    .orElseThrow();
        }

        SubmissionIntake.AllIssues all =
                intake.allIssues(submission, landed, 100).orElseThrow();

        assertThat(all.complete()).isFalse();
        assertThat(all.counted()).isEqualTo(160);
        assertThat(all.lines()).hasSize(100);
        List<Long> lines = new ArrayList<>();
        all.lines().forEach(issue -> lines.add(issue.line()));
        assertThat(lines).isSorted();
        SubmissionIntake.LineIssue first = all.lines().get(0);
        assertThat(List.of(first.line(), first.column(), first.value())).containsExactly(2L, "VALUE", "bad1");
        assertThat(first.message().english())
                .isEqualTo("Line 2, column 'VALUE': 'bad1' is not a number with decimal separator ','; write digits"
                        + " only, e.g. 1234,5");
        assertThat(first.message().in(Locale.forLanguageTag("pt-BR"))).startsWith("Linha 2, coluna \"VALUE\"");
    }

    @Test
    void theFixListIsServedLikeTheRawFileOnlyToItsCountrysAnalystsAndTheSecretariat() throws Exception {
        Path broken =
                file("mex-2.csv", HEADER + "\n" + ROW.formatted("2020", "many", "CTS") + "\n", StandardCharsets.UTF_8);
        HttpResponse<String> rejected = api.submit(mexAnalyst, broken, "source", "cts");
        String id = json(rejected).get("submissionId").asText();

        HttpResponse<String> byCol = api.get("/api/v1/submissions/" + id + "/fix-list", colAnalyst);
        HttpResponse<String> bySecretariat = api.get("/api/v1/submissions/" + id + "/fix-list", secretariat);
        HttpResponse<String> anonymous = api.get("/api/v1/submissions/" + id + "/fix-list", null);

        assertThat(byCol.statusCode()).isEqualTo(403);
        assertThat(json(byCol).get("detail").asText())
                .isEqualTo("a COL analyst cannot download the fix list of submission %s: raw files are served only to"
                                .formatted(id)
                        + " their country's analysts and the secretariat, and this file is MEX's");
        assertThat(bySecretariat.statusCode()).isEqualTo(200);
        assertThat(bySecretariat.body())
                .endsWith(";CTS;\"Line 2, column 'VALUE': 'many' is not a number with"
                        + " decimal separator ','; write digits only, e.g. 1234,5\"\n");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aFileThatWasNotReadAsDelimitedTextHasNoFixListButA409SayingWhy() throws Exception {
        Path workbook =
                file("replies.xlsx", "PK\u0003\u0004 not text at all \u0000\u0001", StandardCharsets.ISO_8859_1);
        HttpResponse<String> rejected = api.submit(mexAnalyst, workbook, "source", "cts");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
        String id = json(rejected).get("submissionId").asText();

        HttpResponse<String> fixList = api.get("/api/v1/submissions/" + id + "/fix-list", mexAnalyst);

        assertThat(fixList.statusCode()).isEqualTo(409);
        assertThat(json(fixList).get("detail").asText())
                .isEqualTo(("Submission %s has no fix list: its file 'replies.xlsx' was not read as delimited text"
                                + " (CSV), so its issues have no lines; the submission's report (GET"
                                + " /api/v1/submissions/%s) says what is wrong with the file as a whole. Export the"
                                + " data as CSV and upload it again")
                        .formatted(id, id));
    }
}
