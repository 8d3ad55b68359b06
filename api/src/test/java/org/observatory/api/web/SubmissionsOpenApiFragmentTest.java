package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI fragment of the write side documents exactly the write routes the app declares, every
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
        JsonNode fragment = OpenApiFragments.read(FRAGMENT);
        Set<String> documented = OpenApiFragments.documentedWithBearer(fragment);
        Set<String> registered = OpenApiFragments.registered(
                root, path -> PREFIXES.stream().anyMatch(prefix -> path.startsWith(prefix)));

        assertThat(documented).isEqualTo(registered).hasSize(10);
        assertThat(fragment.get("components")
                        .get("securitySchemes")
                        .get("bearer")
                        .get("scheme")
                        .asText())
                .isEqualTo("bearer");
        OpenApiFragments.assertReferencesResolve(fragment);
    }
}
