package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
import org.observatory.schemas.storage.DataDirectory;

class SdmxCsvIngestTest {
    private static final String STAGED_ROW =
            "SELECT source_line || ' ' || status || ' ' || coalesce(skip_reason, '-') || ' ' || country || ' ' || coalesce(CAST(year AS VARCHAR), '-') || ' ' || coalesce(iccs_code, '-') || ' ' || coalesce(sex, '-') || ' ' || coalesce(age, '-') || ' ' || coalesce(unit, '-') || ' ' || coalesce(CAST(value AS VARCHAR), '-') || ' ' || coalesce(obs_status, '-') || ' | ' || coalesce(footnote, '-') || ' | ' || coalesce(source, '-') FROM read_parquet('%s') ORDER BY source_line";

    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void stagesAnSdmxCsv10FileWithIccsCodesAndSkipsValuesMarkedMissing() throws Exception {
        Path file = write(
                "sdmx-1.0.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,SEX,AGE,UNIT_MEASURE,OBS_VALUE,OBS_STATUS,COMMENT,SOURCE
                UNODC:DF_ICCS(1.0),MEX,2022,0101,_T,_T,NUM,35000,P,,INEGI
                UNODC:DF_ICCS(1.0),MX,2022,ICCS_0101,F,Y15T29,NUM,1200.5,E,Estimated from partial returns,INEGI
                UNODC:DF_ICCS(1.0),MEX,2022,0101,_T,_T,RATE_100K,27.3,,,INEGI
                UNODC:DF_ICCS(1.0),MEX,2022-A1,020221,M,Y_GE60,PT,12.5,,,
                UNODC:DF_ICCS(1.0),MEX,2021,0401,T,_T,NUM,,O,Not collected in 2021,INEGI
                """);

        IngestResult result = ingest(file, Optional.of("MEX"));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.rowsRead()).isEqualTo(5);
        assertThat(result.rowsAccepted()).isEqualTo(4);
        assertThat(result.rowsSkipped()).containsExactly(Map.entry("missing-value", 1L));
        assertThat(query(STAGED_ROW, stagedFile(result)))
                .containsExactly(
                        "2 accepted - MEX 2022 0101 _T _T count 35000.0 P | - | INEGI",
                        "3 accepted - MEX 2022 0101 F 15-29 count 1200.5 E | Estimated from partial returns | INEGI",
                        "4 accepted - MEX 2022 0101 _T _T rate_per_100k 27.3 A | - | INEGI",
                        "5 accepted - MEX 2022 020221 M 60+ percent 12.5 A | - | UNODC:DF_ICCS(1.0), sdmx-csv (sdmx-1.0.csv)",
                        "6 skipped missing-value MEX 2021 0401 _T _T count - O | Not collected in 2021 | INEGI");
    }

    @Test
    void readsAnSdmxCsv20ExportWithLabelsSemicolonsAndDecimalCommas() throws Exception {
        Path file = write(
                "sdmx-2.0.csv",
                """
                STRUCTURE;STRUCTURE_ID;ACTION;REF_AREA: Reference area;TIME_PERIOD: Time period;ICCS: Offence;SEX: Sex;AGE: Age;UNIT_MEASURE: Unit of measure;OBS_VALUE: Observation value;OBS_STATUS: Observation status;OBS_COMMENT: Observation comment;SOURCE: Source
                dataflow;UNODC:DF_ICCS(1.0): ICCS offences;I;COL: Colombia;2022: 2022;ICCS_0101: Intentional homicide;_T: Total;_T: Total;NUM: Number;13200;A: Normal value;;DANE
                dataflow;UNODC:DF_ICCS(1.0): ICCS offences;A;COL: Colombia;2022;0101: Intentional homicide;_T: Total;_T: Total;RATE_100K: Rate per 100,000 population;25,4;;;DANE
                datastructure;UNODC:DSD_ICCS(1.0);R;CO: Colombia;2022;0401: Robbery;F: Female;Y15T29: 15 to 29 years;NUM: Number;8120,5;P: Provisional value;Cifra preliminar;
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.delimiter()).isEqualTo(";");
        assertThat(result.decimalSeparator()).isEqualTo(",");
        assertThat(result.rowsAccepted()).isEqualTo(3);
        assertThat(query(STAGED_ROW, stagedFile(result)))
                .containsExactly(
                        "2 accepted - COL 2022 0101 _T _T count 13200.0 A | - | DANE",
                        "3 accepted - COL 2022 0101 _T _T rate_per_100k 25.4 A | - | DANE",
                        "4 accepted - COL 2022 0401 F 15-29 count 8120.5 P | Cifra preliminar | UNODC:DSD_ICCS(1.0), sdmx-csv (sdmx-2.0.csv)");
    }

    @Test
    void rejectsUnknownIccsCodesNamingLineColumnAndValue() throws Exception {
        Path file = write(
                "iccs.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                UNODC:DF_ICCS(1.0),JAM,2022,0101,NUM,1463
                UNODC:DF_ICCS(1.0),JAM,2022,ICCS_9999,NUM,12
                UNODC:DF_ICCS(1.0),JAM,2022,401,NUM,300
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).extracting(ValidationIssue::code).containsOnly(ErrorCode.UNKNOWN_ICCS_CODE);
        assertThat(result.issues()).extracting(ValidationIssue::line).containsExactly(3L, 4L);
        assertThat(result.issues()).extracting(ValidationIssue::column).containsOnly("ICCS");
        assertThat(result.issues())
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3, column 'ICCS': unknown ICCS code 'ICCS_9999'; use a code of the ICCS codelist (schemas codelists/iccs.csv), e.g. 0101 intentional homicide or 0401 robbery, bare or prefixed ICCS_",
                        "Line 4, column 'ICCS': unknown ICCS code '401'; ICCS codes start with a zero, write '0401' (a spreadsheet may have dropped the leading zero)");
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void skipsRowsOfOutOfScopeAndUnknownCountriesWithTheirReason() throws Exception {
        Path file = write(
                "countries.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE,SOURCE
                UNODC:DF_ICCS(1.0),CL,2022,0101,NUM,800,CEAD
                UNODC:DF_ICCS(1.0),FRA,2022,0101,NUM,900,INSEE
                UNODC:DF_ICCS(1.0),ES,2022,0101,NUM,300,INE
                UNODC:DF_ICCS(1.0),419,2022,0101,NUM,150000,UNODC
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.rowsAccepted()).isEqualTo(1);
        assertThat(result.rowsSkipped())
                .containsOnly(Map.entry("out-of-scope-country", 2L), Map.entry("unknown-country", 1L));
        assertThat(query(STAGED_ROW, stagedFile(result)))
                .containsExactly(
                        "2 accepted - CHL 2022 0101 _T _T count 800.0 A | - | CEAD",
                        "3 skipped out-of-scope-country FRA 2022 0101 - - - - - | - | INSEE",
                        "4 skipped out-of-scope-country ESP 2022 0101 - - - - - | - | INE",
                        "5 skipped unknown-country 419 2022 0101 - - - - - | - | UNODC");
    }

    @Test
    void rejectsAnUnknownUnitNamingTheAcceptedCodes() throws Exception {
        Path file = write(
                "unit.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                UNODC:DF_ICCS(1.0),JAM,2022,0101,PER_1000,14
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.UNKNOWN_CODE);
            assertThat(issue.line()).isEqualTo(2);
            assertThat(issue.column()).isEqualTo("UNIT_MEASURE");
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 2, column 'UNIT_MEASURE': unknown unit 'PER_1000'; use NUM, N, NR, NUMBER, COUNT, COUNTS for a count; RATE_100K, PER_100000, PER_100000_POP, PER_100K, R_100K for a rate per 100,000 population; PT, PC, PERCENT, PCT for a percentage");
        });
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void rejectsDeleteActionsSayingThatDeletionsAreDoneByWithdrawingASubmission() throws Exception {
        Path file = write(
                "delete.csv",
                """
                STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                dataflow,UNODC:DF_ICCS(1.0),I,JAM,2022,0101,NUM,1463
                dataflow,UNODC:DF_ICCS(1.0),D,JAM,2021,0101,NUM,-
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.UNKNOWN_CODE);
            assertThat(issue.line()).isEqualTo(3);
            assertThat(issue.column()).isEqualTo("ACTION");
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 3, column 'ACTION': 'D' (delete) is not accepted; deletions are done by withdrawing the submission that holds the values (POST /submissions/{id}/withdraw), then uploading a corrected file if needed; remove the row or change its ACTION to I");
        });
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void rejectsAQuarterlyTimePeriod() throws Exception {
        Path file = write(
                "quarter.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                UNODC:DF_ICCS(1.0),JAM,2022,0101,NUM,1463
                UNODC:DF_ICCS(1.0),JAM,2022-Q1,0101,NUM,380
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.YEAR_OUT_OF_RANGE);
            assertThat(issue.line()).isEqualTo(3);
            assertThat(issue.column()).isEqualTo("TIME_PERIOD");
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 3, column 'TIME_PERIOD': '2022-Q1' is a quarter, a period shorter than a year; only annual data is accepted, so write the calendar year (e.g. 2022) with the value for the whole year");
        });
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void readsADateAsItsYearOnlyInRowsWhoseFrequencyIsAnnual() throws Exception {
        Path file = write(
                "dates.csv",
                """
                DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                UNODC:DF_ICCS(1.0),A,JAM,2021-12-31,0101,NUM,1463
                UNODC:DF_ICCS(1.0),,JAM,2022-01-01,0101,NUM,1500
                UNODC:DF_ICCS(1.0),Q,JAM,2022-Q2,0101,NUM,380
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).extracting(ValidationIssue::line).containsExactly(3L, 4L);
        assertThat(result.issues())
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3, column 'TIME_PERIOD': '2022-01-01' is a day; only annual data is accepted, so write the calendar year (e.g. 2022) with the value for the whole year, or, if the export writes annual periods as dates, add the column FREQ with A",
                        "Line 4, column 'FREQ': frequency 'Q' is not annual; only annual data (FREQ A) is accepted, aggregate the values to calendar years");
    }

    @Test
    void rejectsAnEmptyValueWithoutAMissingStatusAndAValueWithOne() throws Exception {
        Path file = write(
                "missing.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE,OBS_STATUS
                UNODC:DF_ICCS(1.0),JAM,2022,0101,NUM,,
                UNODC:DF_ICCS(1.0),JAM,2021,0101,NUM,1400,O
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues())
                .extracting(ValidationIssue::code)
                .containsExactly(ErrorCode.VALUE_MISSING, ErrorCode.UNKNOWN_CODE);
        assertThat(result.issues())
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 2, column 'OBS_VALUE' is empty; write the number, or mark a missing value with OBS_STATUS O (or M, L, Q), or leave the row out",
                        "Line 3, column 'OBS_STATUS': 'O' marks a missing value but OBS_VALUE is 1400; leave OBS_VALUE empty, or use the status of a value (e.g. A, E, P)");
    }

    @Test
    void rejectsRowsOfAnotherMemberThanTheSubmittingCountry() throws Exception {
        Path file = write(
                "other.csv",
                """
                DATAFLOW,REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                UNODC:DF_ICCS(1.0),MEX,2022,0101,NUM,35000
                UNODC:DF_ICCS(1.0),CO,2022,0101,NUM,13200
                """);

        IngestResult result = ingest(file, Optional.of("MEX"));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.COUNTRY_NOT_SUBMITTER);
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 3, column 'REF_AREA': COL is not the submitting country MEX; a country submits only its own data, so remove the row (COL's data is submitted by COL's analysts or the secretariat)");
        });
    }

    @Test
    void rejectsAFileWithoutDataflowOrStructureColumns() throws Exception {
        Path file = write(
                "plain.csv",
                """
                REF_AREA,TIME_PERIOD,ICCS,UNIT_MEASURE,OBS_VALUE
                JAM,2022,0101,NUM,1463
                """);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.REQUIRED_COLUMN_MISSING);
            assertThat(issue.line()).isEqualTo(1);
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 1 (the header): neither a DATAFLOW column (SDMX-CSV 1.0) nor STRUCTURE and STRUCTURE_ID columns (SDMX-CSV 2.0); export the file again as SDMX-CSV, or add a first column DATAFLOW with the dataflow id, e.g. UNODC:DF_ICCS(1.0)");
        });
        assertThat(stagedDirectories()).isEmpty();
    }

    @Test
    void acceptsTheTemplateWithoutIssues() throws Exception {
        Path template = Path.of("..", "sample-data", "templates", "sdmx-csv-template.csv");
        Path file = temporary.resolve("sdmx-csv-template.csv");
        Files.copy(template, file);

        IngestResult result = ingest(file, Optional.empty());

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.issues()).isEmpty();
        assertThat(result.rowsAccepted()).isEqualTo(7);
        assertThat(result.rowsSkipped()).containsOnly(Map.entry("missing-value", 1L));
        assertThat(query("SELECT DISTINCT source FROM read_parquet('%s')", stagedFile(result)))
                .allMatch(source -> source.contains("SYNTHETIC"));
    }

    private IngestResult ingest(Path file, Optional<String> country) throws IOException {
        IngestService service = new IngestService(new DataDirectory(temporary.resolve("data")), codelists);
        return service.ingest(IngestRequest.of(file, SourceKind.SDMX_CSV, country, OptionalInt.empty()));
    }

    private Path write(String name, String text) throws IOException {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
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
