package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.text.Messages;

/**
 * The command's human output in the four languages ({@code --lang}, else the process's locale): the same codes,
 * lines and columns in every language, the words of the language, numbers as the named locale writes them.
 */
class CliLanguageTest {
    private static final char NO_BREAK = '\u00a0';
    private static final char NARROW_NO_BREAK = '\u202f';

    @TempDir
    Path temporary;

    @Test
    void cliMessagesHaveEveryTextInTheFourLanguages() {
        assertThat(Messages.problems(CliMessage.class)).isEmpty();
    }

    /** A population file of 1,201 rows: 1,200 of a country outside the deployment and one that is not a number. */
    private Path rejectedUpload() throws Exception {
        StringBuilder csv = new StringBuilder("country,year,population\n");
        for (int row = 0; row < 1200; row++) {
            csv.append("FRA,2021,67000000\n");
        }
        csv.append("JAM,2021,lots\n");
        Path file = temporary.resolve("population.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private CommandRun ingest(Path file, String language, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "ingest",
                file.toString(),
                "--source",
                "population",
                "--data",
                temporary.resolve("data-" + language).toString(),
                "--lang",
                language));
        arguments.addAll(List.of(more));
        return CommandRun.of(arguments.toArray(String[]::new));
    }

    @Test
    void theSameRejectedUploadGivesItsReportInEachLanguageWithTheSameCodesLinesAndColumns() throws Exception {
        Path file = rejectedUpload();
        List<String> reports = new ArrayList<>();
        List<List<String>> codes = new ArrayList<>();
        List<JsonNode> issues = new ArrayList<>();
        for (String language : List.of("es", "en", "pt", "fr")) {
            CommandRun run = ingest(file, language);
            assertThat(run.exit()).as(language + ": " + run.err()).isEqualTo(1);
            reports.add(run.out());
            codes.add(run.out()
                    .lines()
                    .filter(line -> line.startsWith("  ERROR ") || line.startsWith("  WARNING "))
                    .map(line -> line.substring(0, line.indexOf(':')))
                    .toList());
            CommandRun json = ingest(file, language + "-json", "--format", "json");
            issues.add(new ObjectMapper().readTree(json.out()).get("issues"));
        }
        assertThat(codes.get(0)).containsExactly("  ERROR VALUE_NOT_A_NUMBER");
        assertThat(codes).allMatch(codes.get(0)::equals);
        assertThat(issues).allMatch(list -> withoutMessages(list).equals(withoutMessages(issues.get(0))));
        assertThat(issues.get(0).get(0).get("messageCode").asText()).isEqualTo("ingest.value-not-a-number");
        assertThat(issues.stream()
                        .map(list -> list.get(0).get("message").asText())
                        .distinct())
                .hasSize(4);
        assertThat(issues.get(0).get(0).get("line").asLong()).isEqualTo(1202);
        assertThat(issues.get(0).get(0).get("column").asText()).isEqualTo("population");
        assertThat(reports).allMatch(report -> report.contains(": REJECTED"));

        assertThat(reports.get(0))
                .as("es-419")
                .contains("Filas: 1,201 leídas, 0 aceptadas, 1,200 omitidas (out-of-scope-country 1,200)")
                .contains("Problemas: 1 error, 0 advertencias");
        assertThat(reports.get(1))
                .as("en-US")
                .contains("Rows: 1,201 read, 0 accepted, 1,200 skipped (out-of-scope-country 1,200)")
                .contains("Issues: 1 error(s), 0 warning(s)");
        assertThat(reports.get(2))
                .as("pt-BR")
                .contains("Linhas: 1.201 lidas, 0 aceitas, 1.200 ignoradas (out-of-scope-country 1.200)")
                .contains("Problemas: 1 erro, 0 avisos");
        assertThat(reports.get(3))
                .as("fr-CA")
                .contains(
                        "Lignes" + NO_BREAK + ": 1" + NO_BREAK + "201 lues, 0 acceptée, 1" + NO_BREAK + "200 ignorées")
                .contains("Problèmes" + NO_BREAK + ": 1 erreur, 0 avertissement");
    }

    private static JsonNode withoutMessages(JsonNode issues) {
        JsonNode copy = issues.deepCopy();
        copy.forEach(issue -> ((ObjectNode) issue).remove("message"));
        return copy;
    }

    @Test
    void aTagWithARegionFormatsNumbersAsThatRegionDoes() throws Exception {
        CommandRun run = ingest(rejectedUpload(), "fr-FR");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .as("fr-FR groups digits with a narrow no-break space")
                .contains("Lignes" + NO_BREAK + ": 1" + NARROW_NO_BREAK + "201 lues");
    }

    @Test
    void anUnsupportedLanguageIsAUsageErrorThatListsTheFour() throws Exception {
        CommandRun run = ingest(rejectedUpload(), "de");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("Invalid value for option '--lang': --lang 'de' is not a supported language; use es, en, pt"
                        + " or fr (a tag with a region, like fr-FR or pt-PT, also works)");
    }

    @Test
    void errorsAreWrittenInTheLanguageWithTheirCode() {
        CommandRun run = CommandRun.of(
                "demo",
                "--tls-certificate",
                temporary.resolve("certificate.pem").toString(),
                "--data",
                temporary.resolve("data").toString(),
                "--lang",
                "pt");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("erro [INVALID_PARAMETER]: --tls-certificate foi indicado sem --tls-key; indique"
                        + " --tls-certificate FILE e --tls-key FILE para escutar com TLS, ou nenhum dos dois");

        CommandRun spanish = CommandRun.of("report", "response-rates", "--cycle", "1850", "--lang", "es");
        assertThat(spanish.exit()).isEqualTo(2);
        assertThat(spanish.err())
                .contains("--cycle 1850 no es un ciclo del UN-CTS; indique un año de 1970 a 2100, p. ej. --cycle 2010");
    }

    @Test
    void theLanguageOptionComesBeforeOrAfterTheCommand() throws Exception {
        Path file = rejectedUpload();
        CommandRun before = CommandRun.of(
                "--lang",
                "pt",
                "ingest",
                file.toString(),
                "--source",
                "population",
                "--data",
                temporary.resolve("data").toString());

        assertThat(before.out()).contains("Linhas: 1.201 lidas");
    }

    @Test
    void theLanguageVariablesOfTheEnvironmentChooseEvenWhenTheMachineLacksThatLocale() {
        assertThat(CliLanguage.processLocale(Map.of("LANG", "pt_BR.UTF-8"))).isEqualTo(Locale.forLanguageTag("pt-BR"));
        assertThat(CliLanguage.processLocale(Map.of("LANG", "fr_FR.UTF-8@euro", "LC_ALL", "fr_CA.UTF-8")))
                .as("LC_ALL comes before LANG")
                .isEqualTo(Locale.forLanguageTag("fr-CA"));
        assertThat(CliLanguage.processLocale(Map.of("LC_MESSAGES", "es_MX", "LANG", "fr_FR")))
                .isEqualTo(Locale.forLanguageTag("es-MX"));
        assertThat(CliLanguage.processLocale(Map.of("LANG", "fr"))).isEqualTo(Locale.forLanguageTag("fr-CA"));
        assertThat(CliLanguage.processLocale(Map.of("LANG", "de_DE.UTF-8"))).isEqualTo(Locale.forLanguageTag("en-US"));
        assertThat(CliLanguage.processLocale(Map.of("LANG", "C.UTF-8"))).isEqualTo(Locale.forLanguageTag("en-US"));
    }

    @Test
    void withoutLangOrLanguageVariablesTheJvmLocaleChoosesAndAnotherLanguageGivesEnglish() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("pt-BR"));
            assertThat(CliLanguage.processLocale(Map.of())).isEqualTo(Locale.forLanguageTag("pt-BR"));
            Locale.setDefault(Locale.forLanguageTag("fr"));
            assertThat(CliLanguage.processLocale(Map.of())).isEqualTo(Locale.forLanguageTag("fr-CA"));
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            assertThat(CliLanguage.processLocale(Map.of())).isEqualTo(Locale.forLanguageTag("en-US"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
