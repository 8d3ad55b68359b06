package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A fuzz test of the upload route: {@code POST /api/v1/submissions} of a real server with the real ingest service gets
 * the fuzzer's bytes as the file of a multipart upload, once for every input kind. Whatever the bytes, the answer is
 * 201 (accepted), 200 (the same upload again) or 422 with the validation report, as JSON; never a 5xx. A rejected
 * upload stages nothing, and no upload leaves a working directory in {@code staging/} or a temporary file in {@code
 * registry/uploads/}. One server serves the whole run (starting one per input would leave a few inputs a second).
 *
 * <p>It lives in the app module because the api module never depends on ingest (the two meet in the app only). The
 * readers themselves are fuzzed faster, without HTTP, by {@code org.observatory.ingest.fuzz.IngestFuzzTest}. Without
 * {@code JAZZER_FUZZ} (the normal build) it replays its inputs, the files under {@code UploadFuzzTestInputs/upload/}
 * in this package's test resources; {@code ./fuzz} fuzzes it in a JVM of its own.
 */
class UploadFuzzTest {
    private static final Codelists CODELISTS = Codelists.load();

    /** The form fields of each upload: every input kind, declared as the secretariat declares it. */
    private static final List<String[]> DECLARATIONS = List.of(
            new String[] {"source", "cts", "cycle", "2022"},
            new String[] {"source", "national", "country", "COL"},
            new String[] {"source", "population"},
            new String[] {"source", "correspondence", "country", "COL"},
            new String[] {"source", "sdmx-csv"});

    @TempDir
    static Path temporary;

    private static DataDirectory data;
    private static ApiServer server;
    private static WriteApi api;
    private static String secretariat;
    private static Path upload;

    @BeforeAll
    static void startServer() throws Exception {
        Path root = temporary.resolve("data");
        secretariat = WriteApi.addAccount(root, "--role", "secretariat");
        data = new DataDirectory(root);
        server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(SubmissionsConfig.NONE.withIntake(
                                new IngestIntake(data, new IngestService(data, CODELISTS)))),
                "127.0.0.1",
                0);
        api = new WriteApi(server);
        upload = temporary.resolve("upload.csv");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @FuzzTest
    void upload(byte[] file) throws Exception {
        Files.write(upload, file);
        for (String[] declaration : DECLARATIONS) {
            HttpResponse<String> response;
            // the test's own requests to its own server, on the loopback interface: no request forgery
            try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
                    (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"))) {
                response = api.submit(secretariat, upload, declaration);
            }

            String what = "the answer to %s %s: %s".formatted(declaration[1], response.statusCode(), response.body());
            assertThat(response.statusCode()).as(what).isIn(200, 201, 422);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .as(what)
                    .startsWith(response.statusCode() == 422 ? "application/problem+json" : "application/json");
            JsonNode body = WriteApi.json(response);
            String submissionId = body.get("submissionId").asText();
            if (response.statusCode() == 422) {
                assertThat(body.get("code").asText()).as(what).isEqualTo("SUBMISSION_REJECTED");
                assertThat(body.get("report").get("errors").asLong()).as(what).isPositive();
                assertThat(data.staging(submissionId)).as(what).doesNotExist();
            } else {
                assertThat(data.staging(submissionId).resolve(DataDirectory.SUBMISSION_MANIFEST))
                        .as(what)
                        .exists();
            }
            assertThat(entries(data.staging())).as(what).noneMatch(name -> name.startsWith("."));
            assertThat(entries(data.registry().resolve("uploads"))).as(what).isEmpty();
        }
    }

    /**
     * Found by probing the name of the uploaded file: {@code filename="/"} was a 500 ({@code Path.of("/")} has no file
     * name). A name is stored as its last part, without control characters, or as "upload" when nothing is left.
     */
    @Test
    void aFileNameWithoutALastPartIsStoredAsUploadNotA500() throws Exception {
        String[] sentNames = {"/", "../../replies.csv", "reports/..", "C:/reports/2023.csv"};
        String[] storedNames = {"upload", "replies.csv", "upload", "2023.csv"};
        for (int index = 0; index < sentNames.length; index++) {
            String csv = "country,year,population\nJAM,%d,2827695\n".formatted(2000 + index);
            String boundary = "observatory-test-boundary";
            String body = ("--%1$s\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\npopulation\r\n"
                            + "--%1$s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%2$s\"\r\n"
                            + "Content-Type: text/csv\r\n\r\n%3$s\r\n--%1$s--\r\n")
                    .formatted(boundary, sentNames[index], csv);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            server.baseUri().toString().replaceAll("/$", "") + "/api/v1/submissions"))
                                    .header("Authorization", "Bearer " + secretariat)
                                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(WriteApi.json(response).get("report").get("fileName").asText())
                    .isEqualTo(storedNames[index]);
        }
    }

    private static List<String> entries(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
