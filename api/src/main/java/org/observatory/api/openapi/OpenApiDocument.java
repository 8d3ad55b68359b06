package org.observatory.api.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's OpenAPI 3.1 document, merged from resources of this package: {@code base.json} (info, tags, shared
 * components) plus each fragment listed in {@code fragments.txt}, one file name per line. A fragment is {@code
 * {"paths": {...}, "components": {...}}}, one per area of the API (read routes, snapshots, reports, submissions ...),
 * so a new area adds a file and a line without touching this class. A path and method defined twice, or a component
 * defined twice with different content, is an error, found when the document is loaded.
 */
public final class OpenApiDocument {
    static final String RESOURCE_FOLDER = "/org/observatory/api/openapi/";
    static final String FRAGMENT_LIST = "fragments.txt";
    static final String BASE = "base.json";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode document;
    private final byte[] json;

    private OpenApiDocument(ObjectNode document) {
        this.document = document;
        try {
            this.json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads base.json and the fragments that fragments.txt lists. */
    public static OpenApiDocument load() {
        ObjectNode base = (ObjectNode) read(BASE);
        List<String> fragments = fragmentNames();
        for (String fragment : fragments) {
            merge(base, read(fragment), fragment);
        }
        addThrottledResponses(base);
        return new OpenApiDocument(base);
    }

    /**
     * Every operation that authenticates (it documents a 401) can also answer 429 when the caller's address failed
     * to authenticate too often; the fragments need not say so each time.
     */
    static void addThrottledResponses(ObjectNode document) {
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    if (responses.isObject() && responses.has("401") && !responses.has("429")) {
                        ((ObjectNode) responses)
                                .putObject("429")
                                .put("$ref", "#/components/responses/TooManyFailedAuthentications");
                    }
                }));
    }

    /** The fragment file names of fragments.txt, in order (blank lines and {@code #} comments skipped). */
    static List<String> fragmentNames() {
        String text;
        try (InputStream in = open(FRAGMENT_LIST)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    static void merge(ObjectNode base, JsonNode fragment, String name) {
        if (!fragment.isObject()) {
            throw new IllegalStateException("OpenAPI fragment %s must be a JSON object".formatted(name));
        }
        for (Iterator<String> fields = fragment.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("paths") && !field.equals("components")) {
                throw new IllegalStateException(
                        "OpenAPI fragment %s has the member '%s'; a fragment holds only 'paths' and 'components'"
                                .formatted(name, field));
            }
        }
        ObjectNode paths = base.withObject("/paths");
        fragment.path("paths").properties().forEach(path -> {
            ObjectNode target = paths.withObject("/" + escape(path.getKey()));
            path.getValue().properties().forEach(operation -> {
                if (target.has(operation.getKey())) {
                    throw new IllegalStateException("OpenAPI fragment %s defines %s %s, which another fragment defines"
                            .formatted(name, operation.getKey().toUpperCase(Locale.ROOT), path.getKey()));
                }
                target.set(operation.getKey(), operation.getValue());
            });
        });
        ObjectNode components = base.withObject("/components");
        fragment.path("components").properties().forEach(section -> {
            ObjectNode target = components.withObject("/" + escape(section.getKey()));
            section.getValue().properties().forEach(component -> {
                JsonNode existing = target.get(component.getKey());
                if (existing != null && !existing.equals(component.getValue())) {
                    throw new IllegalStateException(
                            "OpenAPI fragment %s defines components.%s.%s differently from another fragment"
                                    .formatted(name, section.getKey(), component.getKey()));
                }
                target.set(component.getKey(), component.getValue());
            });
        });
    }

    /** JSON Pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(String name) {
        try (InputStream in = open(name)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "OpenAPI fragment %s is not valid JSON: %s".formatted(name, e.getMessage()), e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE_FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("The OpenAPI resource %s%s is missing; %s lists it"
                    .formatted(RESOURCE_FOLDER, name, FRAGMENT_LIST));
        }
        return in;
    }

    /** The document as a JSON tree (a copy). */
    public ObjectNode tree() {
        return document.deepCopy();
    }

    /** The document as pretty-printed UTF-8 JSON. */
    public byte[] json() {
        return json.clone();
    }

    /** Every documented operation as {@code "GET /api/v1/countries"}, sorted. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Resolves a local {@code $ref} such as {@code #/components/parameters/vintage}. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 16 && current.has("$ref"); depth++) {
            String reference = current.get("$ref").asText();
            if (!reference.startsWith("#/")) {
                return current;
            }
            current = document.at(reference.substring(1));
        }
        return current;
    }

    JsonNode root() {
        return document;
    }

    static String requireText(JsonNode node, String field) {
        requireNonNull(node, "node is null");
        return node.path(field).asText("");
    }
}
