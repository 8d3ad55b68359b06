package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * What an operator reads when a command cannot run, in the language of {@code --lang} as a whole: a registry held by
 * the running server (the registry's sentence and each command's hint used to stay English), a trusted proxy given by
 * name and an unknown source kind. The error code and the exit status never change with the language.
 */
@Timeout(180)
class OperatorLanguageTest {
    @TempDir
    Path temporary;

    @Test
    void aRegistryHeldByTheServerIsExplainedWholeInPortugueseAndFrench() throws Exception {
        Path data = temporary.resolve("data");
        Path file = temporary.resolve("population.csv");
        Files.writeString(file, "country,year,population\nJAM,2021,2827695\n", StandardCharsets.UTF_8);
        Process server = ServeProcess.command("256m", "--port", "0", "--data", data.toString(), "--lang", "en")
                .redirectErrorStream(true)
                .start();
        try {
            Optional<String> ready = ServeProcess.readyLine(server);
            assertThat(ready).as("the server's first lines").isPresent();
            long pid = server.pid();

            CommandRun english = CommandRun.of("accounts", "add", "--role", "secretariat", "--data", data.toString());
            CommandRun portuguese = CommandRun.of(
                    "accounts", "add", "--role", "secretariat", "--data", data.toString(), "--lang", "pt");
            CommandRun french = CommandRun.of(
                    "accounts", "add", "--role", "secretariat", "--data", data.toString(), "--lang", "fr");
            CommandRun ingest = CommandRun.of(
                    "ingest", file.toString(), "--source", "population", "--data", data.toString(), "--lang", "fr");
            CommandRun pipeline = CommandRun.of("pipeline", "run", "--data", data.toString(), "--lang", "pt");
            CommandRun revoke =
                    CommandRun.of("accounts", "revoke", "acct-1a2b3c4d5e6f", "--data", data.toString(), "--lang", "fr");

            assertThat(english.exit()).isEqualTo(1);
            assertThat(english.err())
                    .startsWith("error [REGISTRY_IN_USE]: The registry of %s is in use by process %d;"
                            .formatted(data, pid));
            assertThat(portuguese.exit()).isEqualTo(english.exit());
            assertThat(portuguese.err())
                    .startsWith(
                            "erro [REGISTRY_IN_USE]: O registro de %s está em uso (processo %d); só um processo pode"
                                    .formatted(data, pid))
                    .contains("Se um servidor observatory estiver em execução neste diretório de dados, crie a conta"
                            + " nele com POST /api/v1/accounts e um token da secretaria, por exemplo curl -H"
                            + " 'Authorization: Bearer TOKEN' -d '{\"role\": \"analyst\", \"country\": \"MEX\"}'"
                            + " http://HOST:PORT/api/v1/accounts; caso contrário, aguarde até que o outro comando"
                            + " termine.")
                    .doesNotContain("is in use", "If an observatory server");
            assertThat(french.exit()).isEqualTo(english.exit());
            assertThat(french.err())
                    .startsWith(
                            "erreur [REGISTRY_IN_USE]\u00a0: Le registre de %s est utilisé par le processus %d\u00a0;"
                                    .formatted(data, pid))
                    .contains("Si un serveur observatory tourne sur ce répertoire de données, créez-y le compte avec"
                            + " POST /api/v1/accounts et un jeton du secrétariat")
                    .doesNotContain("is in use", "If an observatory server");
            assertThat(ingest.exit()).isEqualTo(1);
            assertThat(ingest.err())
                    .startsWith("erreur [REGISTRY_IN_USE]\u00a0: Le registre de ")
                    .contains("soumettez-y le fichier avec POST /api/v1/submissions (champs multipart file, source,"
                            + " country, cycle) et le jeton de votre compte\u00a0; sinon, attendez que l’autre commande"
                            + " ait terminé.");
            assertThat(pipeline.exit()).isEqualTo(1);
            assertThat(pipeline.err())
                    .startsWith("erro [REGISTRY_IN_USE]: O registro de ")
                    .contains("inicie a execução nele com POST /api/v1/pipeline-runs e um token da secretaria");
            assertThat(revoke.exit()).isEqualTo(1);
            assertThat(revoke.err())
                    .contains("révoquez-y le compte avec POST /api/v1/accounts/acct-1a2b3c4d5e6f/revoke et un jeton du"
                            + " secrétariat, par exemple curl -X POST -H 'Authorization: Bearer TOKEN'"
                            + " http://HOST:PORT/api/v1/accounts/acct-1a2b3c4d5e6f/revoke\u00a0; sinon");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void aTrustedProxyGivenByNameIsRefusedInTheLanguageOfLang() {
        CommandRun english = CommandRun.of(
                "serve",
                "--trusted-proxy",
                "proxy.example.org",
                "--data",
                temporary.resolve("data").toString());
        CommandRun portuguese = CommandRun.of(
                "serve",
                "--trusted-proxy",
                "proxy.example.org",
                "--data",
                temporary.resolve("data").toString(),
                "--lang",
                "pt");
        CommandRun french = CommandRun.of(
                "serve",
                "--lang",
                "fr",
                "--trusted-proxy",
                "proxy.example.org",
                "--data",
                temporary.resolve("data").toString());

        assertThat(english.exit()).isEqualTo(1);
        assertThat(english.err()).startsWith("error [CONFIGURATION_INVALID]: Trusted proxy 'proxy.example.org'");
        assertThat(portuguese.exit()).isEqualTo(english.exit());
        assertThat(portuguese.err())
                .startsWith("erro [CONFIGURATION_INVALID]: O proxy confiável 'proxy.example.org' não é um endereço IP"
                        + " nem uma faixa CIDR;");
        assertThat(french.exit()).isEqualTo(english.exit());
        assertThat(french.err())
                .startsWith("erreur [CONFIGURATION_INVALID]\u00a0: Le proxy de confiance 'proxy.example.org' n’est ni"
                        + " une adresse IP ni une plage CIDR\u00a0;");
    }

    @Test
    void theBannerOfServeAndDemoNamesTheFourLanguagesOfThePages() {
        for (Language language : Language.all()) {
            assertThat(Message.of(CliMessage.SERVE_PAGES, "url", "http://127.0.0.1:7070/")
                            .in(language))
                    .as(language.code())
                    .contains("/es/", "/en/", "/pt/", "/fr/");
        }
    }

    @Test
    void anUnknownSourceKindIsAUsageErrorInTheLanguageOfLang() throws Exception {
        Path file = temporary.resolve("x.csv");
        Files.writeString(file, "a\n1\n", StandardCharsets.UTF_8);

        CommandRun english = CommandRun.of("ingest", file.toString(), "--source", "spreadsheet");
        CommandRun portuguese = CommandRun.of("ingest", file.toString(), "--source", "spreadsheet", "--lang", "pt");
        CommandRun french = CommandRun.of("ingest", "--lang", "fr", file.toString(), "--source", "spreadsheet");

        assertThat(english.exit()).isEqualTo(2);
        assertThat(english.err())
                .contains("unknown source kind 'spreadsheet'; use one of cts, national, population, sdmx-csv,"
                        + " correspondence");
        assertThat(portuguese.exit()).isEqualTo(2);
        assertThat(portuguese.err())
                .contains("tipo de fonte desconhecido 'spreadsheet'; use um de cts, national, population, sdmx-csv,"
                        + " correspondence")
                .doesNotContain("unknown source kind");
        assertThat(french.exit()).isEqualTo(2);
        assertThat(french.err())
                .contains("type de source inconnu 'spreadsheet'\u00a0; utilisez l’un de cts, national, population,"
                        + " sdmx-csv, correspondence")
                .doesNotContain("unknown source kind");
    }
}
