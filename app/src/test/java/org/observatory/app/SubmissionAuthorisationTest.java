package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The authorisation matrix of the write routes (role x route x own or other country) on a real server with the real
 * ingest service, under the {@code required} policy: anonymous callers (401), a MEX analyst, a COL analyst and the
 * secretariat, against a MEX submission, a COL submission and a multi-country CTS release. No pipeline runs here
 * (see {@link ApprovalEndToEndTest} for what becomes public).
 */
class SubmissionAuthorisationTest {
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    static Path temporary;

    private static DataDirectory data;
    private static ApiServer server;
    private static WriteApi api;
    private static String secretariat;
    private static String mexAnalyst;
    private static String colAnalyst;
    private static String mexSubmission;
    private static String colSubmission;
    private static String release;
    private static Path mexFile;

    @BeforeAll
    static void startWithThreeSubmissions() throws Exception {
        Path root = temporary.resolve("data");
        secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        mexAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "MEX");
        colAnalyst = WriteApi.addAccount(root, "--role", "analyst", "--country", "col");
        data = new DataDirectory(root);
        server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(SubmissionsConfig.NONE
                                .withApprovalPolicy(ApprovalPolicy.REQUIRED)
                                .withIntake(new IngestIntake(data, new IngestService(data, CODELISTS)))),
                "127.0.0.1",
                0);
        api = new WriteApi(server);
        mexFile = WriteApi.homicides(temporary, "mex.csv", "MEX,2020,36579", "MEX,2021,35700");
        mexSubmission = accepted(api.submit(mexAnalyst, mexFile, "source", "cts", "cycle", "2022"), 201);
        colSubmission = accepted(
                api.submit(
                        colAnalyst,
                        WriteApi.homicides(temporary, "col.csv", "COL,2021,13709"),
                        "source",
                        "cts",
                        "country",
                        "COL"),
                201);
        release = accepted(
                api.submit(
                        secretariat,
                        WriteApi.homicides(
                                temporary, "release.csv", "JAM,2021,1463", "COL,2020,12100", "MEX,2019,36661"),
                        "source",
                        "cts"),
                201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String accepted(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response).get("submissionId").asText();
    }

    @Test
    void aMexAnalystCannotSubmitForColButForMexOnly() throws Exception {
        Path colRows = WriteApi.homicides(temporary, "col-by-mex.csv", "COL,2019,12000");

        HttpResponse<String> forCol = api.submit(mexAnalyst, colRows, "source", "cts", "country", "COL");
        HttpResponse<String> anonymous = api.submit(null, colRows, "source", "cts", "country", "COL");

        assertThat(forCol.statusCode()).isEqualTo(403);
        assertThat(forCol.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(forCol).get("detail").asText())
                .isEqualTo("a MEX analyst cannot submit for COL; only COL's analysts and the secretariat can. Leave"
                        + " country out or give MEX");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"observatory\"");
        // nothing of the refused uploads was landed
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(colRows)));
        try (Stream<Path> landed = Files.list(data.landing())) {
            assertThat(landed.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(sha256));
        }
    }

    @Test
    void anAnalystsUploadIsDeclaredForItsOwnCountryAndTheSameBytesTwiceAreOneSubmission() throws Exception {
        HttpResponse<String> again = api.submit(mexAnalyst, mexFile, "source", "cts", "cycle", "2022");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode body = json(again);
        assertThat(body.get("submissionId").asText()).isEqualTo(mexSubmission);
        assertThat(body.get("alreadySubmitted").asBoolean()).isTrue();
        assertThat(body.get("country").asText()).isEqualTo("MEX");
        assertThat(body.get("report").get("status").asText()).isEqualTo("accepted");
        assertThat(body.get("report").get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(body.get("parts").get(0).get("decision").asText()).isEqualTo("pending");
        assertThat(body.get("parts").get(0).get("published").asBoolean()).isFalse();
        try (Stream<Path> staged = Files.list(data.staging())) {
            assertThat(staged.filter(path -> path.getFileName().toString().startsWith("sub-")))
                    .hasSize(3);
        }
    }

    @Test
    void aRejectedUploadIsA422ProblemWithTheWholeReport() throws Exception {
        Path bad = WriteApi.homicides(temporary, "bad.csv", "MEX,2018,many");

        HttpResponse<String> response = api.submit(mexAnalyst, bad, "source", "cts");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("SUBMISSION_REJECTED");
        assertThat(problem.get("detail").asText())
                .isEqualTo(
                        "File 'bad.csv' was rejected with 1 error(s) and nothing of it was staged; the report lists"
                                + " each problem with its line, column and how to fix it. Correct the file and upload it again");
        JsonNode issue = problem.get("report").get("issues").get(0);
        assertThat(issue.get("code").asText()).isEqualTo("VALUE_NOT_A_NUMBER");
        assertThat(issue.get("line").asInt()).isEqualTo(2);
        String id = problem.get("submissionId").asText();
        assertThat(data.staging(id)).doesNotExist();

        JsonNode recorded = json(api.get("/api/v1/submissions/" + id, mexAnalyst));
        assertThat(recorded.get("status").asText()).isEqualTo("rejected");
        assertThat(recorded.get("report").get("issues").get(0).get("code").asText())
                .isEqualTo("VALUE_NOT_A_NUMBER");
        HttpResponse<String> approve = api.post("/api/v1/submissions/%s/approve?country=MEX".formatted(id), mexAnalyst);
        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(json(approve).get("detail").asText())
                .isEqualTo("Submission %s was rejected and staged nothing, so there is nothing to approve; correct the"
                                .formatted(id)
                        + " file and upload it again");
    }

    @Test
    void readingASubmissionIsForItsCountrysAnalystsAndTheSecretariat() throws Exception {
        String path = "/api/v1/submissions/" + mexSubmission;

        assertThat(api.get(path, mexAnalyst).statusCode()).isEqualTo(200);
        assertThat(api.get(path, secretariat).statusCode()).isEqualTo(200);
        HttpResponse<String> col = api.get(path, colAnalyst);
        assertThat(col.statusCode()).isEqualTo(403);
        assertThat(json(col).get("detail").asText())
                .isEqualTo(
                        "a COL analyst cannot read submission %s: it concerns MEX, not COL".formatted(mexSubmission));
        assertThat(api.get(path, null).statusCode()).isEqualTo(401);
        // every country of a release reads it (its own part is in it), and sees only its own part of it
        JsonNode releaseView = json(api.get("/api/v1/submissions/" + release, colAnalyst));
        assertThat(releaseView.get("parts").findValuesAsText("country")).containsExactly("COL");
        assertThat(releaseView.get("otherCountries").get("parts").asInt()).isEqualTo(2);
        HttpResponse<String> unknown = api.get("/api/v1/submissions/sub-0000000000000000", secretariat);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asText())
                .isEqualTo("No submission 'sub-0000000000000000'; submission ids are answered by POST"
                        + " /api/v1/submissions and printed by './observatory ingest'");
    }

    @Test
    void onlyACountrysOwnAnalystsApproveOrWithdrawItsPart() throws Exception {
        String colPart = "/api/v1/submissions/%s/approve?country=COL".formatted(colSubmission);

        HttpResponse<String> byMex = api.post(colPart, mexAnalyst);
        HttpResponse<String> bySecretariat = api.post(colPart, secretariat);
        HttpResponse<String> anonymous = api.post(colPart, null);
        HttpResponse<String> mexPartOfColFile =
                api.post("/api/v1/submissions/%s/approve?country=MEX".formatted(colSubmission), mexAnalyst);
        HttpResponse<String> withdrawByMex =
                api.post("/api/v1/submissions/%s/withdraw?country=COL".formatted(release), mexAnalyst);

        assertThat(byMex.statusCode()).isEqualTo(403);
        assertThat(json(byMex).get("detail").asText())
                .isEqualTo("a MEX analyst cannot approve COL's part of a submission; only COL's own analysts can"
                        + " (country sovereignty)");
        assertThat(bySecretariat.statusCode()).isEqualTo(403);
        assertThat(json(bySecretariat).get("detail").asText())
                .isEqualTo("the secretariat cannot approve COL's part of a submission; only COL's own analysts can"
                        + " (country sovereignty)");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(mexPartOfColFile.statusCode()).isEqualTo(404);
        assertThat(json(mexPartOfColFile).get("detail").asText())
                .isEqualTo(
                        "Submission %s has no accepted rows of MEX, so it has no MEX part to approve; its parts are COL"
                                .formatted(colSubmission));
        assertThat(withdrawByMex.statusCode()).isEqualTo(403);
        assertThat(json(withdrawByMex).get("detail").asText())
                .isEqualTo("a MEX analyst cannot withdraw COL's part of a submission; only COL's own analysts can"
                        + " (country sovereignty)");
        JsonNode stillPending = json(api.get("/api/v1/submissions/" + colSubmission, secretariat));
        assertThat(stillPending.get("parts").get(0).get("decision").asText()).isEqualTo("pending");

        // each country decides about its own part of the release, and only about it
        HttpResponse<String> jamPart =
                api.post("/api/v1/submissions/%s/approve?country=MEX".formatted(release), mexAnalyst);
        assertThat(jamPart.statusCode()).as(jamPart.body()).isEqualTo(200);
        assertThat(json(jamPart).get("effect").asText()).isEqualTo("MEX's part is published by the next pipeline run");
        JsonNode parts =
                json(api.get("/api/v1/submissions/" + release, secretariat)).get("parts");
        assertThat(parts.findValuesAsText("decision")).containsExactly("pending", "pending", "approved");
        assertThat(parts.get(2).get("published").asBoolean()).isTrue();
        assertThat(parts.get(0).get("published").asBoolean()).isFalse();
        HttpResponse<String> withdrawPending =
                api.post("/api/v1/submissions/%s/withdraw?country=COL".formatted(release), colAnalyst);
        assertThat(withdrawPending.statusCode()).isEqualTo(409);
        assertThat(json(withdrawPending).get("detail").asText())
                .isEqualTo("COL's part of submission %s is not approved (approval policy required), so there is"
                                .formatted(release)
                        + " nothing to withdraw");
    }

    @Test
    void rawFilesAreServedOnlyToTheirCountrysAnalystsAndTheSecretariat() throws Exception {
        String mexRaw = "/api/v1/submissions/%s/file".formatted(mexSubmission);

        HttpResponse<byte[]> own = api.getBytes(mexRaw, mexAnalyst);
        HttpResponse<byte[]> bySecretariat =
                api.getBytes("/api/v1/submissions/%s/file".formatted(release), secretariat);
        HttpResponse<String> byCol = api.get(mexRaw, colAnalyst);
        HttpResponse<String> anonymous = api.get(mexRaw, null);
        HttpResponse<String> releaseByMex = api.get("/api/v1/submissions/%s/file".formatted(release), mexAnalyst);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(Files.readAllBytes(mexFile));
        assertThat(own.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"mex.csv\"");
        assertThat(bySecretariat.statusCode()).isEqualTo(200);
        assertThat(byCol.statusCode()).isEqualTo(403);
        assertThat(json(byCol).get("detail").asText())
                .isEqualTo("a COL analyst cannot download the raw file of submission %s: raw files are served only to"
                                .formatted(mexSubmission)
                        + " their country's analysts and the secretariat, and this file is MEX's");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(releaseByMex.statusCode()).isEqualTo(403);
        assertThat(json(releaseByMex).get("detail").asText()).endsWith("and this file holds rows of COL, JAM, MEX");
    }

    @Test
    void pipelineRunsAccountsAndTheAuditLogAreTheSecretariats() throws Exception {
        for (String token : List.of(mexAnalyst, colAnalyst)) {
            HttpResponse<String> run = api.post("/api/v1/pipeline-runs", token);
            assertThat(run.statusCode()).isEqualTo(403);
            assertThat(json(run).get("detail").asText()).startsWith("Only the secretariat can start pipeline runs; a ");
            assertThat(api.get("/api/v1/audit", token).statusCode()).isEqualTo(403);
        }
        assertThat(api.post("/api/v1/pipeline-runs", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/audit", null).statusCode()).isEqualTo(401);

        JsonNode audit = json(api.get("/api/v1/audit", secretariat));
        List<String> actions = audit.get("entries").findValuesAsText("action");
        assertThat(actions.subList(0, 6))
                .containsExactly("account", "account", "account", "submission", "submission", "submission");
        assertThat(audit.get("entries").get(3).get("actor").asText()).endsWith("(analyst MEX)");
        assertThat(audit.get("entries").get(3).get("detail").asText())
                .startsWith("accepted cts file 'mex.csv' for MEX, cycle 2022 (sha256 ");
        assertThat(audit.toString()).doesNotContain(secretariat, mexAnalyst, colAnalyst);
    }
}
