package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.testing.StagingArea;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A file read by several threads in segments gives the report and the staged rows (in file order) that one reader
 * going through the whole file gives, whatever the segments: segments of a few dozen bytes cut quoted values that
 * span lines, CRLF pairs and multi-byte characters, and put the issues of one code, or the rows of one country, in
 * many segments.
 */
class ParallelReadingTest {
    private static final String CTS_HEADER =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void readsACtsExportWithQuotedLineBreaksDuplicatesAndWarningsAsOneReaderDoes() throws Exception {
        StringBuilder csv = new StringBuilder("SYNTHETIC test export,,,,,,,,,,,,\r\n" + CTS_HEADER + "\r\n");
        String[] countries = {"JAM", "MEX", "FRA", "CRI", "GBR_EW", "COL"};
        for (int year = 2000; year < 2012; year++) {
            for (String country : countries) {
                int value = 100 + year % 7 * (country.equals("MEX") && year == 2006 ? 40 : 3);
                csv.append(row(country, "Total", "Total", year, Integer.toString(value), source(year)));
                csv.append(row(
                        country, "Male", year == 2003 ? "Oct-17" : "Total", year, Integer.toString(value / 2), "CTS"));
                csv.append(row(
                        country, "Female", "Total", year, Integer.toString(value / 2 + (year == 2005 ? 9 : 0)), "CTS"));
                if (year % 4 == 0) {
                    csv.append("\r\n"); // a blank line
                }
            }
        }
        csv.append(row("JAM", "Total", "Total", 2004, "107", "CTS")); // a conflicting duplicate
        csv.append(row("COL", "Male", "Total", 2010, "51", "CTS")); // an exact repeat
        Path file = write("cts.csv", csv.toString(), StandardCharsets.UTF_8);

        assertReadAlike(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022));
        Path windows1252 = write("cts-1252.csv", csv.toString(), WINDOWS_1252);
        assertReadAlike(windows1252, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022));
    }

    @Test
    void listsTheSameFirstIssuesOfACodeAndCountsThemAllWhenTheyAreSpreadOverSegments() throws Exception {
        StringBuilder csv = new StringBuilder(CTS_HEADER + "\n");
        for (int index = 0; index < 140; index++) {
            String year = index % 2 == 0 ? "20x" + index % 10 : Integer.toString(1990 + index % 30);
            csv.append(row("JAM", "Total", "Total", year, "1" + index, "CTS"));
        }
        Path file = write("errors.csv", csv.toString(), StandardCharsets.UTF_8);

        IngestResult result = assertReadAlike(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty());

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.issueCounts()).containsEntry("YEAR_OUT_OF_RANGE", 70L);
        assertThat(result.issues()).hasSize(50);
    }

    @Test
    void warnsOncePerCountryAndRereadsAFileWhoseDecimalSeparatorShowsLate() throws Exception {
        StringBuilder csv = new StringBuilder("country;year;offence_code;offence_label;count;note\n");
        for (int index = 0; index < 10_100; index++) {
            String country = index < 5_000 ? "ARG" : index < 9_000 ? "BRA" : "ARG";
            // whole counts first, which show no separator: a ';' file reads them with a comma at first
            String count = index < 10_050 ? Integer.toString(index % 90) : (index % 90) + ".5";
            String note = index % 997 == 0 ? "\"a note\non two lines; quoted\"" : "";
            csv.append("%s;%d;C-%d;Offence %d;%s;%s\n"
                    .formatted(country, 2000 + index % 20, index % 13, index % 13, count, note));
        }
        Path file = write("national.csv", csv.toString(), StandardCharsets.UTF_8);

        IngestResult result = assertReadAlike(file, SourceKind.NATIONAL, Optional.empty(), OptionalInt.empty());

        assertThat(result.decimalSeparator()).isEqualTo(".");
        assertThat(result.issueCounts()).containsEntry("UNKNOWN_NATIONAL_CODE", 2L);
        assertThat(result.issues())
                .filteredOn(issue -> issue.code().name().equals("UNKNOWN_NATIONAL_CODE"))
                .extracting(issue -> issue.line())
                .as("the first row of each country; the six notes before line 5,000 take two lines each")
                .containsExactly(2L, 5_008L);
    }

    @Test
    void endsTheFileAtAQuoteThatIsNeverClosedInALaterSegment() throws Exception {
        StringBuilder csv = new StringBuilder(CTS_HEADER + "\n");
        for (int year = 1990; year < 2020; year++) {
            csv.append(row("JAM", "Total", "Total", year, "7", "CTS"));
        }
        csv.append(
                "JAM,Jamaica,Americas,Caribbean,\"Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,5,CTS\r\n");
        for (int year = 1990; year < 2000; year++) {
            csv.append(row("MEX", "Total", "Total", year, "9", "CTS"));
        }
        Path file = write("unclosed.csv", csv.toString(), StandardCharsets.UTF_8);

        IngestResult result = assertReadAlike(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty());

        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.rowsRead()).isEqualTo(30);
        assertThat(result.issues()).singleElement().satisfies(issue -> assertThat(issue.message())
                .startsWith("Line 32, column 32: the quoted value that starts here is never closed"));
    }

    /** Ingests {@code file} with one reader, and with three in segments of 1 to 64 bytes: all give the same. */
    private IngestResult assertReadAlike(Path file, SourceKind kind, Optional<String> country, OptionalInt cycle)
            throws Exception {
        IngestSettings oneReader = IngestSettings.DEFAULTS.reading(1, IngestSettings.DEFAULT_SEGMENT_BYTES);
        Run expected = ingest(file, kind, country, cycle, oneReader, "one-reader");
        for (long segmentBytes : new long[] {1, 7, 64}) {
            Run parallel = ingest(
                    file,
                    kind,
                    country,
                    cycle,
                    IngestSettings.DEFAULTS.reading(3, segmentBytes),
                    "segments-of-" + segmentBytes);
            assertThat(parallel.result())
                    .as("the report with segments of %d bytes", segmentBytes)
                    .isEqualTo(expected.result());
            assertThat(parallel.stagedRows())
                    .as("the staged rows with segments of %d bytes", segmentBytes)
                    .isEqualTo(expected.stagedRows());
        }
        return expected.result();
    }

    private record Run(IngestResult result, List<String> stagedRows) {}

    private Run ingest(
            Path file,
            SourceKind kind,
            Optional<String> country,
            OptionalInt cycle,
            IngestSettings settings,
            String name)
            throws Exception {
        Path data = temporary.resolve(name);
        IngestResult result = new IngestService(new DataDirectory(data), codelists, settings)
                .ingest(IngestRequest.of(file, kind, country, cycle));
        List<String> rows = new ArrayList<>();
        if (result.accepted()) {
            // in the order the file holds them: staging keeps the order of the file
            rows = StagingArea.query(
                    "SELECT concat_ws(' | ', COLUMNS(*)) FROM read_parquet('%s')",
                    StagingArea.stagedFile(data, result.submissionId()));
            assertThat(rows).hasSize((int) (result.rowsAccepted()
                    + result.rowsSkipped().values().stream()
                            .mapToLong(Long::longValue)
                            .sum()));
        }
        return new Run(result, rows);
    }

    private static String row(String country, String sex, String age, int year, String value, String source) {
        return row(country, sex, age, Integer.toString(year), value, source);
    }

    private static String row(String country, String sex, String age, String year, String value, String source) {
        return "%s,Name of %s,Americas,Caribbean,Victims of intentional homicide,Total,Total,%s,%s,%s,Counts,%s,%s\r\n"
                .formatted(country, country, sex, age, year, value, source);
    }

    /** Sources with accents, a comma, and now and then a quoted line break. */
    private static String source(int year) {
        return year % 3 == 0 ? "\"Policía Judicial, Unidad de Análisis\r\nsegunda línea\"" : "Ministério da Justiça";
    }

    private Path write(String name, String text, Charset charset) throws Exception {
        Path file = temporary.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }
}
