package org.observatory.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Expiry;
import org.observatory.api.registry.NewAccount;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.api.submission.IntakeResult;
import org.observatory.api.submission.SubmissionIntake;
import org.observatory.api.submission.Upload;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.SubmissionManifest;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Tests of the write side on a real server: a data directory with accounts in its registry, a server with the write
 * side over it on a random port, and requests to it with a bearer token.
 */
public final class WriteSideSupport {
    public static final Codelists CODELISTS = Codelists.load();

    /** The ingest service's boundary when no upload may reach it: no submission staged, any upload fails the test. */
    public static final SubmissionIntake NO_INGEST = acceptedOnly(List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WriteSideSupport() {}

    /**
     * The ingest service's boundary with the given accepted submissions (their staged rows are not read), where any
     * upload fails the test.
     */
    public static SubmissionIntake acceptedOnly(List<SubmissionManifest> accepted) {
        List<SubmissionManifest> submissions = List.copyOf(accepted);
        return new SubmissionIntake() {
            @Override
            public IntakeResult ingest(Upload upload) {
                throw new AssertionError("no upload should reach the ingest service here: " + upload);
            }

            @Override
            public List<SubmissionManifest> acceptedSubmissions() {
                return submissions;
            }
        };
    }

    /** The data directory of a test, in {@code data} under its temporary folder. */
    public static DataDirectory dataDirectory(Path root) {
        return new DataDirectory(root.resolve("data"));
    }

    /** Adds an account that never expires to the registry of {@code data}, as the operator does before serving. */
    public static NewAccount addAccount(DataDirectory data, Role role, Optional<String> country) {
        try (Registry registry = Registry.open(data)) {
            return registry.addAccount(role, country, "test");
        }
    }

    /** Adds an account with the given expiry to the registry of {@code data}, as the operator does before serving. */
    public static NewAccount addAccount(DataDirectory data, Role role, Optional<String> country, Expiry expiry) {
        try (Registry registry = Registry.open(data)) {
            return registry.addAccount(role, country, expiry, "test");
        }
    }

    /** Starts a server over {@code data} with the given write side on a random port of the loopback address. */
    public static ApiServer start(DataDirectory data, SubmissionsConfig submissions) {
        return ApiServer.start(ApiConfig.of(data, CODELISTS).withSubmissions(submissions), "127.0.0.1", 0);
    }

    /**
     * A request to {@code path} (with its query) of whichever server {@link #send} sends it to, with a 30 seconds
     * timeout.
     */
    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://server" + path)).timeout(Duration.ofSeconds(30));
    }

    /** A GET of {@code path} with the bearer token. */
    public static HttpRequest.Builder get(String path, String token) {
        return request(path).header("Authorization", "Bearer " + token).GET();
    }

    /** A POST with an empty body to {@code path}, with the bearer token unless it is {@code null} (anonymous). */
    public static HttpRequest.Builder post(String path, String token) {
        return post(path, token, "");
    }

    /** A POST of {@code body} to {@code path}, with the bearer token unless it is {@code null} (anonymous). */
    public static HttpRequest.Builder post(String path, String token, String body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Sends the request to the same path and query of {@code server}, and returns the answer with its body. */
    public static HttpResponse<String> send(ApiServer server, HttpRequest.Builder builder)
            throws IOException, InterruptedException {
        HttpRequest draft = builder.build();
        String pathAndQuery = draft.uri().getRawPath()
                + (draft.uri().getRawQuery() == null ? "" : "?" + draft.uri().getRawQuery());
        URI uri = server.baseUri().resolve(pathAndQuery.substring(1));
        return HTTP.send(
                HttpRequest.newBuilder(draft, (name, value) -> true).uri(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The answer's body read as JSON. */
    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
