package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ObservatoryApp;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The OpenAPI fragment of the write side documents exactly the routes {@link SubmissionRoutes} registers, every
 * operation asks for the bearer scheme, and every local reference resolves within the fragment or to the
 * {@code Problem} schema of the base document.
 */
class SubmissionsOpenApiFragmentTest {
    private static final String FRAGMENT = "/org/observatory/api/openapi/paths-submissions.json";
    private static final Set<String> PREFIXES = Set.of("/api/v1/submissions", "/api/v1/pipeline-runs", "/api/v1/audit");

    @TempDir
    Path root;

    @Test
    void documentsEveryWriteRouteAndNoOtherWithTheBearerScheme() throws Exception {
        JsonNode fragment;
        try (InputStream input = SubmissionsOpenApiFragmentTest.class.getResourceAsStream(FRAGMENT)) {
            fragment = new ObjectMapper().readTree(input);
        }
        Set<String> documented = new TreeSet<>();
        fragment.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    assertThat(operation.getValue().get("security").toString())
                            .as(path.getKey())
                            .isEqualTo("[{\"bearer\":[]}]");
                }));

        Javalin app = ObservatoryApp.create(ApiConfig.of(new DataDirectory(root), Codelists.load()));
        Set<String> registered = new TreeSet<>();
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(parsed -> {
            var endpoint = parsed.getEndpoint();
            if (endpoint.getMethod().isHttpMethod()
                    && PREFIXES.stream().anyMatch(prefix -> endpoint.getPath().startsWith(prefix))) {
                registered.add(endpoint.getMethod().name() + " " + endpoint.getPath());
            }
        });
        app.stop();

        assertThat(documented).isEqualTo(registered).hasSize(8);
        assertThat(fragment.get("components")
                        .get("securitySchemes")
                        .get("bearer")
                        .get("scheme")
                        .asText())
                .isEqualTo("bearer");
        String text = fragment.toString();
        java.util.regex.Matcher references = java.util.regex.Pattern.compile("\"#/components/(\\w+)/(\\w+)\"")
                .matcher(text);
        while (references.find()) {
            String section = references.group(1);
            String name = references.group(2);
            boolean resolves = fragment.get("components").path(section).has(name)
                    || (section.equals("schemas") && name.equals("Problem"));
            assertThat(resolves).as("#/components/%s/%s", section, name).isTrue();
        }
    }
}
