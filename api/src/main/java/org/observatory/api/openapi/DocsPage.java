package org.observatory.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document as one readable, self-contained HTML page: operations grouped by tag, each with its
 * summary, description, parameters and responses. Inline CSS only; the page loads nothing (the server sends a
 * content-security policy that forbids any load).
 */
public final class DocsPage {
    /** Forbids every load but the inline style of the page itself. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private DocsPage() {}

    public static String render(OpenApiDocument openApi) {
        JsonNode document = openApi.root();
        JsonNode info = document.path("info");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(info.path("title").asText()))
                .append("</title>\n")
                .append("<style>\n")
                .append(
                        "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2733}\n")
                .append("h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #ccd5df}\n")
                .append("section.op{border:1px solid #ccd5df;border-radius:6px;margin:1rem 0;padding:.6rem 1rem}\n")
                .append(".method{display:inline-block;min-width:4rem;font-weight:700;color:#fff;background:#2f6f4f;")
                .append("border-radius:4px;padding:0 .5rem;text-align:center}\n")
                .append(".method.post{background:#2b5797}.method.delete{background:#9b2c2c}\n")
                .append("code.path{font-size:1.05rem;margin-left:.5rem}table{border-collapse:collapse;width:100%}\n")
                .append(
                        "th,td{text-align:left;border-bottom:1px solid #e3e8ee;padding:.25rem .5rem;vertical-align:top}\n")
                .append(".auth{color:#8a4b00;font-weight:600}\n")
                .append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>").append(escape(info.path("title").asText())).append("</h1>\n");
        html.append("<p><strong>").append(escape(info.path("summary").asText())).append("</strong></p>\n");
        html.append("<p>").append(escape(info.path("description").asText())).append("</p>\n");
        html.append("<p>OpenAPI ")
                .append(escape(document.path("openapi").asText()))
                .append(" document: <a href=\"/openapi.json\">/openapi.json</a>.</p>\n");

        Map<String, List<String[]>> byTag = new LinkedHashMap<>();
        document.path("tags").forEach(tag -> byTag.put(tag.path("name").asText(), new ArrayList<>()));
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (!OpenApiDocument.METHODS.contains(operation.getKey())) {
                        return;
                    }
                    String tag = operation.getValue().path("tags").path(0).asText("other");
                    byTag.computeIfAbsent(tag, key -> new ArrayList<>())
                            .add(new String[] {operation.getKey(), path.getKey()});
                }));
        JsonNode tags = document.path("tags");
        for (Map.Entry<String, List<String[]>> tag : byTag.entrySet()) {
            if (tag.getValue().isEmpty()) {
                continue;
            }
            html.append("<h2 id=\"").append(escape(tag.getKey())).append("\">").append(escape(tag.getKey()));
            for (JsonNode described : tags) {
                if (described.path("name").asText().equals(tag.getKey())) {
                    html.append(" <small>")
                            .append(escape(described.path("description").asText()))
                            .append("</small>");
                }
            }
            html.append("</h2>\n");
            for (String[] operation : tag.getValue()) {
                operation(html, openApi, operation[0], operation[1]);
            }
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void operation(StringBuilder html, OpenApiDocument openApi, String method, String path) {
        JsonNode document = openApi.root();
        JsonNode operation = document.path("paths").path(path).path(method);
        html.append("<section class=\"op\">\n<p><span class=\"method ")
                .append(method)
                .append("\">")
                .append(method.toUpperCase(Locale.ROOT))
                .append("</span><code class=\"path\">")
                .append(escape(path))
                .append("</code></p>\n");
        html.append("<p>").append(escape(operation.path("summary").asText())).append("</p>\n");
        if (operation.has("description")) {
            html.append("<p>")
                    .append(escape(operation.path("description").asText()))
                    .append("</p>\n");
        }
        if (operation.has("security")) {
            html.append("<p class=\"auth\">Needs a bearer token.</p>\n");
        }
        List<JsonNode> parameters = new ArrayList<>();
        document.path("paths").path(path).path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        if (!parameters.isEmpty()) {
            html.append(
                    "<table><tr><th>parameter</th><th>in</th><th>required</th><th>values</th><th>meaning</th></tr>\n");
            for (JsonNode reference : parameters) {
                JsonNode parameter = openApi.resolve(reference);
                JsonNode schema = openApi.resolve(parameter.path("schema"));
                String values = schema.has("enum")
                        ? String.join(", ", texts(schema.path("enum")))
                        : schema.path("type").asText("");
                if (schema.has("default")) {
                    values += " (default " + schema.path("default").asText() + ")";
                }
                html.append("<tr><td><code>")
                        .append(escape(parameter.path("name").asText()))
                        .append("</code></td><td>")
                        .append(escape(parameter.path("in").asText()))
                        .append("</td><td>")
                        .append(parameter.path("required").asBoolean(false) ? "yes" : "no")
                        .append("</td><td>")
                        .append(escape(values))
                        .append("</td><td>")
                        .append(escape(parameter.path("description").asText("")))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        JsonNode body = operation.path("requestBody");
        if (!body.isMissingNode()) {
            JsonNode resolved = openApi.resolve(body);
            html.append("<p>Request body: ")
                    .append(escape(String.join(", ", fieldNames(resolved.path("content")))))
                    .append(
                            resolved.has("description")
                                    ? " - "
                                            + escape(
                                                    resolved.path("description").asText())
                                    : "")
                    .append("</p>\n");
        }
        html.append("<table><tr><th>status</th><th>answer</th></tr>\n");
        operation.path("responses").properties().forEach(response -> {
            JsonNode resolved = openApi.resolve(response.getValue());
            List<String> types = fieldNames(resolved.path("content"));
            html.append("<tr><td>")
                    .append(escape(response.getKey()))
                    .append("</td><td>")
                    .append(escape(resolved.path("description").asText()))
                    .append(types.isEmpty() ? "" : " <small>(" + escape(String.join(", ", types)) + ")</small>")
                    .append("</td></tr>\n");
        });
        html.append("</table>\n</section>\n");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.isNull() ? "null" : value.asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
