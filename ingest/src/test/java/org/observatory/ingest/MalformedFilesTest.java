package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.observatory.ingest.format.DecimalSeparator;
import org.observatory.ingest.format.DelimitedTable;
import org.observatory.ingest.format.FileLayout;
import org.observatory.ingest.format.InputFormat;
import org.observatory.ingest.validate.Severity;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A corpus of malformed uploads, each rejected or accepted exactly as docs/formats.md ("What is rejected, and what
 * is accepted") says. Every rejection is a validation issue whose message names the line (and column where there
 * is one) and says how to fix it, never a stack trace; a rejected file stages nothing, and its raw bytes are landed
 * all the same. Fixtures are in {@code src/test/resources/malformed/}; byte-exact ones (binary, UTF-16, NUL bytes,
 * CR line endings) and large ones are made here.
 */
class MalformedFilesTest {
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    // --- files that are not CSV text -------------------------------------------------------------------------

    @Test
    void rejectsAnEmptyFile() throws Exception {
        Path file = write("empty.csv", new byte[0]);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.FILE_UNREADABLE,
                "The file is empty; export the data again with its header line");
    }

    @Test
    void rejectsAFileOfOnlyBlankLines() throws Exception {
        Path file = write("blank.csv", "  \n\n\t\r\n   \r".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.FILE_UNREADABLE,
                "The file holds only blank lines (4); export the data again with its header line");
    }

    static Stream<Arguments> binaryFiles() {
        return Stream.of(
                Arguments.of(
                        "image.png",
                        bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1),
                        "The file cannot be read as text: it is a PNG image, not a CSV file. Upload the CSV export of the data instead"),
                Arguments.of(
                        "data.csv.gz",
                        bytes(0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x4B, 0xCE, 0xCF, 0x2B),
                        "The file cannot be read as text: it is gzip-compressed. Decompress it (e.g. with gunzip or 7-Zip) and upload the CSV file inside"),
                Arguments.of(
                        "workbook.xlsx",
                        bytes('P', 'K', 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0),
                        "The file cannot be read as text: it is a ZIP archive, such as an Excel workbook (.xlsx), not a CSV file. Open it in Excel and save the sheet as 'CSV UTF-8 (Comma delimited)', then upload that file"),
                Arguments.of(
                        "unknown.bin",
                        bytes('c', 'o', 'u', 'n', 't', 'r', 'y', '\n', 0x01, 0x02, 0, 0x7F, 0, 0, 0x03),
                        "The file cannot be read as text: line 2, column 3 holds a NUL byte (byte 11 of the file), which text never contains: the file is binary or damaged. Remove the NUL bytes, or export the data again as CSV in UTF-8, and upload it again"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryFiles")
    void rejectsABinaryFileSayingWhatItIs(String name, byte[] content, String message) throws Exception {
        Path file = write(name, content);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(result, file, ErrorCode.ENCODING_UNSUPPORTED, message);
    }

    static Stream<Arguments> utf16Files() {
        byte[] text = "country,year,population\nJAM,2021,2827695\n".getBytes(StandardCharsets.UTF_16LE);
        String withMark =
                "The file cannot be read as text: it starts with a UTF-16 byte order mark. Save it as CSV in UTF-8 (in Excel: Save As, type 'CSV UTF-8 (Comma delimited)') and upload it again";
        return Stream.of(
                Arguments.of("little-endian with BOM", concat(bytes(0xFF, 0xFE), text), withMark),
                Arguments.of(
                        "big-endian with BOM",
                        concat(bytes(0xFE, 0xFF), "country,year,population\n".getBytes(StandardCharsets.UTF_16BE)),
                        withMark),
                Arguments.of(
                        "little-endian without BOM",
                        text,
                        "The file cannot be read as text: it is UTF-16 text (little-endian) without a byte order mark: every second byte is a NUL byte. Save it as CSV in UTF-8 (in Excel: Save As, type 'CSV UTF-8 (Comma delimited)') and upload it again"),
                Arguments.of(
                        "big-endian without BOM",
                        "country,year,population\n".getBytes(StandardCharsets.UTF_16BE),
                        "The file cannot be read as text: it is UTF-16 text (big-endian) without a byte order mark: every second byte is a NUL byte. Save it as CSV in UTF-8 (in Excel: Save As, type 'CSV UTF-8 (Comma delimited)') and upload it again"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("utf16Files")
    void rejectsUtf16SayingHowToSaveAsUtf8(String name, byte[] content, String message) throws Exception {
        Path file = write("utf16.csv", content);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(result, file, ErrorCode.ENCODING_UNSUPPORTED, message);
    }

    @Test
    void rejectsANulByteInsideUtf8TextNamingItsLineAndColumn() throws Exception {
        Path file = write(
                "nul.csv",
                "country,year,population\nJAM,2021,2827695\nJAM,20\u000022,2830000\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.ENCODING_UNSUPPORTED,
                "The file cannot be read as text: line 3, column 7 holds a NUL byte (byte 48 of the file), which text never contains: the file is binary or damaged. Remove the NUL bytes, or export the data again as CSV in UTF-8, and upload it again");
    }

    @Test
    void rejectsAByteThatIsNeitherUtf8NorWindows1252NamingItsLineAndColumn() throws Exception {
        byte[] content = concat(
                "country,year,population,source\nJAM,2021,2827695,Caf".getBytes(StandardCharsets.US_ASCII),
                bytes(0xE9, ' ', 0x81, '\n'));
        Path file = write("cp437.csv", content);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.ENCODING_UNSUPPORTED,
                "The file cannot be read as text: line 2, column 23 holds the byte 0x81, which is neither UTF-8 nor Windows-1252: the file uses another encoding. Save it as CSV in UTF-8 (in Excel: Save As, type 'CSV UTF-8 (Comma delimited)') and upload it again");
    }

    @Test
    void rejectsAUtf8ByteOrderMarkFollowedByWindows1252TextNamingTheLineAndColumn() throws Exception {
        byte[] content = concat(
                bytes(0xEF, 0xBB, 0xBF),
                concat(
                        "country,year,population,source\nJAM,2021,2827695,Caf".getBytes(StandardCharsets.US_ASCII),
                        bytes(0xE9, '\n')));
        Path file = write("bom.csv", content);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.ENCODING_UNSUPPORTED,
                "The file cannot be read as text: it starts with a UTF-8 byte order mark, but line 2, column 21 holds bytes that are not UTF-8. Save it as CSV in UTF-8 (in Excel: Save As, type 'CSV UTF-8 (Comma delimited)') and upload it again");
    }

    @Test
    void aFileMixingUtf8AndWindows1252LinesIsRejectedInsteadOfPublishingCafeAsMojibake() throws Exception {
        // line 2 was saved in UTF-8 and line 4 in Windows-1252: read as Windows-1252, 'Café' on line 2 was 'CafÃ©'
        Charset windows1252 = Charset.forName("windows-1252");
        byte[] content = concat(
                "country,year,population,source\nJAM,2021,2827695,Café Estadística\nJAM,2019,2813773,WPP\n"
                        .getBytes(StandardCharsets.UTF_8),
                "JAM,2020,2820982,Café Estadística\n".getBytes(windows1252));
        Path file = write("mixed.csv", content);

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.ENCODING_UNSUPPORTED,
                "The file cannot be read as text: it mixes two encodings: 1 line (line 2) is in UTF-8 and 1 line (line 4) is in Windows-1252, so the accented letters of one kind or the other would be read wrong (e.g. 'café' saved in UTF-8 and read as Windows-1252 is 'cafÃ©'). Save the whole file as UTF-8: open it in a text editor, correct the accented letters of the lines that show them wrong, and save it with the encoding UTF-8 (or export the data again as 'CSV UTF-8 (Comma delimited)'), then upload it again");
    }

    @Test
    void aFileMixingEncodingsNamesTheFirstLinesOfEachAndCountsTheRest() throws Exception {
        // CRLF, CR and LF line ends alike; lines of ASCII only belong to neither encoding
        Charset windows1252 = Charset.forName("windows-1252");
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.write("country,year,population,source\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int year = 2000; year < 2020; year++) {
            String row = "JAM,%d,2800000,%s\r".formatted(year, year % 2 == 0 ? "Población" : "WPP");
            content.write(row.getBytes(year < 2012 ? StandardCharsets.UTF_8 : windows1252));
        }
        Path file = write("mixed-many.csv", content.toByteArray());

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejected(result, file);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(ErrorCode.ENCODING_UNSUPPORTED);
            assertThat(issue.message())
                    .startsWith(
                            "The file cannot be read as text: it mixes two encodings: 6 lines (lines 2, 4, 6, 8, 10, …) are in UTF-8 and 4 lines (lines 14, 16, 18, 20) are in Windows-1252, so ");
        });
    }

    // --- header problems ----------------------------------------------------------------------------------------

    @Test
    void rejectsAHeaderWithoutDataRowsNamingTheHeaderLine() throws Exception {
        Path file = fixture("header-only-after-a-preamble-line.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.NO_DATA_ROWS,
                "Line 2 is the header, but no data row follows it; add the data rows below the header, or check that this is the file you meant to upload");
    }

    @Test
    void namesEveryMissingRequiredColumnAtOnce() throws Exception {
        Path file = fixture("missing-two-required-columns.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.REQUIRED_COLUMN_MISSING,
                "Line 1 (the header): missing required column [population]; add it or rename the existing columns. Accepted names (any case, with or without accents): population: population, value, poblacion, valor, população, valeur");
    }

    @Test
    void rejectsTwoColumnsThatAreTheSameColumnNamingBothAndTheirPositions() throws Exception {
        Path file = fixture("two-columns-for-year.csv");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "MEX");

        assertRejectedWith(
                result,
                file,
                ErrorCode.MALFORMED_CSV,
                "Line 1 (the header): columns 2 'year' and 5 'anio' are both the column 'year'; keep one of them and remove or rename the other");
    }

    @Test
    void reportsDuplicateAndMissingColumnsTogether() throws Exception {
        Path file = write("pop.csv", "Year,country,AÑO,year\nJAM,2021,2021,2021\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        // each problem of the header is an issue of its own, so that each can be shown in the reader's language
        assertRejected(result, file);
        assertThat(result.issues())
                .extracting(ValidationIssue::code, ValidationIssue::message)
                .containsExactly(
                        tuple(
                                ErrorCode.REQUIRED_COLUMN_MISSING,
                                "Line 1 (the header): missing required column [population]; add it or rename the existing columns. Accepted names (any case, with or without accents): population: population, value, poblacion, valor, população, valeur"),
                        tuple(
                                ErrorCode.MALFORMED_CSV,
                                "Line 1 (the header): columns 1 'Year', 3 'AÑO' and 4 'year' are all the column 'year'; keep one of them and remove or rename the others"));
    }

    @Test
    void saysSoWhenAQuoteInTheHeaderIsNeverClosed() throws Exception {
        Path file = write("pop.csv", "country,\"year,population\nJAM,2021,5\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.REQUIRED_COLUMN_MISSING,
                "Line 1 (the header): missing required columns [year, population]; add them or rename the existing columns; a quote (\") on this line is never closed; close it where its value ends, or remove it. Accepted names (any case, with or without accents): year: year, anio, año, ano, année; population: population, value, poblacion, valor, população, valeur");
    }

    @Test
    void saysSoWhenTheHeaderRunsOnInsideAQuotedValue() throws Exception {
        Path file = write(
                "pop.csv", "country,\"year,population\nJAM,2021,\"5\"\nJAM,2022,6\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.REQUIRED_COLUMN_MISSING,
                "Line 1 (the header): missing required columns [year, population]; add them or rename the existing columns; the header runs on to line 2 inside a quoted value; check that every quote (\") in it is closed where its value ends. Accepted names (any case, with or without accents): year: year, anio, año, ano, année; population: population, value, poblacion, valor, população, valeur");
    }

    @Test
    void aLineInsideAQuotedPreambleValueIsNeverTakenForTheHeader() throws Exception {
        Path file = fixture("quoted-header-copy-in-the-preamble.csv");

        IngestResult result = ingest(file, SourceKind.CTS);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.preambleLines()).isEqualTo(3);
        assertThat(stagedLines(result)).containsExactly("5 JAM 1463.0");
    }

    @Test
    void readsADataUnodcHeaderWhoseUnitColumnNameIsQuotedOverTwoLines() throws Exception {
        String csv = "UNODC,someone@example.org,,,,,,,,,,,\n"
                + "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,\"Unit of\nmeasurement\",VALUE,Source\n"
                + "JAM,Jamaica,Americas,Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,1463,CTS\n";
        Path file = write("cts.csv", csv.getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.CTS);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.preambleLines()).isEqualTo(1);
        assertThat(stagedLines(result)).containsExactly("4 JAM 1463.0");
    }

    @Test
    void findsAHeaderWhoseQuotedColumnNameHoldsALineBreak() throws Exception {
        Path file = write(
                "pop.csv",
                "country,year,\"population\n\"\nJAM,2021,2827695\nJAM,20x2,1\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertThat(errors(result))
                .extracting(ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        tuple(4L, "Line 4, column 'year': '20x2' is not a year; write a four-digit year such as 2023"));
    }

    // --- rows ---------------------------------------------------------------------------------------------------

    @Test
    void reportsEveryRaggedRowWithItsLine() throws Exception {
        Path file = fixture("ragged-rows.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejected(result, file);
        assertThat(errors(result))
                .extracting(ValidationIssue::code, ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        tuple(
                                ErrorCode.MALFORMED_CSV,
                                2L,
                                "Line 2 has 2 fields but the header (line 1) has 3; check for a missing or extra ';' or an unquoted value that contains it"),
                        tuple(
                                ErrorCode.MALFORMED_CSV,
                                3L,
                                "Line 3 has 4 fields but the header (line 1) has 3; check for a missing or extra ';' or an unquoted value that contains it"),
                        tuple(
                                ErrorCode.MALFORMED_CSV,
                                5L,
                                "Line 5 has 4 fields but the header (line 1) has 3, and the row runs on to line 6 inside a quoted value; check that every quote (\") on line 5 is closed where its value ends, that quotes inside values are doubled (\"\"), and that no ';' is missing or extra"));
    }

    @Test
    void rejectsAQuoteNeverClosedNamingTheLineAndColumnWhereItOpens() throws Exception {
        Path file = fixture("quote-never-closed.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.MALFORMED_CSV,
                "Line 3, column 18: the quoted value that starts here is never closed, so the rest of the file (to line 4) would be part of it; add the closing quote (\") where the value ends, and write each quote inside a value as two quotes (\"\")");
    }

    @Test
    void rejectsAQuoteClosedOnALaterLineByTheNextValuesQuote() throws Exception {
        Path file = fixture("quote-closed-on-a-later-line.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.MALFORMED_CSV,
                "Line 2, column 18: the quoted value that starts here is not closed on its line and runs on to line 3, where its closing quote (column 18) is followed by 'U' instead of ',' or the end of the line; add the closing quote (\") where the value ends on line 2, and write each quote inside a value as two quotes (\"\")");
    }

    @Test
    void rejectsTextAfterAClosingQuoteNamingItsColumn() throws Exception {
        Path file = fixture("text-after-a-closing-quote.csv");

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejectedWith(
                result,
                file,
                ErrorCode.MALFORMED_CSV,
                "Line 2, column 24: '2' follows the closing quote (column 22) of the value that starts at column 18; after a closing quote only ',' or the end of the line may come: write each quote inside a value as two quotes (\"\"), or quote the whole value");
    }

    @Test
    void reportsTheRowsBeforeAnUnreadableQuoteTooWithTheirLines() throws Exception {
        Path file = write(
                "pop.csv", "country,year,population\nJAM,20x1,1\nJAM,2022,\"2\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejected(result, file);
        assertThat(errors(result))
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 2, column 'year': '20x1' is not a year; write a four-digit year such as 2023",
                        "Line 3, column 10: the quoted value that starts here is never closed, so the rest of the file (to line 3) would be part of it; add the closing quote (\") where the value ends, and write each quote inside a value as two quotes (\"\")");
    }

    @Test
    void numbersTheRowAfterAQuotedValueSpanningLinesByItsPhysicalLine() throws Exception {
        Path file = fixture("multiline-note-then-a-bad-year.csv");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "JAM");

        assertRejected(result, file);
        assertThat(errors(result))
                .extracting(ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        tuple(5L, "Line 5, column 'year': '20x2' is not a year; write a four-digit year such as 2023"));
    }

    @Test
    void numbersLinesRightWithCarriageReturnOnlyLineEndings() throws Exception {
        Path file = write(
                "mac.csv",
                "Population, synthetic\rcountry,year,population\rJAM,2021,2827695\r\rJAM,20x2,1\rJAM,2023,-4\r"
                        .getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejected(result, file);
        assertThat(result.preambleLines()).isEqualTo(1);
        assertThat(errors(result))
                .extracting(ValidationIssue::line, ValidationIssue::message)
                .containsExactly(
                        tuple(5L, "Line 5, column 'year': '20x2' is not a year; write a four-digit year such as 2023"),
                        tuple(
                                6L,
                                "Line 6, column 'population': -4 is negative; counts cannot be below zero, correct the value"));
    }

    @Test
    void numbersLinesRightWithMixedLineEndingsAndBlankLines() throws Exception {
        Path file = write(
                "mixed.csv",
                "country,year,population\r\nJAM,2021,2827695\n\r\nJAM,20x2,1\rJAM,2023,\"1\r\n2\"\nJAM,2024,-4\n\n"
                        .getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertRejected(result, file);
        assertThat(errors(result)).extracting(ValidationIssue::line).containsExactly(4L, 5L, 7L);
    }

    @Test
    void acceptsAHundredThousandCharacterNoteAndNumbersTheLinesAfterItRight() throws Exception {
        String note = "x".repeat(50_000) + "\n" + "y".repeat(49_999);
        String csv = "country,year,offence_code,offence_label,count,note\n"
                + "JAM,2022,MUR,Murder,1463,\"" + note + "\"\n"
                + "JAM,2022,ROB,Robbery,12," + "z".repeat(100_000) + "\n";
        Path file = write("long.csv", csv.getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.NATIONAL, "JAM");

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(query(
                        "SELECT source_line || ' ' || national_code || ' ' || length(footnote) FROM read_parquet('%s') ORDER BY source_line",
                        stagedFile(result)))
                .containsExactly("2 MUR 100000", "4 ROB 100000");

        Path bad = write("long-bad.csv", (csv + "JAM,20x2,MUR,Murder,1,\n").getBytes(StandardCharsets.UTF_8));
        IngestResult rejected = ingest(bad, SourceKind.NATIONAL, "JAM");
        assertThat(errors(rejected))
                .extracting(ValidationIssue::message)
                .containsExactly("Line 5, column 'year': '20x2' is not a year; write a four-digit year such as 2023");
    }

    @Test
    void acceptsTenThousandColumnsAndFindsTheHeaderWellUnderASecond() throws Exception {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int column = 0; column < 10_000; column++) {
            String name =
                    switch (column) {
                        case 17 -> "country";
                        case 4_242 -> "year";
                        case 9_998 -> "population";
                        default -> "indicator_" + column;
                    };
            String value =
                    switch (column) {
                        case 17 -> "JAM";
                        case 4_242 -> "2021";
                        case 9_998 -> "2827695";
                        default -> Integer.toString(column);
                    };
            header.append(column == 0 ? "" : ",").append(name);
            row.append(column == 0 ? "" : ",").append(value);
        }
        String nextYear = row.toString().replace(",2021,", ",2022,");
        Path file = write("wide.csv", (header + "\n" + row + "\n" + nextYear + "\n").getBytes(StandardCharsets.UTF_8));
        // the worst case for the search: 49 wide lines that are not the header, then the header
        String preamble = (row + "\n").repeat(49);
        Path late = write("wide-late.csv", (preamble + header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);
        FileLayout lateLayout = DelimitedTable.open(late, InputFormat.columns(SourceKind.POPULATION))
                .layout();

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.rowsAccepted()).isEqualTo(2);
        // how fast the header search is on such files is measured by bench/ingest, not asserted here
        assertThat(lateLayout.preambleLines()).isEqualTo(49);
        assertThat(lateLayout.columns()).containsEntry("year", 4_242).containsEntry("population", 9_998);
    }

    // --- numbers ------------------------------------------------------------------------------------------------

    @Test
    void readsThousandsPointsAndADecimalCommaInASemicolonFile() throws Exception {
        Path file = write(
                "pop.csv",
                "pais;anio;poblacion\nCHL;2021;19.678.363,5\nCHL;2022;1.234,5\nCHL;2023;1.234\n"
                        .getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.decimalSeparator()).isEqualTo(",");
        assertThat(stagedValues(result)).containsExactly("2 19678363.5", "3 1234.5", "4 1234.0");
    }

    @Test
    void readsQuotedThousandsCommasAndADecimalPointInACommaFile() throws Exception {
        Path file = write(
                "pop.csv",
                "country,year,population\nJAM,2021,\"1,234.5\"\nJAM,2022,\"2,827,695\"\nJAM,2023,1.234\n"
                        .getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.decimalSeparator()).isEqualTo(".");
        assertThat(stagedValues(result)).containsExactly("2 1234.5", "3 2827695.0", "4 1.234");
    }

    static Stream<Arguments> ambiguousNumbers() {
        return Stream.of(
                Arguments.of("a decimal comma elsewhere", "2,5", ",", "2 1.234"),
                Arguments.of("a decimal point elsewhere", "2.5", ".", "2 1234.0"),
                Arguments.of("thousands points elsewhere", "1.500.000", ",", "2 1.234"),
                Arguments.of("no fraction elsewhere (the ';' convention)", "88", ",", "2 1.234"));
    }

    @ParameterizedTest(name = "1,234 in a ';' file with {0}")
    @MethodSource("ambiguousNumbers")
    void readsAnAmbiguousNumberWithTheSeparatorTheRestOfTheFileShows(
            String evidence, String otherValue, String separator, String firstRow) throws Exception {
        Path file = write(
                "national.csv",
                "country;year;offence_code;offence_label;count\nCHL;2022;HOM;Homicidio;1,234\nCHL;2022;ROB-VI;Robo con violencia;%s\n"
                        .formatted(otherValue)
                        .getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.NATIONAL, "CHL");

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.decimalSeparator()).isEqualTo(separator);
        assertThat(stagedValues(result)).first().isEqualTo(firstRow);
    }

    static Stream<Arguments> numbersThatShowNoSeparator() {
        return Stream.of(
                Arguments.of(';', "1.234", ",", "2 1234.0"),
                Arguments.of(';', "1,234", ",", "2 1.234"),
                Arguments.of(',', "1.234", ".", "2 1.234"),
                Arguments.of(',', "\"1,234\"", ".", "2 1234.0"),
                Arguments.of('\t', "1.234", ".", "2 1.234"));
    }

    @ParameterizedTest(name = "{1} in a ''{0}'' file")
    @MethodSource("numbersThatShowNoSeparator")
    void readsANumberThatShowsNoSeparatorByTheConventionOfTheDelimiter(
            char delimiter, String value, String separator, String row) throws Exception {
        String csv = "country,year,population\nJAM,2021,%s\nJAM,2022,2830000\n"
                .replace(',', delimiter)
                .formatted(value);
        Path file = write("pop.csv", csv.getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.decimalSeparator()).isEqualTo(separator);
        assertThat(stagedValues(result)).first().isEqualTo(row);
    }

    @Test
    void rejectsEveryValueWrittenWithTheMinoritySeparatorNamingItsLine() throws Exception {
        Path file = fixture("decimal-comma-and-point-in-one-file.csv");

        IngestResult result = ingest(file, SourceKind.NATIONAL, "CHL");

        assertRejected(result, file);
        assertThat(result.decimalSeparator()).isEqualTo(",");
        assertThat(errors(result)).extracting(ValidationIssue::line).containsOnly(4L);
        assertThat(errors(result))
                .extracting(ValidationIssue::line, ValidationIssue::column, ValidationIssue::message)
                .contains(
                        tuple(
                                4L,
                                "count",
                                "Line 4, column 'count': '3.5' is not a number with decimal separator ','; write digits only, e.g. 1234,5"));
        assertThat(result.issues())
                .filteredOn(issue -> issue.code() == ErrorCode.MIXED_DECIMAL_SEPARATORS)
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "Line 4, column 'count': '3.5' is written with a decimal '.', but 3 other values of the file use ',' (the first on line 2, '1,5'); one file uses one decimal separator: write every number with ','");
    }

    @Test
    void warnsHowAnAmbiguousNumberWasReadWhenNoOtherNumberShowsTheSeparator() throws Exception {
        Path file = write("ambiguous.csv", "pais;anio;poblacion\nCHL;2021;1.234\n".getBytes(StandardCharsets.UTF_8));

        IngestResult result = ingest(file, SourceKind.POPULATION);

        assertThat(result.status()).as(result.issues().toString()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.message())
                    .isEqualTo(
                            "Line 2, column 'poblacion': '1.234' can be a whole number with thousands grouped or a fraction; no number of the file shows its decimal separator, so it is read with ',' as usual in ';'-delimited files, as 1234.0 (1 value like it). If that is wrong, write the numbers without thousands separators");
        });
    }

    @Test
    void evidenceNamesTheFirstLineOfTheMinoritySeparator() throws Exception {
        DelimitedTable table = DelimitedTable.open(
                fixture("decimal-comma-and-point-in-one-file.csv"), InputFormat.columns(SourceKind.NATIONAL));
        DecimalSeparator.Evidence evidence = new DecimalSeparator.Evidence();

        table.forEachRow(
                row -> evidence.observe(row.cell("count"), table.layout().delimiter(), row.line()));

        assertThat(evidence.decide()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(evidence.firstPointLine()).isEqualTo(4);
        assertThat(evidence.firstCommaLine()).isEqualTo(2);
        assertThat(evidence.inconsistency("count"))
                .hasValueSatisfying(
                        finding -> assertThat(finding)
                                .extracting(
                                        DecimalSeparator.Finding::line,
                                        DecimalSeparator.Finding::value,
                                        found -> found.message().english())
                                .containsExactly(
                                        4L,
                                        "3.5",
                                        "Line 4, column 'count': '3.5' is written with a decimal '.', but 3 other values of the file use ',' (the first on line 2, '1,5'); one file uses one decimal separator: write every number with ','"));
        assertThat(evidence.ambiguity("count")).isEmpty();
    }

    @Test
    void evidenceSaysHowAnAmbiguousNumberWasReadWhenNothingElseShowsTheSeparator() {
        DecimalSeparator.Evidence evidence = new DecimalSeparator.Evidence();

        evidence.observe("88", ';', 2);
        evidence.observe("1,234", ';', 3);
        evidence.observe("2.500", ';', 4);

        assertThat(evidence.decide()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(evidence.inconsistency("count")).isEmpty();
        assertThat(evidence.ambiguity("count"))
                .hasValueSatisfying(
                        finding -> assertThat(finding)
                                .extracting(
                                        DecimalSeparator.Finding::line,
                                        DecimalSeparator.Finding::value,
                                        found -> found.message().english())
                                .containsExactly(
                                        3L,
                                        "1,234",
                                        "Line 3, column 'count': '1,234' can be a whole number with thousands grouped or a fraction; no number of the file shows its decimal separator, so it is read with ',' as usual in ';'-delimited files, as 1.234 (2 values like it). If that is wrong, write the numbers without thousands separators"));
    }

    @Test
    void neverReadsAFractionWithTheOtherSeparatorAsGroupedThousands() {
        assertThat(DecimalSeparator.COMMA.parse("0.250")).isEmpty();
        assertThat(DecimalSeparator.POINT.parse("0,250")).isEmpty();
        assertThat(DecimalSeparator.COMMA.parse("1234.5")).isEmpty();
        assertThat(DecimalSeparator.POINT.parse("1234,5")).isEmpty();
        assertThat(DecimalSeparator.COMMA.parse("1.234")).hasValue(1234);
        assertThat(DecimalSeparator.COMMA.parse("1\u00A0234,5")).hasValue(1234.5);
        assertThat(DecimalSeparator.POINT.parse("-1,234,567.25")).hasValue(-1234567.25);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private IngestResult ingest(Path file, SourceKind kind) throws IOException {
        return ingest(file, kind, null);
    }

    private IngestResult ingest(Path file, SourceKind kind, String country) throws IOException {
        IngestService service = new IngestService(new DataDirectory(temporary.resolve("data")), codelists);
        OptionalInt cycle = kind == SourceKind.CTS ? OptionalInt.of(2022) : OptionalInt.empty();
        return service.ingest(IngestRequest.of(file, kind, Optional.ofNullable(country), cycle));
    }

    /** The errors of a result: row checks that others add may warn about these fixtures, and do not matter here. */
    private static List<ValidationIssue> errors(IngestResult result) {
        return result.issues().stream()
                .filter(issue -> issue.severity() == Severity.ERROR)
                .toList();
    }

    private void assertRejectedWith(IngestResult result, Path file, ErrorCode code, String message) throws IOException {
        assertRejected(result, file);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(code);
            assertThat(issue.message()).isEqualTo(message);
        });
    }

    /** Rejected with messages only (no stack trace), nothing staged, and the raw bytes landed unchanged. */
    private void assertRejected(IngestResult result, Path file) throws IOException {
        assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
        assertThat(result.errors()).isPositive();
        assertThat(result.issues()).allSatisfy(issue -> assertThat(issue.message())
                .doesNotContain("Exception", "\tat ", "org.apache", "java."));
        Path staging = temporary.resolve("data/staging");
        if (Files.exists(staging)) {
            try (Stream<Path> entries = Files.list(staging)) {
                assertThat(entries).isEmpty();
            }
        }
        try (Stream<Path> landed = Files.list(temporary.resolve("data/landing"))) {
            Path raw = landed.filter(path -> path.getFileName().toString().startsWith(result.sha256() + "."))
                    .filter(path -> !path.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.mismatch(raw, file)).isEqualTo(-1L);
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = temporary.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path fixture(String name) throws IOException {
        try {
            return Path.of(
                    MalformedFilesTest.class.getResource("/malformed/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int index = 0; index < values.length; index++) {
            result[index] = (byte) values[index];
        }
        return result;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private List<String> stagedLines(IngestResult result) throws SQLException {
        return query(
                "SELECT source_line || ' ' || country || ' ' || value FROM read_parquet('%s') ORDER BY source_line",
                stagedFile(result));
    }

    private List<String> stagedValues(IngestResult result) throws SQLException {
        return query(
                "SELECT source_line || ' ' || value FROM read_parquet('%s') ORDER BY source_line", stagedFile(result));
    }

    private String stagedFile(IngestResult result) {
        return temporary
                .resolve("data/staging")
                .resolve(result.submissionId())
                .resolve("rows.parquet")
                .toString();
    }

    private static List<String> query(String sql, String file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql.formatted(file))) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
