package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.validate.Severity;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Language;

/**
 * Issues name a column as the analyst's file writes it in its header (a French or Portuguese header's {@code année},
 * {@code ano}), never by the platform's canonical name the file does not have; a header without a required column
 * says which names are accepted for it, in every language; and counts of lines take the singular or the plural.
 */
class AnalystColumnNamesTest {
    private static final Locale FRENCH = Language.FRENCH.defaultLocale();
    private static final Locale PORTUGUESE = Language.PORTUGUESE.defaultLocale();
    private static final String NO_BREAK = "\u00a0";

    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void issuesNameTheColumnsAsAFrenchHeaderWritesThem() throws Exception {
        Path file = write(
                "national-fr.csv",
                """
                pays,année,code_infraction,infraction,valeur,sexe,tranche_âge,mécanisme,statut,remarque
                COL,20x3,A1,Vol,10,Total,Total,,,
                COL,2023,A1,Vol,dix,Total,Total,,,
                ZZZ,2023,A1,Vol,5,Total,Total,,,
                COL,2023,A1,Vol,5,Total,Total,,XX,
                COL,2023,,Vol,5,Total,Total,,,
                COL,2023,A1,Vol,5,Xy,Total,,,
                MEX,2023,A1,Vol,5,Total,Total,,,
                """);

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(errors(result))
                .extracting(ValidationIssue::code, ValidationIssue::line, ValidationIssue::column)
                .containsExactly(
                        tuple(ErrorCode.YEAR_OUT_OF_RANGE, 2L, "année"),
                        tuple(ErrorCode.VALUE_NOT_A_NUMBER, 3L, "valeur"),
                        tuple(ErrorCode.UNKNOWN_COUNTRY, 4L, "pays"),
                        tuple(ErrorCode.UNKNOWN_CODE, 5L, "statut"),
                        tuple(ErrorCode.VALUE_MISSING, 6L, "code_infraction"),
                        tuple(ErrorCode.UNKNOWN_CODE, 7L, "sexe"),
                        tuple(ErrorCode.COUNTRY_NOT_SUBMITTER, 8L, "pays"));
        // the message's column argument too, in every language, and never a canonical name the file does not have
        assertThat(errors(result))
                .allSatisfy(issue -> assertThat(issue.arguments()).containsEntry("column", issue.column()))
                .allSatisfy(issue -> assertThat(issue.message(FRENCH))
                        .contains("colonne «" + NO_BREAK + issue.column() + NO_BREAK + "»")
                        .doesNotContain("« year", "« count", "« country", "« flag", "« offence_code", "« sex "));
        assertThat(errors(result).get(0).message())
                .isEqualTo("Line 2, column 'année': '20x3' is not a year; write a four-digit year such as 2023");
        assertThat(errors(result).get(4).message())
                .isEqualTo("Line 6, column 'code_infraction' is empty; write the national offence code of the row");
    }

    @Test
    void issuesNameTheColumnsAsAPortugueseHeaderWritesThem() throws Exception {
        Path file = write(
                "national-pt.csv",
                """
                país,ano,código_crime,crime,quantidade,sexo,faixa_etária,arma,situação,observação
                COL,1800,A1,Roubo,10,Total,Total,,,
                COL,2023,A1,Roubo,-4,Total,Total,,,
                COL,2023,A1,Roubo,3,Total,Total,,ZZ,
                """);

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        assertThat(errors(result))
                .extracting(ValidationIssue::code, ValidationIssue::line, ValidationIssue::column)
                .containsExactly(
                        tuple(ErrorCode.YEAR_OUT_OF_RANGE, 2L, "ano"),
                        tuple(ErrorCode.VALUE_NEGATIVE, 3L, "quantidade"),
                        tuple(ErrorCode.UNKNOWN_CODE, 4L, "situação"));
        assertThat(errors(result).get(1).message(PORTUGUESE)).startsWith("Linha 3, coluna \"quantidade\": ");
    }

    @Test
    void aPopulationFileAndItsDecimalSeparatorAreNamedAsTheHeaderWritesThem() throws Exception {
        Path file = write("population-fr.csv", "pays;année;valeur\nJAM;2021;0\nJAM;2022;1,5\nJAM;2023;2.5\n");

        IngestResult result = ingest(file, SourceKind.POPULATION, null);

        assertThat(errors(result))
                .extracting(ValidationIssue::code, ValidationIssue::column)
                .contains(
                        tuple(ErrorCode.VALUE_NOT_A_NUMBER, "valeur"),
                        tuple(ErrorCode.MIXED_DECIMAL_SEPARATORS, "valeur"));
        assertThat(errors(result))
                .filteredOn(issue -> issue.line() == 2)
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 2, column 'valeur': a population of 0 cannot be a denominator; write the resident population");
    }

    @Test
    void anEnglishHeaderIsNamedAsBefore() throws Exception {
        Path file = write("national-en.csv", "country,year,offence_code,offence_label,count\nCOL,20x3,A1,Theft,10\n");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        assertThat(errors(result))
                .extracting(ValidationIssue::column, ValidationIssue::message)
                .containsExactly(tuple(
                        "year", "Line 2, column 'year': '20x3' is not a year; write a four-digit year such as 2023"));
    }

    @Test
    void aHeaderWithoutARequiredColumnSaysWhichNamesAreAccepted() throws Exception {
        Path file = write("national-fr.csv", "pays,année,code_infraction,nombre\nCOL,2023,A1,5\n");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        String accepted = "offence_label: offence_label, national_label, offense_label, delito, descripcion_delito,"
                + " crime, descrição_crime, infraction, libellé_infraction";
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.REQUIRED_COLUMN_MISSING);
            assertThat(issue.message())
                    .isEqualTo("Line 1 (the header): missing required column [offence_label]; add it or rename the"
                            + " existing columns. Accepted names (any case, with or without accents): " + accepted);
            assertThat(issue.message(FRENCH))
                    .isEqualTo("Ligne 1 (l’en-tête)" + NO_BREAK + ": colonne obligatoire manquante [offence_label]"
                            + NO_BREAK + "; ajoutez-la ou renommez les colonnes existantes. Noms acceptés (majuscules"
                            + " ou minuscules, avec ou sans accents)" + NO_BREAK + ": " + accepted);
        });
    }

    @Test
    void aHeaderThatIsNotRecognisedSaysWhichNamesAreAccepted() throws Exception {
        Path file = write("national-fr.csv", "pays,année,nature,nombre\nCOL,2023,Vol,5\n");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.HEADER_NOT_FOUND);
            assertThat(issue.message())
                    .startsWith("No header line found in the first 2 lines: none names the required columns"
                            + " [offence_code, offence_label]")
                    .contains("offence_code: offence_code, national_code, offense_code, codigo_delito, cod_delito,"
                            + " código_crime, código, code_infraction, code; offence_label: offence_label,");
            assertThat(issue.message(PORTUGUESE)).contains("Nomes aceitos", "código_crime", "descrição_crime");
        });
    }

    @Test
    void oneRepeatedLineIsSingularAndValuesAreShownAsWritten() throws Exception {
        Path file = write(
                "national-fr.csv",
                """
                pays,année,code_infraction,infraction,valeur,sexe
                COL,2023,A1,Vol,10,Total
                COL,2023,A1,Vol,10,Total
                COL,2023,A2,Fraude,7,Total
                COL,2023,A2,Fraude,7,Total
                COL,2023,A2,Fraude,7,Total
                """);

        IngestResult result = ingest(file, SourceKind.NATIONAL, "COL");

        List<ValidationIssue> repeats = result.issues().stream()
                .filter(issue -> issue.code() == ErrorCode.DUPLICATE_KEY)
                .toList();
        assertThat(repeats)
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3 repeats line 2 exactly (COL, 2023, A1, value 10); the repeat is skipped. Remove the"
                                + " repeated row",
                        "Lines 5, 6 repeat line 4 exactly (COL, 2023, A2, value 7); the repeats are skipped. Remove"
                                + " the repeated rows");
        assertThat(repeats)
                .extracting(issue -> issue.message(FRENCH))
                .containsExactly(
                        "La ligne 3 répète exactement la ligne 2 (COL, 2023, A1, valeur 10)" + NO_BREAK
                                + "; la répétition est ignorée. Retirez la ligne répétée",
                        "Les lignes 5, 6 répètent exactement la ligne 4 (COL, 2023, A2, valeur 7)" + NO_BREAK
                                + "; les répétitions sont ignorées. Retirez les lignes répétées");
        assertThat(repeats)
                .extracting(issue -> issue.message(Language.SPANISH.defaultLocale()))
                .first()
                .asString()
                .startsWith("La línea 3 repite exactamente la línea 2");
        assertThat(repeats)
                .extracting(issue -> issue.message(PORTUGUESE))
                .first()
                .asString()
                .startsWith("A linha 3 repete exatamente a linha 2");
    }

    @Test
    void aStoredIssueWhoseTextNamedItsColumnIsShownWithTheIssuesColumn() throws Exception {
        // stored before the text took the column as an argument: the issue's column fills it
        ValidationIssue stored = new ObjectMapper()
                .readValue(
                        """
                        {"severity":"error","code":"VALUE_MISSING","line":6,"column":"offence_code","value":"",
                         "message":"Line 6, column 'offence_code' is empty; write the national offence code of the row",
                         "messageCode":"ingest.offence-code-missing","arguments":{"line":"6"}}
                        """,
                        ValidationIssue.class);
        // stored before the text took a count: its English message is kept rather than an unfilled placeholder
        ValidationIssue older = new ObjectMapper()
                .readValue(
                        """
                        {"severity":"warning","code":"DUPLICATE_KEY","line":3,
                         "message":"Line(s) 3 repeat line 2 exactly (COL, value 10.0); the repeats are skipped.",
                         "messageCode":"ingest.duplicates-exact",
                         "arguments":{"lines":"3","more":"0","line":"2","key":"COL","value":"10.0"}}
                        """,
                        ValidationIssue.class);

        assertThat(stored.message(FRENCH)).contains("«" + NO_BREAK + "offence_code" + NO_BREAK + "»");
        assertThat(stored.severity()).isEqualTo(Severity.ERROR);
        assertThat(older.message(FRENCH))
                .isEqualTo("Line(s) 3 repeat line 2 exactly (COL, value 10.0); the repeats are skipped.");
    }

    private IngestResult ingest(Path file, SourceKind kind, String country) throws IOException {
        IngestService service = new IngestService(new DataDirectory(temporary.resolve("data")), codelists);
        return service.ingest(IngestRequest.of(file, kind, Optional.ofNullable(country), OptionalInt.empty()));
    }

    private static List<ValidationIssue> errors(IngestResult result) {
        return result.issues().stream()
                .filter(issue -> issue.severity() == Severity.ERROR)
                .toList();
    }

    private Path write(String name, String content) throws IOException {
        Path file = temporary.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
