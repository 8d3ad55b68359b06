package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
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

/**
 * Invariant 7 at ingest, for every input kind: an upload that declares a country (an analyst's always does) holds
 * only that country's rows. A row of another member state is an error of its line, so the file is rejected whole
 * and nothing is staged; rows of countries outside the member list are skipped as before, since they are never
 * published. The {@code national} and {@code sdmx-csv} cases are in {@link IngestServiceTest} and
 * {@link SdmxCsvIngestTest}.
 */
class CountrySovereigntyTest {
    private static final String CTS_HEADER =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n";
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void analystCannotPublishAnotherCountrysPopulation() throws Exception {
        // the reproduction: a MEX upload with a COL row was accepted, and COL's rate became 10,000,000 per 100,000
        Path file = write("mex-population.csv", "country,year,population\nMEX,2020,126014024\nCOL,2020,1\n");

        IngestResult result = ingest(file, SourceKind.POPULATION, "MEX", IngestSettings.DEFAULTS);

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.code()).isEqualTo(ErrorCode.COUNTRY_NOT_SUBMITTER);
            assertThat(issue.line()).isEqualTo(3);
            assertThat(issue.column()).isEqualTo("country");
            assertThat(issue.value()).isEqualTo("COL");
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 3, column 'country': COL is not the submitting country MEX; a country submits only its own data, so remove the row (COL's data is submitted by COL's analysts or the secretariat)");
        });
        assertThat(result.rowsOfOtherCountries()).containsExactly(Map.entry("COL", 1L));
        assertThat(result.countries()).containsExactly("MEX");
        assertNothingStaged();
    }

    @Test
    void analystCannotPublishAnotherCountrysCtsRows() throws Exception {
        // a dataUNODC file declared for MEX: COL (a member state) is refused on each of its lines, written as alpha-2
        // or alpha-3; FRA (not a member) and GBR_EW (not ISO) are skipped as in any CTS file, never published
        Path file = write(
                "mex-cts.csv",
                CTS_HEADER
                        + homicides("MEX", 2021, "35700")
                        + homicides("COL", 2021, "13709")
                        + homicides("FRA", 2021, "900")
                        + homicides("GBR_EW", 2021, "700")
                        + homicides("col", 2020, "12100"));

        IngestResult result = ingest(file, SourceKind.CTS, "MEX", IngestSettings.DEFAULTS);

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.issues())
                .extracting(
                        ValidationIssue::code, ValidationIssue::line, ValidationIssue::column, ValidationIssue::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.COUNTRY_NOT_SUBMITTER, 3L, "Iso3_code", "COL"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.COUNTRY_NOT_SUBMITTER, 6L, "Iso3_code", "col"));
        assertThat(result.issues().get(1).message())
                .isEqualTo(
                        "Line 6, column 'Iso3_code': COL is not the submitting country MEX; a country submits only its own data, so remove the row (COL's data is submitted by COL's analysts or the secretariat)");
        assertThat(result.rowsSkipped())
                .containsOnly(Map.entry("out-of-scope-country", 1L), Map.entry("unknown-country", 1L));
        assertThat(result.rowsOfOtherCountries()).containsExactly(Map.entry("COL", 2L));
        assertNothingStaged();
    }

    @Test
    void ownCountryRowsAndRowsOutsideTheMemberListAreAcceptedWhenTheUploadDeclaresACountry() throws Exception {
        Path cts = write("mex-only.csv", CTS_HEADER + homicides("MEX", 2021, "35700") + homicides("FRA", 2021, "900"));
        Path population = write("mex-population-only.csv", "country,year,population\nMEX,2020,126014024\nFRA,2020,1\n");

        IngestResult ctsResult = ingest(cts, SourceKind.CTS, "MEX", IngestSettings.DEFAULTS);
        IngestResult populationResult = ingest(population, SourceKind.POPULATION, "MEX", IngestSettings.DEFAULTS);

        for (IngestResult result : new IngestResult[] {ctsResult, populationResult}) {
            assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
            assertThat(result.rowsAccepted()).isEqualTo(1);
            assertThat(result.rowsSkipped()).containsExactly(Map.entry("out-of-scope-country", 1L));
            assertThat(result.countries()).containsExactly("MEX");
            assertThat(result.rowsOfOtherCountries()).isEmpty();
        }
    }

    @Test
    void aMultiCountryFileWithoutDeclaredCountryIsAccepted() throws Exception {
        Path file = write(
                "release.csv",
                CTS_HEADER
                        + homicides("JAM", 2021, "1463")
                        + homicides("COL", 2020, "12100")
                        + homicides("MEX", 2019, "36661"));

        IngestResult result = ingest(file, SourceKind.CTS, null, IngestSettings.DEFAULTS);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.countries()).containsExactly("COL", "JAM", "MEX");
    }

    @Test
    void everyRefusedLineIsCountedWhenTheListingOfIssuesIsCapped() throws Exception {
        // 40 COL and 3 JAM lines in a MEX file, read in small segments on two threads: the listing keeps the first 5
        // issues of the code, the counts keep all 43, by country too
        StringBuilder text = new StringBuilder(CTS_HEADER).append(homicides("MEX", 2021, "35700"));
        for (int year = 1980; year < 2020; year++) {
            text.append(homicides("COL", year, "12000"));
        }
        text.append(homicides("JAM", 2019, "1339"))
                .append(homicides("JAM", 2020, "1323"))
                .append(homicides("JAM", 2021, "1463"));
        Path file = write("many.csv", text.toString());
        IngestSettings settings = new IngestSettings(5, 2.0, 20).reading(2, 256);

        IngestResult result = ingest(file, SourceKind.CTS, "MEX", settings);

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.issues()).extracting(ValidationIssue::line).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(result.errors()).isEqualTo(43);
        assertThat(result.issueCounts()).containsExactly(Map.entry("COUNTRY_NOT_SUBMITTER", 43L));
        assertThat(result.rowsOfOtherCountries()).containsExactly(Map.entry("COL", 40L), Map.entry("JAM", 3L));
        assertThat(result.rowsOfOtherCountries().keySet()).containsExactly("COL", "JAM");
        assertNothingStaged();
    }

    private IngestResult ingest(Path file, SourceKind kind, String country, IngestSettings settings)
            throws IOException {
        return new IngestService(new DataDirectory(temporary.resolve("data")), codelists, settings)
                .ingest(IngestRequest.of(
                        file,
                        kind,
                        Optional.ofNullable(country),
                        kind == SourceKind.CTS ? OptionalInt.of(2022) : OptionalInt.empty()));
    }

    private static String homicides(String iso3, int year, String count) {
        return "%s,%s,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,%d,Counts,%s,CTS\n"
                .formatted(iso3, iso3, year, count);
    }

    private Path write(String name, String text) throws IOException {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private void assertNothingStaged() throws IOException {
        try (Stream<Path> staged = Files.list(temporary.resolve("data/staging"))) {
            assertThat(staged.filter(path -> !path.getFileName().toString().startsWith(".")))
                    .isEmpty();
        }
    }
}
