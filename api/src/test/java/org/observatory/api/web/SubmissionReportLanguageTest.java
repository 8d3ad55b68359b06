package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Role;
import org.observatory.api.submission.IntakeResult;
import org.observatory.api.submission.ReportLanguage;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.api.submission.Upload;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A rejected upload's validation report through the API in the reader's language: the rejection problem and the
 * stored submission show each coded issue's message in the language of {@code Accept-Language}, with the same codes,
 * lines, columns and counts; an issue stored without a code keeps its English message.
 */
class SubmissionReportLanguageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A report as ingest writes it once its issues carry codes: one coded issue (a code of the api family, whose
     * bundle is on this module's classpath) and one stored before messages had codes.
     */
    private static final String REPORT =
            """
            {"errors": 2, "warnings": 0, "issues": [
              {"severity": "error", "code": "INVALID_PARAMETER", "line": 3, "column": "cycle",
               "message": "Form field 'cycle' must be a year such as 2022, not '20x2'",
               "messageCode": "api.cycle-not-a-year", "arguments": {"value": "20x2"}},
              {"severity": "error", "code": "VALUE_NOT_A_NUMBER", "line": 4, "column": "count",
               "message": "Column 'count' holds 'twelve', which is not a number"}]}
            """;

    @TempDir
    Path root;

    private DataDirectory data;
    private String mexAnalyst;

    @BeforeEach
    void accounts() {
        data = dataDirectory(root);
        mexAnalyst = addAccount(data, Role.ANALYST, Optional.of("MEX")).token();
    }

    /** An ingest service that rejects every upload with {@link #REPORT}. */
    private static SubmissionIntake rejecting() {
        return new SubmissionIntake() {
            @Override
            public IntakeResult ingest(Upload upload) throws java.io.IOException {
                return new IntakeResult(
                        "sub-rejected-1", false, false, List.of(), "0".repeat(64), JSON.readTree(REPORT));
            }

            @Override
            public List<SubmissionManifest> acceptedSubmissions() {
                return List.of();
            }
        };
    }

    private HttpResponse<String> upload(ApiServer server, String acceptLanguage) throws Exception {
        WriteRoutesTest.Multipart body = WriteRoutesTest.Multipart.of(
                "mex.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), "source", "national", "cycle", "2023");
        return send(
                server,
                request("/api/v1/submissions")
                        .header("Authorization", "Bearer " + mexAnalyst)
                        .header("Accept-Language", acceptLanguage)
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    @Test
    void theSameRejectedUploadGivesItsReportInEachLanguageWithTheSameCodesLinesAndColumns() throws Exception {
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE.withIntake(rejecting()))) {
            HttpResponse<String> french = upload(server, "fr-CA");
            assertThat(french.statusCode()).as(french.body()).isEqualTo(422);
            assertThat(french.headers().firstValue("Content-Language")).contains("fr-CA");
            JsonNode problem = json(french);
            assertThat(problem.get("code").asText()).isEqualTo("SUBMISSION_REJECTED");
            assertThat(problem.get("messageCode").asText()).isEqualTo("api.submission-rejected");
            assertThat(problem.get("title").asText()).isEqualTo("Transmission rejetée");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("Le fichier 'mex.csv' a été rejeté avec 2 erreur(s) et rien n’en a été préparé\u00a0; le"
                            + " rapport énumère chaque problème avec sa ligne, sa colonne et la façon de le corriger."
                            + " Corrigez le fichier et téléversez-le de nouveau");
            JsonNode frenchIssues = problem.get("report").get("issues");
            assertThat(frenchIssues.get(0).get("message").asText())
                    .isEqualTo("Le champ de formulaire 'cycle' doit être une année comme 2022, et non '20x2'");
            // an issue without a code keeps its English message
            assertThat(frenchIssues.get(1).get("message").asText())
                    .isEqualTo("Column 'count' holds 'twelve', which is not a number");

            String location = french.headers().firstValue("Location").orElseThrow();
            for (String language : List.of("es", "en", "pt", "fr")) {
                HttpResponse<String> stored = send(
                        server,
                        request(location)
                                .header("Authorization", "Bearer " + mexAnalyst)
                                .header("Accept-Language", language)
                                .GET());
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                JsonNode report = json(stored).get("report");
                JsonNode expected = ReportLanguage.localised(JSON.readTree(REPORT), Locale.forLanguageTag(language));
                assertThat(report).isEqualTo(expected);
                JsonNode issue = report.get("issues").get(0);
                // the same codes, line, column and arguments in every language
                assertThat(issue.get("code").asText()).isEqualTo("INVALID_PARAMETER");
                assertThat(issue.get("messageCode").asText()).isEqualTo("api.cycle-not-a-year");
                assertThat(issue.get("line").asInt()).isEqualTo(3);
                assertThat(issue.get("column").asText()).isEqualTo("cycle");
                assertThat(issue.get("arguments").get("value").asText()).isEqualTo("20x2");
                assertThat(report.get("errors").asInt()).isEqualTo(2);
            }
            JsonNode spanish = json(send(
                            server,
                            request(location)
                                    .header("Authorization", "Bearer " + mexAnalyst)
                                    .header("Accept-Language", "es")
                                    .GET()))
                    .get("report");
            assertThat(spanish.get("issues").get(0).get("message").asText())
                    .isEqualTo("El campo de formulario 'cycle' debe ser un año como 2022, no '20x2'");
            JsonNode english = json(send(
                            server,
                            request(location)
                                    .header("Authorization", "Bearer " + mexAnalyst)
                                    .GET()))
                    .get("report");
            assertThat(english.get("issues").get(0).get("message").asText())
                    .isEqualTo("Form field 'cycle' must be a year such as 2022, not '20x2'");
        }
    }
}
