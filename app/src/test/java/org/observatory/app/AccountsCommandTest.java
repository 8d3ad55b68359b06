package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.AuditEntry;
import org.observatory.api.registry.Registry;
import org.observatory.api.registry.Role;
import org.observatory.schemas.storage.DataDirectory;

class AccountsCommandTest {
    @TempDir
    Path temporary;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the command; what it prints adds to {@link #out} and {@link #err}. */
    private int run(String... args) {
        return CommandRun.of(args).appendTo(out, err);
    }

    @Test
    void printsTheNewTokenOnceAndTheRegistryAuthenticatesIt() {
        Path data = temporary.resolve("data");

        int exit = run("accounts", "add", "--role", "analyst", "--country", "mex", "--data", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).matches("Created analyst account acct-[0-9a-f]{12} for MEX");
        assertThat(lines.get(1)).isEqualTo("Token (shown this once; the registry keeps only its SHA-256):");
        String token = lines.get(2);
        assertThat(lines.get(3)).isEqualTo("Requests send it as 'Authorization: Bearer <token>'.");
        try (Registry registry = Registry.open(new DataDirectory(data), "")) {
            Account account = registry.authenticate(token).orElseThrow();
            assertThat(account.role()).isEqualTo(Role.ANALYST);
            assertThat(account.country()).isEqualTo("MEX");
            AuditEntry created = registry.auditLog().get(0);
            assertThat(created.actor()).startsWith("cli (user ");
            assertThat(created.detail()).doesNotContain(token);
        }
    }

    @Test
    void printsJsonWithFormatJson() throws Exception {
        int exit = run("accounts", "add", "--role", "secretariat", "--data", temporary.toString(), "--format", "json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = WriteApi.JSON.readTree(out.toString());
        assertThat(json.get("role").asText()).isEqualTo("secretariat");
        assertThat(json.get("country").isNull()).isTrue();
        assertThat(json.get("token").asText()).startsWith(json.get("accountId").asText() + ".");
    }

    @Test
    void refusesAnAnalystWithoutACountryAndAnUnknownRoleWithExitTwo() {
        assertThat(run("accounts", "add", "--role", "analyst", "--data", temporary.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("An analyst account belongs to one country; give --country ISO3, e.g. MEX");
        assertThat(run("accounts", "add", "--role", "admin", "--data", temporary.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--role: Unknown role 'admin'; use analyst or secretariat");
        assertThat(run("accounts", "add", "--role", "analyst", "--country", "FRA", "--data", temporary.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--country 'FRA' is not a member state of this deployment; give the ISO alpha-3 code of a"
                        + " member state, e.g. MEX");
        assertThat(Files.exists(temporary.resolve("registry"))).isFalse();
    }

    /**
     * While a server (another process) runs on the data directory it holds the registry: the commands that write it
     * say so and point to the matching API route, with exit code 1, and change nothing.
     */
    @Test
    void commandsThatFindTheServerRunningPointToTheApiRoute() throws Exception {
        Path data = temporary.resolve("data");
        Path file = temporary.resolve("population.csv");
        Files.writeString(file, "country,year,population\nJAM,2021,2827695\n", StandardCharsets.UTF_8);
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ObservatoryCommand.class.getName(),
                        "serve",
                        "--port",
                        "0",
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Optional<String> ready = output.lines()
                    .filter(line -> line.startsWith("Observatory API ready at "))
                    .findFirst();
            assertThat(ready).as("the server's first lines").isPresent();

            int accounts = run("accounts", "add", "--role", "secretariat", "--data", data.toString());
            String accountsError = err.toString();
            int ingest = run("ingest", file.toString(), "--source", "population", "--data", data.toString());
            String ingestError = err.toString().substring(accountsError.length());
            int pipeline = run("pipeline", "run", "--data", data.toString());
            String pipelineError = err.toString().substring(accountsError.length() + ingestError.length());

            assertThat(accounts).isEqualTo(1);
            assertThat(accountsError)
                    .startsWith("error [REGISTRY_IN_USE]: The registry of %s is in use by process %d; it has one"
                            .formatted(data, server.pid()))
                    .contains("the running observatory server, or a command while no server runs. If an observatory"
                            + " server runs on this data directory, create the account there with POST"
                            + " /api/v1/accounts and a secretariat token");
            assertThat(ingest).isEqualTo(1);
            assertThat(ingestError)
                    .contains("If an observatory server runs on this data directory, submit the file there with"
                            + " POST /api/v1/submissions");
            assertThat(pipeline).isEqualTo(1);
            assertThat(pipelineError)
                    .contains("If an observatory server runs on this data directory, start the run there with POST"
                            + " /api/v1/pipeline-runs and a secretariat token");
            assertThat(Files.exists(data.resolve("landing")))
                    .as("nothing landed")
                    .isFalse();
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // once the server has stopped, the command is the registry's writer
        assertThat(run("accounts", "add", "--role", "secretariat", "--data", data.toString()))
                .as(err.toString())
                .isZero();
    }
}
