package org.observatory.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.observatory.api.ApiServer;

/** The write side of a real server as tests use it: accounts made with the command, requests with a token. */
final class WriteApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    WriteApi(ApiServer server) {
        this.server = server;
    }

    /** Runs {@code observatory accounts add ... --format json} in this JVM and answers the new token. */
    static String addAccount(Path data, String... roleAndCountry) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("accounts", "add"));
        arguments.addAll(List.of(roleAndCountry));
        arguments.addAll(List.of("--data", data.toString(), "--format", "json"));
        CommandRun run = CommandRun.of(arguments.toArray(String[]::new));
        if (run.exit() != 0) {
            throw new AssertionError("accounts add failed with " + run.exit() + ": " + run.err());
        }
        return JSON.readTree(run.out()).get("token").asText();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token).GET());
    }

    HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String token) throws Exception {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Uploads a file as {@code POST /api/v1/submissions} with the form fields given as name, value pairs. */
    HttpResponse<String> submit(String token, Path file, String... fields) throws Exception {
        String boundary = "observatory-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int index = 0; index < fields.length; index += 2) {
            body.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                            .formatted(boundary, fields[index], fields[index + 1]))
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .formatted(boundary, file.getFileName())
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n--%s--\r\n".formatted(boundary).getBytes(StandardCharsets.UTF_8));
        return send(request("/api/v1/submissions", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(server.baseUri().toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofMinutes(2));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** A dataUNODC-style CTS file of intentional homicide counts: rows of {@code ISO3,year,count}. */
    static Path homicides(Path directory, String name, String... rows) throws Exception {
        StringBuilder text = new StringBuilder(
                "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n");
        for (String row : rows) {
            String[] cells = row.split(",");
            text.append(
                    "%s,%s,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,%s,Counts,%s,CTS\n"
                            .formatted(cells[0], cells[0], cells[1], cells[2]));
        }
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
