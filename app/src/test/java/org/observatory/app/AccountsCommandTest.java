package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.observatory.api.registry.Authentication;
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
        try (Registry registry = Registry.open(new DataDirectory(data))) {
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

    @Test
    void rotatePrintsTheNewTokenOnceAndTheOldOneNoLongerAuthenticates() {
        Path data = temporary.resolve("data");
        String old = CommandRun.of(
                        "accounts", "add", "--role", "analyst", "--country", "MEX", "--data", data.toString())
                .out()
                .lines()
                .toList()
                .get(2);
        String accountId = old.substring(0, old.indexOf('.'));

        int exit = run("accounts", "rotate", accountId, "--data", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Rotated the token of analyst account %s (analyst MEX); the previous token no longer works."
                        .formatted(accountId));
        assertThat(lines.get(1)).isEqualTo("Token (shown this once; the registry keeps only its SHA-256):");
        String successor = lines.get(2);
        assertThat(successor).startsWith(accountId + ".").isNotEqualTo(old);
        assertThat(lines).hasSize(4);
        try (Registry registry = Registry.open(new DataDirectory(data))) {
            assertThat(registry.authenticate(old)).isEmpty();
            assertThat(registry.verify(old)).isInstanceOf(Authentication.Replaced.class);
            assertThat(registry.authenticate(successor).orElseThrow().accountId())
                    .isEqualTo(accountId);
            AuditEntry rotation = registry.auditLog().get(1);
            assertThat(rotation.actor()).startsWith("cli (user ");
            assertThat(rotation.detail()).doesNotContain(successor, old);
        }
    }

    @Test
    void revokeMakesTheTokenFailAndIsFinal() {
        Path data = temporary.resolve("data");
        run("accounts", "add", "--role", "secretariat", "--data", data.toString());
        String token = CommandRun.of(
                        "accounts", "add", "--role", "analyst", "--country", "COL", "--data", data.toString())
                .out()
                .lines()
                .toList()
                .get(2);
        String accountId = token.substring(0, token.indexOf('.'));

        CommandRun revoke = CommandRun.of("accounts", "revoke", accountId, "--data", data.toString());
        CommandRun again = CommandRun.of("accounts", "revoke", accountId, "--data", data.toString());
        CommandRun rotate = CommandRun.of("accounts", "rotate", accountId, "--data", data.toString());
        CommandRun unknown = CommandRun.of("accounts", "revoke", "acct-000000000000", "--data", data.toString());

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out())
                .isEqualTo(
                        "Revoked analyst account %s (analyst COL); its token no longer works.%n".formatted(accountId));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err())
                .startsWith("error [CONFLICT]: Account %s (analyst COL) was revoked already, on ".formatted(accountId));
        assertThat(rotate.exit()).isEqualTo(1);
        assertThat(rotate.err())
                .contains("and gets no new token; a revocation is final. Create a new account for its owner instead");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err())
                .isEqualTo("error [NOT_FOUND]: No account 'acct-000000000000' in the registry; the listing of accounts"
                        + " (GET /api/v1/accounts, or ./observatory accounts list) shows their ids%n".formatted());
        try (Registry registry = Registry.open(new DataDirectory(data))) {
            assertThat(registry.verify(token)).isInstanceOf(Authentication.Revoked.class);
        }
    }

    @Test
    void listShowsEveryAccountAndItsStatusButNeverATokenAsTextAndJson() throws Exception {
        Path data = temporary.resolve("data");
        CommandRun secretariat = CommandRun.of("accounts", "add", "--role", "secretariat", "--data", data.toString());
        CommandRun analyst = CommandRun.of(
                "accounts",
                "add",
                "--role",
                "analyst",
                "--country",
                "MEX",
                "--expires",
                "2999-01-01",
                "--data",
                data.toString());
        String analystToken = analyst.out().lines().toList().get(2);
        String analystId = analystToken.substring(0, analystToken.indexOf('.'));
        assertThat(analyst.out().lines().toList().get(4)).isEqualTo("It stops working at 2999-01-01T00:00:00Z.");
        CommandRun.of("accounts", "revoke", analystId, "--data", data.toString());

        int text = run("accounts", "list", "--data", data.toString());
        String table = out.toString();
        int json = run("accounts", "list", "--data", data.toString(), "--format", "json");
        JsonNode listing = WriteApi.JSON.readTree(out.toString().substring(table.length()));

        assertThat(text).as(err.toString()).isZero();
        assertThat(json).isZero();
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).matches("ACCOUNT +ROLE +COUNTRY +STATUS +CREATED +EXPIRES +REVOKED +ROTATED");
        assertThat(lines).hasSize(3);
        assertThat(lines)
                .anyMatch(line -> line.matches(
                        "%s +analyst +MEX +revoked +\\S+Z +2999-01-01T00:00:00Z +\\S+Z +-".formatted(analystId)))
                .anyMatch(line -> line.matches("acct-[0-9a-f]{12} +secretariat +- +active +\\S+Z +never +- +-"));
        assertThat(listing.get("accounts")).hasSize(2);
        List<String> ids = new java.util.ArrayList<>();
        listing.get("accounts")
                .forEach(account -> ids.add(account.get("accountId").asText()));
        assertThat(ids).isSorted().contains(analystId);
        String secretariatToken = secretariat.out().lines().toList().get(2);
        for (String token : List.of(secretariatToken, analystToken)) {
            assertThat(out.toString()).doesNotContain(token.substring(token.indexOf('.') + 1));
        }
        try (Registry registry = Registry.open(new DataDirectory(data))) {
            assertThat(registry.auditLog())
                    .extracting(AuditEntry::detail)
                    .endsWith("listed the accounts (2)", "listed the accounts (2)");
        }
    }

    @Test
    void anExpiryMustBeADayAfterToday() {
        assertThat(run(
                        "accounts",
                        "add",
                        "--role",
                        "secretariat",
                        "--expires",
                        "2020-01-01",
                        "--data",
                        temporary.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--expires: 2020-01-01 is not after today (")
                .contains("give the day the token stops working as YYYY-MM-DD (UTC), e.g. 2027-01-01, or never");
        assertThat(run("accounts", "rotate", "acct-000000000000", "--expires", "soon", "--data", temporary.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--expires: 'soon' is not a day; give the day the token stops working");
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
        Process server = ServeProcess.command("256m", "--port", "0", "--data", data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            Optional<String> ready = ServeProcess.readyLine(server);
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
            CommandRun list = CommandRun.of("accounts", "list", "--data", data.toString());
            CommandRun revoke = CommandRun.of("accounts", "revoke", "acct-1a2b3c4d5e6f", "--data", data.toString());
            CommandRun rotate = CommandRun.of("accounts", "rotate", "acct-1a2b3c4d5e6f", "--data", data.toString());
            assertThat(List.of(list.exit(), revoke.exit(), rotate.exit())).containsOnly(1);
            assertThat(list.err())
                    .contains("If an observatory server runs on this data directory, list the accounts there with GET"
                            + " /api/v1/accounts and a secretariat token");
            assertThat(revoke.err())
                    .contains("If an observatory server runs on this data directory, revoke the account there with POST"
                            + " /api/v1/accounts/acct-1a2b3c4d5e6f/revoke and a secretariat token");
            assertThat(rotate.err())
                    .contains("If an observatory server runs on this data directory, rotate the token there with POST"
                            + " /api/v1/accounts/acct-1a2b3c4d5e6f/rotate and a secretariat token (or the account's"
                            + " own)");
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

    @Test
    void userErrorsAndResultsAreWrittenInTheLanguageWithTheSameExitStatus() {
        Path data = temporary.resolve("data");
        String[] foreignCountry = {"accounts", "add", "--role", "analyst", "--country", "FRA", "--data", data.toString()
        };
        String[] pastExpiry = {
            "accounts", "add", "--role", "secretariat", "--expires", "2020-01-01", "--data", data.toString()
        };
        java.util.Map<String, List<CommandRun>> runs = new java.util.LinkedHashMap<>();
        for (String language : List.of("en", "pt", "fr")) {
            runs.put(
                    language,
                    List.of(
                            CommandRun.of(withLanguage(foreignCountry, language)),
                            CommandRun.of(withLanguage(pastExpiry, language))));
        }

        assertThat(runs.values())
                .allSatisfy(
                        both -> assertThat(both).extracting(CommandRun::exit).containsExactly(2, 2));
        assertThat(runs.get("pt").get(0).err())
                .contains("--country 'FRA' não é um Estado membro desta implantação; informe o código ISO alfa-3 de um"
                        + " Estado membro, p. ex. MEX");
        assertThat(runs.get("fr").get(0).err())
                .contains("--country «\u00a0FRA\u00a0» n’est pas un État membre de ce déploiement\u00a0; indiquez le"
                        + " code ISO alpha-3 d’un État membre, p. ex. MEX");
        assertThat(runs.get("pt").get(1).err())
                .contains("--expires: 2020-01-01 não é posterior a hoje (")
                .contains("informe o dia em que o token deixa de funcionar como AAAA-MM-DD (UTC)");
        assertThat(runs.get("fr").get(1).err())
                .contains("--expires\u00a0: 2020-01-01 n’est pas postérieur à aujourd’hui (")
                .contains("indiquez le jour où le jeton cesse de fonctionner sous la forme AAAA-MM-JJ (UTC)");
        assertThat(Files.exists(data.resolve("registry"))).isFalse();

        CommandRun created =
                CommandRun.of("accounts", "add", "--role", "secretariat", "--data", data.toString(), "--lang", "fr");
        assertThat(created.exit()).as(created.err()).isZero();
        List<String> lines = created.out().lines().toList();
        assertThat(lines.get(0)).matches("Compte secretariat acct-[0-9a-f]{12} créé");
        assertThat(lines.get(1))
                .isEqualTo("Jeton (affiché cette seule fois\u00a0; le registre n’en garde que le" + " SHA-256)\u00a0:");
        assertThat(lines.get(3)).isEqualTo("Les requêtes l’envoient sous la forme 'Authorization: Bearer <token>'.");
        assertThat(CommandRun.of("accounts", "list", "--data", data.toString(), "--lang", "pt")
                        .out())
                .startsWith("CONTA ")
                .contains(" PAPEL ", " PAÍS ", " SITUAÇÃO ", " CRIADA ", " EXPIRA ", " REVOGADA ", " RENOVADA")
                .contains(" secretariat ", " active ", " nunca ");
    }

    private static String[] withLanguage(String[] arguments, String language) {
        List<String> all = new java.util.ArrayList<>(List.of(arguments));
        all.addAll(List.of("--lang", language));
        return all.toArray(String[]::new);
    }
}
