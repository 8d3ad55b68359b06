package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.api.ObservatoryApp;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/** Checking an OpenAPI fragment of the write side against the routes the app registers. */
final class OpenApiFragments {
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("\"#/components/(\\w+)/(\\w+)\"");

    private OpenApiFragments() {}

    /** The fragment in the resources at {@code resource}. */
    static JsonNode read(String resource) throws IOException {
        try (InputStream input = OpenApiFragments.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(input);
        }
    }

    /** The operations the fragment documents, as {@code METHOD path}, asserting that each asks for the bearer scheme. */
    static Set<String> documentedWithBearer(JsonNode fragment) {
        Set<String> documented = new TreeSet<>();
        fragment.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    assertThat(operation.getValue().get("security").toString())
                            .as(path.getKey())
                            .isEqualTo("[{\"bearer\":[]}]");
                }));
        return documented;
    }

    /** The routes, as {@code METHOD path}, that the app over an empty data directory at {@code root} registers. */
    static Set<String> registered(Path root, Predicate<String> path) {
        Javalin app = ObservatoryApp.create(ApiConfig.of(new DataDirectory(root), Codelists.load()));
        Set<String> registered = new TreeSet<>();
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(parsed -> {
            var endpoint = parsed.getEndpoint();
            if (endpoint.getMethod().isHttpMethod() && path.test(endpoint.getPath())) {
                registered.add(endpoint.getMethod().name() + " " + endpoint.getPath());
            }
        });
        app.stop();
        return registered;
    }

    /** Asserts that every local reference resolves within the fragment or to the base document's Problem schema. */
    static void assertReferencesResolve(JsonNode fragment) {
        Matcher references = LOCAL_REFERENCE.matcher(fragment.toString());
        while (references.find()) {
            String section = references.group(1);
            String name = references.group(2);
            boolean resolves = fragment.get("components").path(section).has(name)
                    || (section.equals("schemas") && name.equals("Problem"));
            assertThat(resolves).as("#/components/%s/%s", section, name).isTrue();
        }
    }
}
