package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.WriteSideSupport.NO_INGEST;
import static org.observatory.api.WriteSideSupport.addAccount;
import static org.observatory.api.WriteSideSupport.dataDirectory;
import static org.observatory.api.WriteSideSupport.json;
import static org.observatory.api.WriteSideSupport.request;
import static org.observatory.api.WriteSideSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Refusals of the write side in the reader's language: who is refused and what they tried to do are put in the
 * sentence in the same language; the error code, the message code and the parameter do not change.
 */
class WriteRoutesLanguageTest {
    @TempDir
    Path root;

    @Test
    void anAnalystRefusedASecretariatRouteReadsWhoAndWhatInTheirLanguage() throws Exception {
        DataDirectory data = dataDirectory(root);
        String mexAnalyst = addAccount(data, Role.ANALYST, Optional.of("MEX")).token();
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE.withIntake(NO_INGEST))) {
            for (String[] expected : new String[][] {
                {"en", "Only the secretariat can list the accounts; a MEX analyst cannot"},
                {"es", "Solo la secretaría puede listar las cuentas; un analista de MEX no puede"},
                {"pt", "Somente a secretaria pode listar as contas; um analista de MEX não pode"},
                {"fr", "Seul le secrétariat peut lister les comptes\u00a0; un analyste de MEX ne le peut pas"}
            }) {
                HttpResponse<String> response = send(
                        server,
                        request("/api/v1/accounts")
                                .header("Authorization", "Bearer " + mexAnalyst)
                                .header("Accept-Language", expected[0])
                                .GET());
                assertThat(response.statusCode()).isEqualTo(403);
                JsonNode problem = json(response);
                assertThat(problem.get("code").asText()).isEqualTo("FORBIDDEN");
                assertThat(problem.get("messageCode").asText()).isEqualTo("api.secretariat-only");
                assertThat(problem.get("detail").asText()).isEqualTo(expected[1]);
            }
        }
    }

    @Test
    void aRefusedAccountBodyAndAMissingTokenAreInTheReadersLanguage() throws Exception {
        DataDirectory data = dataDirectory(root);
        String secretariat =
                addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE.withIntake(NO_INGEST))) {
            HttpResponse<String> badRole = send(
                    server,
                    request("/api/v1/accounts")
                            .header("Authorization", "Bearer " + secretariat)
                            .header("Accept-Language", "es")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"role\": \"boss\"}")));
            assertThat(badRole.statusCode()).isEqualTo(400);
            JsonNode problem = json(badRole);
            assertThat(problem.get("parameter").asText()).isEqualTo("role");
            assertThat(problem.get("messageCode").asText()).isEqualTo("api.role-unknown");
            assertThat(problem.get("detail").asText()).isEqualTo("Rol desconocido 'boss'; use analyst o secretariat");

            HttpResponse<String> anonymous = send(
                    server,
                    request("/api/v1/submissions")
                            .header("Accept-Language", "fr")
                            .GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Language")).contains("fr-CA");
            assertThat(json(anonymous).get("detail").asText())
                    .isEqualTo("Envoyez 'Authorization: Bearer <token>' avec le jeton de votre compte pour lister les"
                            + " transmissions\u00a0; le secrétariat crée les comptes");
        }
    }
}
