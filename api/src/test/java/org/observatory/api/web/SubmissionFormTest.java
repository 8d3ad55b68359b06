package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.NO_INGEST;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Issue 14, defect 9: the upload form of {@code POST /submissions} on a real server. A body that is not valid
 * multipart/form-data, a field given twice and a cycle out of range are 400 problems that say how to send the form,
 * and none of them reaches the ingest service or leaves a stack trace in the log.
 */
@Timeout(60)
class SubmissionFormTest {
    private static final String BOUNDARY = "observatory-test-boundary";

    @TempDir
    Path root;

    private DataDirectory data;
    private String secretariat;

    @BeforeEach
    void createAccount() {
        data = dataDirectory(root);
        secretariat = addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
    }

    private ApiServer start() {
        // every request here must be refused before the ingest service
        return WriteSideSupport.start(data, SubmissionsConfig.NONE.withIntake(NO_INGEST));
    }

    @Test
    void malformedMultipartWithoutBoundaryIsA400SayingHowToSendTheForm() throws Exception {
        byte[] body = part("source", "cts");
        try (ApiServer server = start();
                CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> response = upload(server, "multipart/form-data", body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("The request body is not valid multipart/form-data (the Content-Type header names no"
                            + " boundary); send the form as multipart/form-data with the fields file, source and,"
                            + " if needed, country and cycle, e.g. curl -H 'Authorization: Bearer TOKEN'"
                            + " -F file=@replies.csv -F source=cts -F cycle=2023 https://SERVER/api/v1/submissions");
            assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void truncatedMultipartBodyIsA400WithoutAStackTraceInTheLog() throws Exception {
        byte[] whole = concat(part("source", "cts"), filePart("replies.csv", "a,b\n1,2\n"), closing());
        byte[] truncated = Arrays.copyOf(whole, whole.length - closing().length - 6);
        try (ApiServer server = start();
                CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> response = upload(server, "multipart/form-data; boundary=" + BOUNDARY, truncated);
            String raw = rawUpload(server, truncated, truncated.length + 200);
            HttpResponse<String> garbage = upload(
                    server,
                    "multipart/form-data; boundary=" + BOUNDARY,
                    "file=replies.csv&source=cts".getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(problem.get("detail").asText())
                    .startsWith("The request body is not valid multipart/form-data (")
                    .endsWith("; send the form as multipart/form-data with the fields file, source and, if needed,"
                            + " country and cycle, e.g. curl -H 'Authorization: Bearer TOKEN' -F file=@replies.csv"
                            + " -F source=cts -F cycle=2023 https://SERVER/api/v1/submissions");
            // a body shorter than its Content-Length: the client stops sending and waits for the answer
            assertThat(raw).startsWith("HTTP/1.1 400 ");
            assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
            assertThat(json(garbage).get("detail").asText())
                    .startsWith("The request body is not valid multipart/form-data (");
            assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aNulByteInAPartHeaderIsA400NotA500() throws Exception {
        byte[] body = concat(part("source", "cts"), filePart("rep\u0000lies.csv", "a,b\n1,2\n"), closing());
        try (ApiServer server = start();
                CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> response = upload(server, "multipart/form-data; boundary=" + BOUNDARY, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("detail").asText())
                    .startsWith("The request body is not valid multipart/form-data (");
            assertThat(log.text()).doesNotContain("\tat ");
        }
    }

    @Test
    void aSecondFileOrSourceFieldIsA400LikeARepeatedQueryParameter() throws Exception {
        byte[] twoSources =
                concat(part("source", "cts"), part("source", "national"), filePart("a.csv", "x\n"), closing());
        byte[] twoFiles = concat(part("source", "cts"), filePart("a.csv", "x\n"), filePart("b.csv", "y\n"), closing());
        try (ApiServer server = start()) {
            HttpResponse<String> sources = upload(server, "multipart/form-data; boundary=" + BOUNDARY, twoSources);
            HttpResponse<String> files = upload(server, "multipart/form-data; boundary=" + BOUNDARY, twoFiles);

            assertThat(sources.statusCode()).as(sources.body()).isEqualTo(400);
            assertThat(json(sources).get("detail").asText())
                    .isEqualTo("Form field 'source' is given 2 times; give it once (a submission is one file, with one"
                            + " source, country and cycle)");
            assertThat(json(sources).get("parameter").asText()).isEqualTo("source");
            assertThat(files.statusCode()).as(files.body()).isEqualTo(400);
            assertThat(json(files).get("detail").asText())
                    .isEqualTo("Form field 'file' is given 2 times; give it once (a submission is one file, with one"
                            + " source, country and cycle)");
            assertThat(Files.exists(data.landing())).isFalse();
        }
    }

    @Test
    void aCycleOutOfTheReportRangeIsA400() throws Exception {
        try (ApiServer server = start()) {
            for (String cycle : List.of("-5", "20255", "1969", "2101")) {
                byte[] body = concat(part("source", "cts"), part("cycle", cycle), filePart("a.csv", "x\n"), closing());
                HttpResponse<String> response = upload(server, "multipart/form-data; boundary=" + BOUNDARY, body);

                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(json(response).get("detail").asText())
                        .isEqualTo("Form field 'cycle' must be a survey cycle from 1970 to 2100, not '%s'; give the"
                                        .formatted(cycle)
                                + " UN-CTS cycle the file replies to, e.g. 2023, or leave the field out");
                assertThat(json(response).get("parameter").asText()).isEqualTo("cycle");
            }
        }
    }

    private HttpResponse<String> upload(ApiServer server, String contentType, byte[] body) throws Exception {
        return send(
                server,
                request("/api/v1/submissions")
                        .header("Authorization", "Bearer " + secretariat)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * Sends the upload over a plain socket, declaring a longer body than it sends (a client cut off mid-upload), and
     * returns what the server answers once the client has shut its side.
     */
    private String rawUpload(ApiServer server, byte[] body, int declaredLength) throws Exception {
        URI base = server.baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + secretariat
                            + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                            + "\r\nContent-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] part(String name, String value) {
        return "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                .formatted(BOUNDARY, name, value)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filePart(String fileName, String content) {
        return ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: text/csv"
                        + "\r\n\r\n%s\r\n")
                .formatted(BOUNDARY, fileName, content)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] closing() {
        return "--%s--\r\n".formatted(BOUNDARY).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        return body.toByteArray();
    }

    /** What the server logs (slf4j-simple writes to the standard error stream) while it is open. */
    private static final class CapturedLog implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        static CapturedLog start() {
            CapturedLog log = new CapturedLog();
            System.setErr(new PrintStream(log.captured, true, StandardCharsets.UTF_8));
            return log;
        }

        String text() {
            return captured.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setErr(original);
            original.print(text());
        }
    }
}
