package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI fragment of the accounts documents exactly the routes under {@code /api/v1/accounts} that {@link
 * SubmissionRoutes} registers, every operation asks for the bearer scheme, and every local reference resolves within
 * the fragment or to the {@code Problem} schema of the base document.
 */
class AccountsOpenApiFragmentTest {
    private static final String FRAGMENT = "/org/observatory/api/openapi/paths-accounts.json";

    @TempDir
    Path root;

    @Test
    void documentsEveryAccountsRouteAndNoOtherWithTheBearerScheme() throws Exception {
        JsonNode fragment = OpenApiFragments.read(FRAGMENT);
        Set<String> documented = OpenApiFragments.documentedWithBearer(fragment);
        Set<String> registered = OpenApiFragments.registered(root, path -> path.startsWith(SubmissionRoutes.ACCOUNTS));

        assertThat(documented)
                .isEqualTo(registered)
                .containsExactly(
                        "GET /api/v1/accounts",
                        "POST /api/v1/accounts",
                        "POST /api/v1/accounts/{id}/revoke",
                        "POST /api/v1/accounts/{id}/rotate");
        OpenApiFragments.assertReferencesResolve(fragment);
    }
}
