package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's part in page tests, without a browser: it keeps the cookies the server sets, sends forms with the
 * CSRF token of the last page it read (the hidden {@code csrf} field) and an {@code Origin} of the server, and does
 * not follow redirects (tests look at them).
 */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final ApiServer server;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String lastCsrf = "";

    PageClient(ApiServer server) {
        this.server = server;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    /** POSTs the form fields (url-encoded), adding the CSRF token of the last page read unless a field names one. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", lastCsrf);
        form.putAll(fields);
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * POSTs a multipart form (as a browser sends a form with {@code enctype="multipart/form-data"}): the text fields,
     * then the file as field {@code file}, adding the CSRF token of the last page read unless a field names one.
     */
    HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileName, byte[] content)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", lastCsrf);
        form.putAll(fields);
        return postMultipartAsIs(path, form, fileName, content);
    }

    /** POSTs a multipart form with exactly these text fields (no CSRF token unless one is given) and the file. */
    HttpResponse<String> postMultipartAsIs(String path, Map<String, String> fields, String fileName, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "page-client-boundary-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                            .formatted(boundary, field.getKey(), field.getValue()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .formatted(boundary, fileName)
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--%s--\r\n".formatted(boundary).getBytes(StandardCharsets.UTF_8));
        return send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** GETs the path's bytes (a download), with the cookies. */
    HttpResponse<byte[]> download(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Signs in through the sign-in page, as a person does, and checks that it worked. */
    void signIn(String language, String token) throws IOException, InterruptedException {
        get("/" + language + "/sign-in");
        HttpResponse<String> signedIn = post("/" + language + "/sign-in", Map.of("token", token));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    }

    /** The Set-Cookie headers of a response. */
    static List<String> setCookies(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie");
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forgetCookies() {
        cookies.clear();
    }

    String csrf() {
        return lastCsrf;
    }

    String origin() {
        URI base = server.baseUri();
        return base.getScheme() + "://" + base.getAuthority();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.baseUri().resolve(pathAndQuery.substring(1)))
                .timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            builder.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : setCookies(response)) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        Matcher csrf = CSRF.matcher(response.body());
        if (csrf.find()) {
            lastCsrf = csrf.group(1);
        }
        return response;
    }
}
