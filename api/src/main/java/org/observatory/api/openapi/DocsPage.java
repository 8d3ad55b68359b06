package org.observatory.api.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.page.Templates;

/**
 * The OpenAPI document as one readable, self-contained HTML page (template {@value #TEMPLATE}): operations grouped by
 * tag, each with its summary, description, parameters and responses. Inline CSS only; the page loads nothing (the
 * server sends a content-security policy that forbids any load). This class reads the document into the {@link
 * View} the template shows; the template escapes every text.
 */
public final class DocsPage {
    /** The pages' policy: nothing is loaded from elsewhere, no frame may hold the page. */
    public static final String CONTENT_SECURITY_POLICY = org.observatory.api.page.Pages.CONTENT_SECURITY_POLICY;

    static final String TEMPLATE = "docs.jte";

    private DocsPage() {}

    public static String render(OpenApiDocument openApi) {
        return Templates.render(TEMPLATE, Map.of("view", view(openApi)));
    }

    /** The page's content: the document's title, summary, description and version, and its operations by tag. */
    public record View(String title, String summary, String description, String openApiVersion, List<Tag> tags) {
        public View {
            requireNonNull(title, "title is null");
            requireNonNull(summary, "summary is null");
            requireNonNull(description, "description is null");
            requireNonNull(openApiVersion, "openApiVersion is null");
            tags = List.copyOf(requireNonNull(tags, "tags is null"));
        }
    }

    /** A tag with its description (when the document gives one) and its operations, in the document's order. */
    public record Tag(String name, Optional<String> description, List<Operation> operations) {
        public Tag {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            operations = List.copyOf(requireNonNull(operations, "operations is null"));
        }
    }

    /**
     * One operation.
     *
     * @param method lower case, as the document writes it ({@code get})
     * @param requestBody its media types and description, when it takes a body
     */
    public record Operation(
            String method,
            String path,
            String summary,
            Optional<String> description,
            boolean needsToken,
            List<Parameter> parameters,
            Optional<String> requestBody,
            List<Answer> responses) {
        public Operation {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            requireNonNull(summary, "summary is null");
            requireNonNull(description, "description is null");
            parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
            requireNonNull(requestBody, "requestBody is null");
            responses = List.copyOf(requireNonNull(responses, "responses is null"));
        }

        public String methodUpperCase() {
            return method.toUpperCase(Locale.ROOT);
        }
    }

    /** A parameter: where it goes, whether it is required, its values (enum or type, default) and meaning. */
    public record Parameter(String name, String in, boolean required, String values, String meaning) {}

    /** A response: its status, description and media types (empty when it has no body). */
    public record Answer(String status, String description, List<String> mediaTypes) {
        public Answer {
            mediaTypes = List.copyOf(requireNonNull(mediaTypes, "mediaTypes is null"));
        }
    }

    static View view(OpenApiDocument openApi) {
        JsonNode document = openApi.root();
        JsonNode info = document.path("info");
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        document.path("tags").forEach(tag -> byTag.put(tag.path("name").asText(), new ArrayList<>()));
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (!OpenApiDocument.METHODS.contains(operation.getKey())) {
                        return;
                    }
                    String tag = operation.getValue().path("tags").path(0).asText("other");
                    byTag.computeIfAbsent(tag, key -> new ArrayList<>())
                            .add(operation(openApi, operation.getKey(), path.getKey()));
                }));
        List<Tag> tags = new ArrayList<>();
        byTag.forEach((name, operations) -> {
            if (operations.isEmpty()) {
                return;
            }
            Optional<String> description = Optional.empty();
            for (JsonNode described : document.path("tags")) {
                if (described.path("name").asText().equals(name)) {
                    description = Optional.of(described.path("description").asText());
                }
            }
            tags.add(new Tag(name, description, operations));
        });
        return new View(
                info.path("title").asText(),
                info.path("summary").asText(),
                info.path("description").asText(),
                document.path("openapi").asText(),
                tags);
    }

    private static Operation operation(OpenApiDocument openApi, String method, String path) {
        JsonNode document = openApi.root();
        JsonNode operation = document.path("paths").path(path).path(method);
        List<JsonNode> references = new ArrayList<>();
        document.path("paths").path(path).path("parameters").forEach(references::add);
        operation.path("parameters").forEach(references::add);
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode reference : references) {
            JsonNode parameter = openApi.resolve(reference);
            JsonNode schema = openApi.resolve(parameter.path("schema"));
            String values = schema.has("enum")
                    ? String.join(", ", texts(schema.path("enum")))
                    : schema.path("type").asText("");
            if (schema.has("default")) {
                values += " (default " + schema.path("default").asText() + ")";
            }
            parameters.add(new Parameter(
                    parameter.path("name").asText(),
                    parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false),
                    values,
                    parameter.path("description").asText("")));
        }
        Optional<String> requestBody = Optional.empty();
        JsonNode body = operation.path("requestBody");
        if (!body.isMissingNode()) {
            JsonNode resolved = openApi.resolve(body);
            requestBody = Optional.of(String.join(", ", fieldNames(resolved.path("content")))
                    + (resolved.has("description")
                            ? " - " + resolved.path("description").asText()
                            : ""));
        }
        List<Answer> responses = new ArrayList<>();
        operation.path("responses").properties().forEach(response -> {
            JsonNode resolved = openApi.resolve(response.getValue());
            responses.add(new Answer(
                    response.getKey(), resolved.path("description").asText(), fieldNames(resolved.path("content"))));
        });
        return new Operation(
                method,
                path,
                operation.path("summary").asText(),
                operation.has("description")
                        ? Optional.of(operation.path("description").asText())
                        : Optional.empty(),
                operation.has("security"),
                parameters,
                requestBody,
                responses);
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
}
