package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.observatory.ingest.format.ColumnSpec;
import org.observatory.ingest.format.InputFormat;
import org.observatory.ingest.testing.StagingArea;
import org.observatory.ingest.validate.Severity;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.Messages;

/**
 * Ingest speaks Spanish, English, Portuguese and French: every message in the four languages, the same report
 * (codes, lines, columns) whatever the language it is read in, a stored report shown again in any of them, and
 * headers, sex and age labels and templates accepted in the four languages.
 */
class IngestLanguagesTest {
    private static final Path TEMPLATES = Path.of("..", "sample-data", "templates");
    private static final Path MALFORMED = Path.of("src", "test", "resources", "malformed");
    private static final Path FUZZ_INPUTS =
            Path.of("src", "test", "resources", "org", "observatory", "ingest", "fuzz", "IngestFuzzTestInputs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void everyIngestMessageHasItsTextInTheFourLanguagesWithTheSamePlaceholders() {
        assertThat(Messages.problems(IngestMessage.class)).isEmpty();
    }

    @Test
    void everyIngestMessageRendersEveryPlaceholderItsEnglishTextNames() {
        for (IngestMessage code : IngestMessage.values()) {
            String english = Messages.text(code, Language.ENGLISH).orElseThrow();
            Map<String, Object> arguments = new LinkedHashMap<>();
            Messages.placeholders(english).forEach(name -> arguments.put(name, 7L));
            Message message = new Message(code, arguments);
            for (Language language : Language.all()) {
                String text = message.in(language);
                assertThat(unreplaced(text, arguments.keySet()))
                        .as("%s in %s: %s", code.code(), language, text)
                        .isEmpty();
                if (language != Language.ENGLISH && code != IngestMessage.STORED) {
                    assertThat(text).as("%s in %s", code.code(), language).isNotEqualTo(message.english());
                }
            }
        }
    }

    @Test
    void theSameRejectedUploadsGiveTheSameCodesLinesAndColumnsInEveryLanguageAndTheirTextInEach() throws Exception {
        List<ValidationIssue> issues = rejectedIssues();
        Set<String> codes = new TreeSet<>();
        for (ValidationIssue issue : issues) {
            codes.add(issue.messageCode());
            String english = issue.message(Language.ENGLISH.defaultLocale());
            assertThat(english).isEqualTo(issue.message());
            for (Language language : Language.all()) {
                String text = issue.message(language.defaultLocale());
                assertThat(unreplaced(text, issue.arguments().keySet()))
                        .as("%s in %s: %s", issue.messageCode(), language, text)
                        .isEmpty();
                if (language == Language.PORTUGUESE || language == Language.FRENCH) {
                    assertThat(text).as(issue.messageCode()).isNotEqualTo(english);
                }
            }
        }
        // the language is only how an issue is read: the report itself has no language
        assertThat(issues).allSatisfy(issue -> assertThat(issue.messageCode()).startsWith("ingest."));
        assertThat(codes)
                .as("the rejected uploads reach many different messages")
                .hasSizeGreaterThan(25);
    }

    @Test
    void aPortugueseAndAFrenchReaderSeeTheSameIssueOfTheSameLineInTheirLanguage() throws Exception {
        Path file = write(
                "pop.csv", "country,year,population\nJAM,20x1,2800000\nJAM,2021,-5\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION, Optional.empty());

        assertThat(result.issues()).hasSize(2);
        ValidationIssue year = result.issues().get(0);
        assertThat(year.line()).isEqualTo(2);
        assertThat(year.column()).isEqualTo("year");
        assertThat(year.message())
                .isEqualTo("Line 2, column 'year': '20x1' is not a year; write a four-digit year such as 2023");
        assertThat(year.message(Locale.forLanguageTag("es-419")))
                .isEqualTo("Línea 2, columna «year»: «20x1» no es un año; escriba un año de cuatro cifras, como 2023");
        assertThat(year.message(Locale.forLanguageTag("pt-BR")))
                .isEqualTo(
                        "Linha 2, coluna \"year\": \"20x1\" não é um ano; escreva um ano de quatro dígitos, como 2023");
        assertThat(year.message(Locale.forLanguageTag("fr-CA")))
                .isEqualTo("Ligne 2, colonne «\u00a0year\u00a0»\u00a0: «\u00a020x1\u00a0» n’est pas une année\u00a0;"
                        + " écrivez une année à quatre chiffres, comme 2023");
        assertThat(result.issues().get(1).messageCode()).isEqualTo("ingest.value-negative");
    }

    @Test
    void aStoredReportIsLanguageFreeAndRendersAgainFromItsCodesAndArguments() throws Exception {
        List<IngestResult> results = rejectedResults();
        for (IngestResult result : results) {
            JsonNode stored = JSON.readTree(JSON.writeValueAsString(result));
            List<ValidationIssue> issues = result.issues();
            assertThat(stored.path("issues")).hasSize(issues.size());
            for (int index = 0; index < issues.size(); index++) {
                JsonNode json = stored.path("issues").get(index);
                ValidationIssue issue = issues.get(index);
                assertThat(fieldNames(json))
                        .containsExactly(
                                "severity",
                                "code",
                                "line",
                                "column",
                                "value",
                                "message",
                                "messageCode",
                                "arguments",
                                "country");
                assertThat(json.path("message").asText()).isEqualTo(issue.message());
                assertThat(json.path("messageCode").asText()).isEqualTo(issue.messageCode());
                // numbers stay JSON numbers: counts are rendered by the reader's locale
                issue.arguments().forEach((name, value) -> assertThat(
                                json.path("arguments").path(name).isNumber())
                        .as("%s of %s", name, issue.messageCode())
                        .isEqualTo(value instanceof Number));
                Map<String, Object> arguments = new LinkedHashMap<>();
                json.path("arguments")
                        .fields()
                        .forEachRemaining(field -> arguments.put(
                                field.getKey(),
                                field.getValue().isNumber()
                                        ? field.getValue().numberValue()
                                        : field.getValue().asText()));
                Message decoded = Message.decode(json.path("messageCode").asText(), arguments)
                        .orElseThrow();
                for (Language language : Language.all()) {
                    assertThat(decoded.in(language.defaultLocale())).isEqualTo(issue.message(language.defaultLocale()));
                }
            }
            IngestResult readBack = JSON.readValue(JSON.writeValueAsString(result), IngestResult.class);
            assertThat(readBack.issues()).isEqualTo(result.issues());
        }
    }

    @Test
    void aReportStoredBeforeMessagesHadCodesReadsBackWithItsEnglishMessage() throws Exception {
        String old =
                """
                {"severity":"error","code":"YEAR_OUT_OF_RANGE","line":3,"column":"year","value":"20x1",
                 "message":"Line 3, column 'year': '20x1' is not a year","country":"JAM"}""";

        ValidationIssue issue = JSON.readValue(old, ValidationIssue.class);

        assertThat(issue.message()).isEqualTo("Line 3, column 'year': '20x1' is not a year");
        assertThat(issue.message(Language.FRENCH.defaultLocale()))
                .isEqualTo("Line 3, column 'year': '20x1' is not a year");
        assertThat(issue.line()).isEqualTo(3);
        assertThat(issue.country()).isEqualTo("JAM");
    }

    @Test
    void aNameMeansOneColumnOnlyInEveryLanguage() {
        for (SourceKind kind : SourceKind.values()) {
            Map<String, String> owners = new LinkedHashMap<>();
            for (ColumnSpec column : InputFormat.columns(kind)) {
                for (String key : column.keys()) {
                    String before = owners.put(key, column.name());
                    assertThat(before)
                            .as("'%s' of %s names both %s and %s", key, kind, before, column.name())
                            .isNull();
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "national-aggregated-template.csv, national, COL, 5",
        "national-aggregated-template.es.csv, national, COL, 5",
        "national-aggregated-template.pt.csv, national, COL, 5",
        "national-aggregated-template.fr.csv, national, COL, 5",
        "national-incident-template.csv, national, COL, 3",
        "national-incident-template.pt.csv, national, COL, 3",
        "national-incident-template.fr.csv, national, COL, 3",
        "population-template.csv, population, , 3",
        "population-template.es.csv, population, , 3",
        "population-template.pt.csv, population, , 3",
        "population-template.fr.csv, population, , 3",
        "correspondence-template.csv, correspondence, COL, 3",
        "correspondence-template.es.csv, correspondence, COL, 3",
        "correspondence-template.pt.csv, correspondence, COL, 3",
        "correspondence-template.fr.csv, correspondence, COL, 3"
    })
    void everyTemplateInEveryLanguageIsAcceptedWithoutWarnings(
            String template, String source, String country, long rows) throws Exception {
        IngestResult result =
                ingest(TEMPLATES.resolve(template), SourceKind.fromCliName(source), Optional.ofNullable(country));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.issues())
                .filteredOn(issue -> issue.severity() == Severity.WARNING)
                .isEmpty();
        assertThat(result.rowsAccepted()).isEqualTo(rows);
    }

    @ParameterizedTest
    @CsvSource({
        "national-aggregated-template, national, COL",
        "population-template, population, ",
        "correspondence-template, correspondence, COL"
    })
    void portugueseAndFrenchHeadersAndLabelsStageTheSameRowsAsEnglishOnes(
            String template, String source, String country) throws Exception {
        SourceKind kind = SourceKind.fromCliName(source);
        List<String> english = staged(TEMPLATES.resolve(template + ".csv"), kind, country);

        assertThat(english).hasSizeGreaterThanOrEqualTo(3);
        for (String language : List.of("es", "pt", "fr")) {
            assertThat(staged(TEMPLATES.resolve(template + "." + language + ".csv"), kind, country))
                    .as(language)
                    .isEqualTo(english);
        }
    }

    @Test
    void sexAndAgeLabelsAreReadInEveryLanguage() throws Exception {
        String rows =
                """
                país,ano,código_crime,crime,quantidade,sexo,faixa_etária
                COL,2023,ART-103,Homicidio,10,Homem,Todas
                COL,2023,ART-103,Homicidio,11,Mulher,15-29
                COL,2023,ART-103,Homicidio,12,Não informado,15-29
                COL,2023,ART-103,Homicidio,13,Femme,Tous âges
                COL,2023,ART-103,Homicidio,14,Hommes,Todas las edades
                COL,2023,ART-103,Homicidio,15,Non renseigné,Total
                COL,2023,ART-103,Homicidio,16,Féminin,Touslesâges
                """;
        Path file = write("national.csv", rows.getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.NATIONAL, Optional.of("COL"));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(StagingArea.query(
                        "SELECT sex || ' ' || age FROM read_parquet('%s') ORDER BY source_line", stagedFile(result)))
                .containsExactly("M _T", "F 15-29", "_U 15-29", "F _T", "M _T", "_U _T", "F _T");
    }

    private List<String> staged(Path file, SourceKind kind, String country) throws Exception {
        IngestResult result = ingest(file, kind, Optional.ofNullable(country));
        assertThat(result.status()).as(file + ": " + result.issues()).isEqualTo(IngestResult.ACCEPTED);
        return StagingArea.query(
                "SELECT concat_ws(' | ', status, country, year, national_code, national_label, iccs_code, sex, age,"
                        + " breakdown_type, breakdown, unit, value, obs_status, match_quality)"
                        + " FROM read_parquet('%s') ORDER BY source_line",
                stagedFile(result));
    }

    private String stagedFile(IngestResult result) {
        return StagingArea.stagedFile(temporary.resolve("data"), result.submissionId());
    }

    /** The issues of many rejected uploads: the malformed fixtures and the fuzz corpus's files with errors. */
    private List<ValidationIssue> rejectedIssues() throws Exception {
        return rejectedResults().stream()
                .flatMap(result -> result.issues().stream())
                .toList();
    }

    private List<IngestResult> rejectedResults() throws Exception {
        List<IngestResult> results = new ArrayList<>();
        for (String[] upload : List.of(
                new String[] {"population", "quote-never-closed.csv"},
                new String[] {"population", "ragged-rows.csv"},
                new String[] {"population", "missing-two-required-columns.csv"},
                new String[] {"population", "text-after-a-closing-quote.csv"},
                new String[] {"population", "quote-closed-on-a-later-line.csv"},
                new String[] {"population", "header-only-after-a-preamble-line.csv"},
                new String[] {"national", "two-columns-for-year.csv"},
                new String[] {"national", "decimal-comma-and-point-in-one-file.csv"},
                new String[] {"national", "multiline-note-then-a-bad-year.csv"})) {
            results.add(ingest(MALFORMED.resolve(upload[1]), SourceKind.fromCliName(upload[0]), Optional.of("MEX")));
        }
        for (String[] upload : List.of(
                new String[] {"cts", "errors-bad-year-negative-value-duplicate.csv", ""},
                new String[] {"national", "aggregated-errors.csv", "MEX"},
                new String[] {"population", "errors-and-sex-codes.csv", ""},
                new String[] {"correspondence", "errors-unknown-iccs-and-quality.csv", "MEX"},
                new String[] {"sdmxCsv", "sdmx-2.0-errors.csv", ""})) {
            SourceKind kind = upload[0].equals("sdmxCsv") ? SourceKind.SDMX_CSV : SourceKind.fromCliName(upload[0]);
            results.add(ingest(
                    FUZZ_INPUTS.resolve(upload[0]).resolve(upload[1]),
                    kind,
                    upload[2].isEmpty() ? Optional.empty() : Optional.of(upload[2])));
        }
        results.add(ingest(
                write("sdmx.csv", sdmxWithEveryError().getBytes(StandardCharsets.UTF_8)),
                SourceKind.SDMX_CSV,
                Optional.empty()));
        results.add(ingest(
                write("binary.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}),
                SourceKind.POPULATION,
                Optional.empty()));
        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(IngestResult.REJECTED));
        return results;
    }

    private static String sdmxWithEveryError() {
        return """
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,TIME_PERIOD,ICCS,SEX,UNIT_MEASURE,UNIT_MULT,OBS_VALUE,OBS_STATUS
                dataflow,UNODC:DF_ICCS(1.0),D,MEX,A,2022,0101,_T,NUM,,5,A
                dataflow,UNODC:DF_ICCS(1.0),X,MEX,A,2022,0101,_T,NUM,,5,A
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,M,2022-01,0101,_T,NUM,,5,A
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,A,2022-Q1,0101,_T,NUM,,5,A
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,,2022-W01,401,_T,NUM,,5,A
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,,someday,9999,_T,PER_1000,3,5,A
                table,,I,MEX,A,2022,,X,,,,Z
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,A,2022,0101,_T,NUM,,5,O
                dataflow,UNODC:DF_ICCS(1.0),I,MEX,A,2022,0101,_T,NUM,,,
                dataflow,UNODC:DF_ICCS(1.0),I,,A,2022,0101,_T,NUM,,5,A
                """;
    }

    private IngestResult ingest(Path file, SourceKind kind, Optional<String> country) throws Exception {
        return new IngestService(new DataDirectory(temporary.resolve("data")), codelists)
                .ingest(IngestRequest.of(file, kind, country, OptionalInt.empty()));
    }

    private Path write(String name, byte[] content) throws Exception {
        Path directory = Files.createDirectories(temporary.resolve("uploads"));
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** The placeholders of {@code names} still written in a rendered text: none when every one was replaced. */
    private static List<String> unreplaced(String text, Set<String> names) {
        return names.stream()
                .filter(name -> text.contains("{" + name + "}") || text.contains("{" + name + "|"))
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
