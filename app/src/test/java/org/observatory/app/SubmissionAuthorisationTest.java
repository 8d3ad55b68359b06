package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.app.WriteApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The authorisation matrix of the write routes (role x route x own or other country) on a real server with the real
 * ingest service, under the {@code required} policy: anonymous callers (401), a MEX analyst, a COL analyst and the
 * secretariat, against a MEX submission, a COL submission and a multi-country CTS release; and, for every source
 * kind, whose rows an upload may hold. No pipeline runs here (see {@link ApprovalEndToEndTest} for what becomes
 * public, and {@link CountrySovereigntyEndToEndTest} for what a refused upload leaves public).
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
        long stagedBefore = stagedSubmissions();
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
        assertThat(data.staging(mexSubmission)).isDirectory();
        assertThat(stagedSubmissions()).isEqualTo(stagedBefore);
    }

    private static long stagedSubmissions() throws Exception {
        try (Stream<Path> staged = Files.list(data.staging())) {
            return staged.filter(path -> path.getFileName().toString().startsWith("sub-"))
                    .count();
        }
    }

    // --- whose rows an upload may hold, for every source kind (invariant 7) -------------------------------------

    @ParameterizedTest
    @EnumSource(SourceKind.class)
    void anAnalystSubmitsTheirOwnCountrysRowsOfEveryKind(SourceKind kind) throws Exception {
        Path own = rows(kind, "own", "MEX,2017,101", "MEX,2018,102");

        HttpResponse<String> response = api.submit(mexAnalyst, own, "source", kind.cliName());

        JsonNode body = json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(body.get("country").asText()).isEqualTo("MEX");
        assertThat(body.get("report").get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(body.get("parts").findValuesAsText("country")).containsExactly("MEX");
    }

    @ParameterizedTest
    @EnumSource(value = SourceKind.class, names = "CORRESPONDENCE", mode = EnumSource.Mode.EXCLUDE)
    void analystCannotPublishAnotherCountrysRowsThroughAnyKind(SourceKind kind) throws Exception {
        // the defect: through cts and population a MEX analyst published COL's values; a correspondence file has no
        // country column, it is the declared country's table (below)
        Path mixed = rows(kind, "with-col", "MEX,2016,103", "COL,2016,1");

        HttpResponse<String> response = api.submit(mexAnalyst, mixed, "source", kind.cliName());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("SUBMISSION_REJECTED");
        JsonNode report = problem.get("report");
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        assertThat(report.get("rowsOfOtherCountries").toString()).isEqualTo("{\"COL\":1}");
        List<JsonNode> errors = new java.util.ArrayList<>();
        report.get("issues").forEach(issue -> {
            if (issue.get("severity").asText().equals("error")) {
                errors.add(issue); // a national file of MEX is warned that MEX has no correspondence table yet
            }
        });
        assertThat(errors).hasSize(1);
        JsonNode issue = errors.get(0);
        assertThat(issue.get("code").asText()).isEqualTo("COUNTRY_NOT_SUBMITTER");
        assertThat(issue.get("line").asInt()).isEqualTo(3);
        String column = issue.get("column").asText();
        assertThat(issue.get("message").asText())
                .isEqualTo(("Line 3, column '%s': COL is not the submitting country MEX; a country submits only its"
                                + " own data, so remove the row (COL's data is submitted by COL's analysts or the"
                                + " secretariat)")
                        .formatted(column));
        String id = problem.get("submissionId").asText();
        assertThat(data.staging(id)).doesNotExist();
        // the audit names the country the refused rows touch
        JsonNode entry = auditEntryOf(id);
        assertThat(entry.get("actor").asText()).endsWith("(analyst MEX)");
        assertThat(entry.get("detail").asText())
                .startsWith("rejected %s file '%s' for MEX".formatted(kind.cliName(), mixed.getFileName()))
                .endsWith("; countries touched: COL (1 row refused as not MEX's), MEX");
    }

    @ParameterizedTest
    @EnumSource(SourceKind.class)
    void anAnalystCannotDeclareAnotherCountryForAnyKind(SourceKind kind) throws Exception {
        Path colRows = rows(kind, "declared-col", "COL,2015,104");

        HttpResponse<String> response = api.submit(mexAnalyst, colRows, "source", kind.cliName(), "country", "COL");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).get("detail").asText())
                .isEqualTo("a MEX analyst cannot submit for COL; only COL's analysts and the secretariat can. Leave"
                        + " country out or give MEX");
    }

    @ParameterizedTest
    @EnumSource(value = SourceKind.class, names = "CORRESPONDENCE", mode = EnumSource.Mode.EXCLUDE)
    void theSecretariatSubmitsMultiCountryFilesOfEveryKind(SourceKind kind) throws Exception {
        Path multi = rows(kind, "multi", "COL,2014,105", "MEX,2014,106");

        HttpResponse<String> response = api.submit(secretariat, multi, "source", kind.cliName());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("parts").findValuesAsText("country")).containsExactly("COL", "MEX");
        assertThat(auditEntryOf(body.get("submissionId").asText()).get("detail").asText())
                .endsWith("; countries touched: COL, MEX");
    }

    @Test
    void theSecretariatSubmitsACorrespondenceTableForOneCountry() throws Exception {
        // a correspondence table is one country's by nature: the secretariat declares which
        Path table = rows(SourceKind.CORRESPONDENCE, "for-col", "COL,2013,107");

        HttpResponse<String> response = api.submit(secretariat, table, "source", "correspondence", "country", "COL");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("parts").findValuesAsText("country")).containsExactly("COL");
    }

    /** The audit entry of a submission's upload (the first one, if the same bytes came again). */
    private static JsonNode auditEntryOf(String submissionId) throws Exception {
        for (JsonNode entry : json(api.get("/api/v1/audit", secretariat)).get("entries")) {
            if (entry.get("action").asText().equals("submission")
                    && entry.get("target").asText().equals(submissionId)) {
                return entry;
            }
        }
        throw new AssertionError("no audit entry for submission " + submissionId);
    }

    /**
     * A file of the kind with one row per {@code ISO3,year,value}: a homicide count (cts, national, sdmx-csv), a
     * population, or (correspondence, which has no country column) a national code made of the three.
     */
    private static Path rows(SourceKind kind, String name, String... rows) throws Exception {
        String fileName = "%s-%s.csv".formatted(kind.cliName(), name);
        if (kind == SourceKind.CTS) {
            return WriteApi.homicides(temporary, fileName, rows);
        }
        StringBuilder text = new StringBuilder(
                switch (kind) {
                    case NATIONAL -> "country,year,offence_code,offence_label,count\n";
                    case POPULATION -> "country,year,population\n";
                    case SDMX_CSV -> "DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE\n";
                    case CORRESPONDENCE -> "national_code,national_label,iccs_code,match_quality,note\n";
                    case CTS -> throw new IllegalStateException("written above");
                });
        for (String row : rows) {
            String[] cells = row.split(",");
            text.append(
                    switch (kind) {
                        case NATIONAL -> "%s,%s,HOM,Homicidio,%s\n".formatted((Object[]) cells);
                        case POPULATION -> "%s,%s,%s000000\n".formatted((Object[]) cells);
                        case SDMX_CSV -> "UNODC:DF_ICCS(1.0),%s,%s,0101,NUM,%s\n".formatted((Object[]) cells);
                        case CORRESPONDENCE -> "HOM-%s-%s-%s,Homicidio,0101,full,\n".formatted((Object[]) cells);
                        case CTS -> throw new IllegalStateException("written above");
                    });
        }
        Path file = temporary.resolve(fileName);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
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
        assertThat(own.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"mex.csv\"; filename*=UTF-8''mex.csv");
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
                .startsWith("accepted cts file 'mex.csv' for MEX, cycle 2022 (sha256 ")
                .doesNotContain("countries touched"); // MEX's alone: 'for MEX' says it
        assertThat(audit.get("entries").get(5).get("detail").asText())
                .startsWith("accepted cts file 'release.csv' (sha256 ")
                .endsWith("; countries touched: COL, JAM, MEX");
        assertThat(audit.toString()).doesNotContain(secretariat, mexAnalyst, colAnalyst);
    }
}
