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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.WriteSideSupport;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

/**
 * An unknown {@code source} of an upload is refused in the reader's language as a whole: the reason put inside "Form
 * field 'source': ..." was English in every language; now it is a coded message too.
 */
@Timeout(60)
class SourceKindLanguageTest {
    private static final String BOUNDARY = "observatory-test-boundary";

    @TempDir
    Path root;

    @Test
    void anUnknownSourceKindIsRefusedWholeInTheReadersLanguage() throws Exception {
        DataDirectory data = dataDirectory(root);
        String secretariat =
                addAccount(data, Role.SECRETARIAT, Optional.empty()).token();
        String body = ("--%1$s\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nspreadsheet\r\n"
                        + "--%1$s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nx\n\r\n--%1$s--\r\n")
                .formatted(BOUNDARY);
        try (ApiServer server = WriteSideSupport.start(data, SubmissionsConfig.NONE.withIntake(NO_INGEST))) {
            for (String[] expected : new String[][] {
                {
                    "en",
                    "Form field 'source': unknown source kind 'spreadsheet'; use one of cts, national, population,"
                            + " sdmx-csv, correspondence"
                },
                {
                    "pt",
                    "Campo de formulário 'source': tipo de fonte desconhecido 'spreadsheet'; use um de cts, national,"
                            + " population, sdmx-csv, correspondence"
                },
                {
                    "fr",
                    "Champ de formulaire 'source'\u00a0: type de source inconnu 'spreadsheet'\u00a0; utilisez l’un de"
                            + " cts, national, population, sdmx-csv, correspondence"
                }
            }) {
                HttpResponse<String> response = send(
                        server,
                        request("/api/v1/submissions")
                                .header("Authorization", "Bearer " + secretariat)
                                .header("Accept-Language", expected[0])
                                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));

                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                JsonNode problem = json(response);
                assertThat(problem.get("code").asText()).isEqualTo("INVALID_PARAMETER");
                assertThat(problem.get("parameter").asText()).isEqualTo("source");
                assertThat(problem.get("messageCode").asText()).isEqualTo("api.source-invalid");
                assertThat(problem.get("detail").asText()).isEqualTo(expected[1]);
            }
        }
    }
}
