package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.Severity;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.storage.DataDirectory;

/** The checks that need the whole file: duplicates, disaggregations, justice stages, changes, rates. */
class WholeFileChecksTest {
    private static final String HEADER =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n";
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    private IngestResult ingestCts(String rows) throws Exception {
        return ingest(SourceKind.CTS, HEADER + rows, IngestSettings.DEFAULTS, Optional.empty());
    }

    private IngestResult ingest(SourceKind kind, String text, IngestSettings settings, Optional<String> country)
            throws Exception {
        Path file = Files.createTempFile(temporary, kind.cliName(), ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new IngestService(new DataDirectory(temporary.resolve("data")), codelists, settings)
                .ingest(IngestRequest.of(file, kind, country, OptionalInt.empty()));
    }

    private static List<ValidationIssue> issues(IngestResult result, ErrorCode code) {
        return result.issues().stream().filter(issue -> issue.code() == code).toList();
    }

    @Test
    void excludesConflictingDuplicatesWithEveryLineAndSkipsExactRepeats() throws Exception {
        IngestResult result = ingestCts(
                """
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Female,10-17,2019,Counts,12,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Female,10-17,2019,Counts,15,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Male,10-17,2019,Counts,4,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Male,10-17,2019,Counts,4,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Total,10-17,2019,Counts,19,CTS
                """);

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(result.rowsAccepted()).isEqualTo(2);
        assertThat(result.rowsSkipped())
                .containsEntry("conflicting-duplicate", 2L)
                .containsEntry("exact-duplicate", 1L);
        assertThat(issues(result, ErrorCode.DUPLICATE_KEY))
                .extracting(ValidationIssue::severity, ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARNING,
                                2L,
                                "Lines 2, 3 have the same key (JAM, Victims of sexual exploitation, Total, Total, F, 10-17, 2019) with different values (12 and 15); all of them are excluded as conflicting duplicates. Keep one row per key with the correct value"),
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARNING,
                                5L,
                                "Line 5 repeats line 4 exactly (JAM, Victims of sexual exploitation, Total, Total, M, 10-17, 2019, value 4); the repeat is skipped. Remove the repeated row"));
        assertThat(stagedStatuses(result))
                .containsExactly(
                        "2 skipped conflicting-duplicate",
                        "3 skipped conflicting-duplicate",
                        "4 accepted -",
                        "5 skipped exact-duplicate",
                        "6 accepted -");
    }

    @Test
    void repairsAnAgeBandThatASpreadsheetTurnedIntoADateWithAFootnoteAndAWarning() throws Exception {
        IngestResult result = ingestCts(
                """
                JAM,Jamaica,Americas,Caribbean,Victims of sexual exploitation,Total,Total,Female,Oct-17,2019,Counts,12,CTS
                """);

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(issues(result, ErrorCode.VALUE_CORRECTED)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 2, column 'Age': age band 'Oct-17' looks like a date made by a spreadsheet from '10-17'; staged as '10-17' with a footnote. Format the column as text before saving to keep bands such as 10-17");
        });
        assertThat(query(result, "SELECT age || ' / ' || footnote FROM read_parquet('%s')"))
                .containsExactly(
                        "10-17 / Age band 'Oct-17' in the file was read as '10-17' (a spreadsheet had turned it into a date)");
    }

    @Test
    void warnsWhenDisaggregationsAddUpToMoreThanTheirTotal() throws Exception {
        IngestResult result = ingestCts(
                """
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,100,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Male,Total,2021,Counts,90,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Female,Total,2021,Counts,20,CTS
                JAM,Jamaica,Americas,Caribbean,Violent offences,by type of offence,Sexual violence,Total,Total,2021,Counts,50,CTS
                JAM,Jamaica,Americas,Caribbean,Violent offences,by type of offence,Sexual violence: Rape,Total,Total,2021,Counts,40,CTS
                JAM,Jamaica,Americas,Caribbean,Violent offences,by type of offence,Sexual violence: Sexual assault,Total,Total,2021,Counts,30,CTS
                """);

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(issues(result, ErrorCode.DISAGGREGATION_ABOVE_TOTAL))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 2: the total 100 (JAM, Victims of intentional homicide, Total, Total, 2021) is below the sum of its sexes on lines 3, 4 (110); check the total and its parts",
                        "Line 5: the total 50 (JAM, Violent offences, by type of offence, 2021) is below the sum of its sub-categories on lines 6, 7 (70); check the total and its parts");
    }

    @Test
    void warnsWhenALaterJusticeStageIsAboveTheEarlierOne() throws Exception {
        IngestResult result = ingestCts(
                """
                COL,Colombia,Americas,South America,Persons prosecuted,Total,Total,Total,Total,2021,Counts,800,CTS
                COL,Colombia,Americas,South America,Persons convicted,Total,Total,Total,Total,2021,Counts,950,CTS
                """);

        assertThat(issues(result, ErrorCode.JUSTICE_STAGE_ABOVE_EARLIER_STAGE))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3: persons convicted (950) are more than persons prosecuted (800, line 2) for COL 2021; a later stage of the criminal justice process is normally smaller: check both figures or explain the difference in a note");
    }

    @Test
    void reportsYearOnYearChangesBeyondTheConfiguredFactor() throws Exception {
        String rows =
                """
                MEX,Mexico,Americas,Central America,Violent offences,by type of offence,Kidnapping,Total,Total,2020,Counts,100,CTS
                MEX,Mexico,Americas,Central America,Violent offences,by type of offence,Kidnapping,Total,Total,2021,Counts,250,CTS
                MEX,Mexico,Americas,Central America,Violent offences,by type of offence,Robbery,Total,Total,2020,Counts,5,CTS
                MEX,Mexico,Americas,Central America,Violent offences,by type of offence,Robbery,Total,Total,2021,Counts,15,CTS
                """;

        IngestResult strict = ingest(SourceKind.CTS, HEADER + rows, IngestSettings.DEFAULTS, Optional.empty());
        IngestResult lenient =
                ingest(SourceKind.CTS, HEADER + rows + "\n", new IngestSettings(50, 3.0, 20), Optional.empty());

        assertThat(issues(strict, ErrorCode.YEAR_ON_YEAR_CHANGE))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3: 250 in 2021 (MEX, Violent offences, by type of offence, Kidnapping) is 2.5 times the 2020 value 100 (line 2), a change beyond x2; the CTS asks respondents to explain such changes: check the figure or add a note");
        assertThat(issues(lenient, ErrorCode.YEAR_ON_YEAR_CHANGE)).isEmpty();
    }

    @Test
    void warnsWhenAReportedRateDisagreesWithTheCountAndTheKnownPopulation() throws Exception {
        IngestResult population = ingest(
                SourceKind.POPULATION,
                "country,year,population\nJAM,2021,2827695\n",
                IngestSettings.DEFAULTS,
                Optional.empty());
        assertThat(population.status()).isEqualTo("accepted");

        IngestResult result = ingestCts(
                """
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,1463,CTS
                JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,"Rate per 100,000 population",41.7,CTS
                JAM,Jamaica,Americas,Caribbean,Violent offences,by type of offence,Robbery,Total,Total,2021,Counts,1000,CTS
                JAM,Jamaica,Americas,Caribbean,Violent offences,by type of offence,Robbery,Total,Total,2021,"Rate per 100,000 population",35.36,CTS
                """);

        assertThat(issues(result, ErrorCode.RATE_INCONSISTENT_WITH_POPULATION))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 3: the reported rate 41.7 does not match the count 1463 (line 2) and the population 2827695 of JAM in 2021, which give 51.74 per 100,000; check the count, the rate or the population used");
    }

    @Test
    void rejectsACorrespondenceTableThatMapsOneCodeTwice() throws Exception {
        IngestResult result = ingest(
                SourceKind.CORRESPONDENCE,
                """
                national_code,national_label,iccs_code,match_quality,note
                HOM,Homicidio,0101,full,
                HOM,Homicidio,0102,partial,
                """,
                IngestSettings.DEFAULTS,
                Optional.of("CHL"));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message())
                    .isEqualTo(
                            "Lines 2, 3 map the same national code (HOM) to different ICCS codes (0101 and 0102); keep one row per national code");
        });
    }

    @Test
    void warnsAboutNationalCodesTheCountrysCorrespondenceTableDoesNotMap() throws Exception {
        String national =
                "year,offence_code,offence_label,count\n2022,ART-103,Homicidio,120\n2022,ART-999,Delito nuevo,3\n";

        IngestResult withDefaultTable =
                ingest(SourceKind.NATIONAL, national, IngestSettings.DEFAULTS, Optional.of("COL"));

        assertThat(withDefaultTable.status()).isEqualTo("accepted");
        assertThat(issues(withDefaultTable, ErrorCode.UNKNOWN_NATIONAL_CODE))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Unknown national offence code 'ART-999' for COL at line 3, column 'offence_code'; add it to the COL correspondence table or correct the code (rows with it are excluded from indicators until then)");

        IngestResult correspondence = ingest(
                SourceKind.CORRESPONDENCE,
                """
                national_code,national_label,iccs_code,match_quality,note
                ART-103,Homicidio,0101,full,
                ART-999,Delito nuevo,0102,partial,Tentativa
                """,
                IngestSettings.DEFAULTS,
                Optional.of("COL"));
        assertThat(correspondence.status()).isEqualTo("accepted");
        IngestResult withUploadedTable = ingest(
                SourceKind.NATIONAL,
                national + "2023,ART-103,Homicidio,118\n",
                IngestSettings.DEFAULTS,
                Optional.of("COL"));

        assertThat(issues(withUploadedTable, ErrorCode.UNKNOWN_NATIONAL_CODE)).isEmpty();
    }

    @Test
    void warnsOnceWhenTheCountryHasNoCorrespondenceTableAtAll() throws Exception {
        IngestResult result = ingest(
                SourceKind.NATIONAL,
                "year,offence_code,offence_label,count\n2022,H1,Homicidio,10\n2022,R1,Robo,5\n",
                IngestSettings.DEFAULTS,
                Optional.of("MEX"));

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(issues(result, ErrorCode.UNKNOWN_NATIONAL_CODE))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 2: there is no correspondence table for MEX, so no national offence code of this file can be normalised to ICCS yet; upload one (--source correspondence --country MEX) before the next pipeline run");
    }

    @Test
    void aKeyRepeatedOneHundredThousandTimesIsReportedOnceWithItsFirstLinesAndACount() throws Exception {
        StringBuilder rows = new StringBuilder("year,offence_code,offence_label,count\n");
        for (int row = 0; row < 100_000; row++) {
            rows.append("2022,ART-103,Homicidio,").append(row % 7).append('\n');
        }

        IngestResult result = ingest(SourceKind.NATIONAL, rows.toString(), IngestSettings.DEFAULTS, Optional.of("COL"));

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(result.rowsAccepted()).isZero();
        assertThat(result.rowsSkipped()).containsEntry("conflicting-duplicate", 100_000L);
        assertThat(issues(result, ErrorCode.DUPLICATE_KEY)).singleElement().satisfies(issue -> assertThat(
                        issue.message())
                .startsWith(
                        "Lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 99990 more have the same key (COL, 2022, ART-103)"));
    }

    private List<String> stagedStatuses(IngestResult result) throws Exception {
        return query(
                result,
                "SELECT source_line || ' ' || status || ' ' || coalesce(skip_reason, '-') FROM read_parquet('%s') ORDER BY source_line");
    }

    private List<String> query(IngestResult result, String sql) throws Exception {
        Path file =
                temporary.resolve("data/staging").resolve(result.submissionId()).resolve("rows.parquet");
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet set = statement.executeQuery(sql.formatted(file))) {
            while (set.next()) {
                rows.add(set.getString(1));
            }
        }
        return rows;
    }
}
