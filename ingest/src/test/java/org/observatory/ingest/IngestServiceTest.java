package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.testing.StagingArea;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

class IngestServiceTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    private IngestService service() {
        return new IngestService(new DataDirectory(temporary.resolve("data")), codelists);
    }

    private Path write(String name, String text, Charset charset) throws IOException {
        Path file = temporary.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }

    @Test
    void stagesMemberRowsOfAWindows1252ExportWithPreambleAndSkipsOthersWithTheirReason() throws Exception {
        String csv =
                """
                UNODC,someone@example.org,,,,,,,,,,,\r
                06/06/2022,,,,,,,,,,,,\r
                Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,1463,CTS\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,"Rate per 100,000 population",52.13,CTS\r
                FRA,France,Europe,Western Europe,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,900,CTS\r
                GBR_EW,England and Wales,Europe,Northern Europe,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,700,CTS\r
                CRI,Costa Rica,Americas,Latin America and the Caribbean,Offences,by type of offence,Theft: of a motorized vehicle,Total,Total,2021,Counts,1144.10662352425,Policía Judicial\r
                """;
        Path file = write("cts.csv", csv, WINDOWS_1252);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.encoding()).isEqualTo("Windows-1252");
        assertThat(result.delimiter()).isEqualTo(",");
        assertThat(result.preambleLines()).isEqualTo(2);
        assertThat(result.rowsRead()).isEqualTo(5);
        assertThat(result.rowsAccepted()).isEqualTo(3);
        assertThat(result.rowsSkipped())
                .containsEntry("out-of-scope-country", 1L)
                .containsEntry("unknown-country", 1L);
        assertThat(result.rowsAccepted()
                        + result.rowsSkipped().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(result.rowsRead());

        List<String> staged = query(
                "SELECT source_line || ' ' || status || ' ' || country || ' ' || coalesce(skip_reason, '-') || ' ' || coalesce(CAST(value AS VARCHAR), '-') || ' ' || coalesce(source, '-') FROM read_parquet('%s') ORDER BY source_line",
                stagedFile(result));
        assertThat(staged)
                .containsExactly(
                        "4 accepted JAM - 1463.0 CTS",
                        "5 accepted JAM - 52.13 CTS",
                        "6 skipped FRA out-of-scope-country - CTS",
                        "7 skipped GBR_EW unknown-country - CTS",
                        "8 accepted CRI - 1144.10662352425 Policía Judicial");
    }

    @Test
    void rejectsAFileWithBadRowsReportingEveryProblemAndStagesNothing() throws Exception {
        String csv =
                """
                Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,20x1,Counts,1463,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,-4,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,many,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Ninguno,Total,2021,Counts,3,CTS
                """;
        Path file = write("bad.csv", csv, StandardCharsets.UTF_8);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.errors()).isEqualTo(4);
        assertThat(result.issues()).extracting(ValidationIssue::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(result.issues())
                .extracting(ValidationIssue::code)
                .containsExactly(
                        ErrorCode.YEAR_OUT_OF_RANGE,
                        ErrorCode.VALUE_NEGATIVE,
                        ErrorCode.VALUE_NOT_A_NUMBER,
                        ErrorCode.UNKNOWN_CODE);
        assertThat(result.issues().get(0).message())
                .isEqualTo("Line 2, column 'Year': '20x1' is not a year; write a four-digit year such as 2023");
        assertThat(result.issues().get(3).message())
                .contains("unknown sex 'Ninguno'")
                .contains("Line 5");
        assertThat(stagedDirectories()).isEmpty();
        assertThat(Files.list(temporary.resolve("data/landing"))
                        .map(path -> path.getFileName().toString()))
                .anyMatch(name -> name.endsWith(".csv"));
    }

    @Test
    void namesEveryMissingColumnAtOnce() throws Exception {
        Path file = write(
                "cols.csv", "Iso3_code,Country,Indicator,Year,VALUE\nJAM,Jamaica,x,2021,1\n", StandardCharsets.UTF_8);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.REQUIRED_COLUMN_MISSING);
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 1 (the header): missing required columns [dimension, category, sex, age, unit_of_measurement]; add them or rename the existing columns. Accepted names (any case, with or without accents): dimension: dimension; category: category; sex: sex; age: age; unit_of_measurement: unit_of_measurement, unit, unit of measure");
        });
    }

    @Test
    void ingestingTheSameBytesTwiceGivesOneSubmission() throws Exception {
        Path file = write(
                "pop.csv",
                "country,year,sex,population\nJAM,2021,_T,2827695\nJAM,2021,M,1400000\n",
                StandardCharsets.UTF_8);
        IngestService service = service();

        IngestResult first =
                service.ingest(IngestRequest.of(file, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));
        IngestResult second =
                service.ingest(IngestRequest.of(file, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));

        assertThat(first.status()).isEqualTo("accepted");
        assertThat(second.submissionId()).isEqualTo(first.submissionId());
        assertThat(first.alreadySubmitted()).isFalse();
        assertThat(second.alreadySubmitted()).isTrue();
        assertThat(stagedDirectories()).containsExactly(first.submissionId());
        assertThat(service.acceptedSubmissions()).singleElement().satisfies(manifest -> {
            assertThat(manifest.rowsAccepted()).isEqualTo(2);
            assertThat(manifest.countries()).containsExactly("JAM");
        });
    }

    @Test
    void readsASpanishIncidentLevelFileInWindows1252WithSemicolonsAndDecimalCommas() throws Exception {
        String csv =
                """
                id_registro;fecha_hecho;codigo_delito;descripcion_delito;sexo_victima;grupo_edad;arma_empleo;departamento;latitud;longitud\r
                1;03/01/2022;ART-103;Homicidio;Hombre;18-29;Arma de fuego;Bogotá D.C.;4,60971;-74,08175\r
                2;"15/02/2022";ART-103;Homicidio;Mujer;30-44;Arma blanca;Atlántico;10,96854;-74,78132\r
                3;2023-07-09;ART-168;"Secuestro
                extorsivo";Sin dato;_T;Sin empleo de armas;Nariño;1,21361;-77,28111\r
                4;10/10/2023;ART-103;Homicidio;Hombre;45-59;Arma de fuego;Nariño;1,2;-77,2\r
                """;
        Path file = write("incidentes.csv", csv, WINDOWS_1252);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.NATIONAL, Optional.of("COL"), OptionalInt.empty()));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.encoding()).isEqualTo("Windows-1252");
        assertThat(result.delimiter()).isEqualTo(";");
        assertThat(result.layout()).isEqualTo("incident-level");
        assertThat(result.rowsAccepted()).isEqualTo(4);
        assertThat(query(
                        "SELECT source_line || ' ' || year || ' ' || national_code || ' ' || national_label || ' ' || sex || ' ' || age || ' ' || breakdown || ' ' || unit || ' ' || value FROM read_parquet('%s') ORDER BY source_line",
                        stagedFile(result)))
                .containsExactly(
                        "2 2022 ART-103 Homicidio M 18-29 arma-de-fuego incident 1.0",
                        "3 2022 ART-103 Homicidio F 30-44 arma-blanca incident 1.0",
                        "4 2023 ART-168 Secuestro\nextorsivo _U _T sin-empleo-de-armas incident 1.0",
                        "6 2023 ART-103 Homicidio M 45-59 arma-de-fuego incident 1.0");
    }

    @Test
    void readsDecimalCommaCountsInASemicolonFileWithBom() throws Exception {
        String csv = "\uFEFFpais;anio;codigo_delito;delito;cantidad;sexo;grupo_edad;mecanismo;estado;nota\n"
                + "CHL;2022;HOM;Homicidio;1.234,5;Total;Total;;E;estimación\n"
                + "CHL;2022;VIOL;Violación;88;Mujer;Total;;;\n";
        Path file = write("chl.csv", csv, StandardCharsets.UTF_8);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.NATIONAL, Optional.of("CHL"), OptionalInt.empty()));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.encoding()).isEqualTo("UTF-8 with BOM");
        assertThat(result.decimalSeparator()).isEqualTo(",");
        assertThat(query(
                        "SELECT national_code || ' ' || value || ' ' || obs_status || ' ' || coalesce(footnote, '-') FROM read_parquet('%s') ORDER BY source_line",
                        stagedFile(result)))
                .containsExactly("HOM 1234.5 E estimación", "VIOL 88.0 A -");
    }

    @Test
    void rejectsRowsOfAnotherCountryThanTheSubmitter() throws Exception {
        Path file = write(
                "mex.csv",
                "country,year,offence_code,offence_label,count\nMEX,2022,H1,Homicidio,10\nCOL,2022,H1,Homicidio,5\n",
                StandardCharsets.UTF_8);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.NATIONAL, Optional.of("MEX"), OptionalInt.empty()));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues().stream()
                        .filter(issue -> issue.severity() == org.observatory.ingest.validate.Severity.ERROR))
                .singleElement()
                .satisfies(issue -> {
                    assertThat(issue.code()).isEqualTo(ErrorCode.COUNTRY_NOT_SUBMITTER);
                    assertThat(issue.line()).isEqualTo(3);
                    assertThat(issue.message())
                            .startsWith("Line 3, column 'country': COL is not the submitting country MEX");
                });
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void rejectsUtf16AndEmptyFilesWithAMessageSayingHowToFixThem() throws Exception {
        Path utf16 = write("utf16.csv", "country,year\nJAM,2021\n", StandardCharsets.UTF_16);
        Path empty = write("empty.csv", "", StandardCharsets.UTF_8);

        IngestResult utf16Result =
                service().ingest(IngestRequest.of(utf16, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));
        IngestResult emptyResult =
                service().ingest(IngestRequest.of(empty, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));

        assertThat(utf16Result.issues())
                .singleElement()
                .extracting(ValidationIssue::message)
                .asString()
                .startsWith(
                        "The file cannot be read as text: it starts with a UTF-16 byte order mark. Save it as CSV in UTF-8");
        assertThat(emptyResult.issues())
                .singleElement()
                .extracting(ValidationIssue::message)
                .isEqualTo("The file is empty; export the data again with its header line");
    }

    @Test
    void refusesACorrespondenceTableWithoutCountry() {
        assertThatThrownBy(() -> service()
                        .ingest(IngestRequest.of(
                                temporary, SourceKind.CORRESPONDENCE, Optional.empty(), OptionalInt.empty())))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("A correspondence table belongs to one country; give --country ISO3");
    }

    @Test
    void reportsEveryRaggedRowWithItsLine() throws Exception {
        Path file = write(
                "ragged.csv",
                "country,year,population\nJAM,2021\nJAM,2022,100,7\nJAM,2023,100\n",
                StandardCharsets.UTF_8);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues())
                .extracting(ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                2L,
                                "Line 2 has 2 fields but the header (line 1) has 3; check for a missing or extra ',' or an unquoted value that contains it"),
                        org.assertj.core.groups.Tuple.tuple(
                                3L,
                                "Line 3 has 4 fields but the header (line 1) has 3; check for a missing or extra ',' or an unquoted value that contains it"));
        assertThat(stagedDirectories()).isEmpty();
    }

    private List<String> stagedDirectories() throws IOException {
        return StagingArea.entries(temporary.resolve("data"));
    }

    private String stagedFile(IngestResult result) {
        return StagingArea.stagedFile(temporary.resolve("data"), result.submissionId());
    }

    private static List<String> query(String sql, String file) throws SQLException {
        return StagingArea.query(sql, file);
    }
}
