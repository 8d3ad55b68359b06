package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.testing.StagingArea;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A dataUNODC (UN-CTS) file in each shape it reaches the platform in, as the issue of ingest named them: saved by a
 * spreadsheet of a Spanish, French or Portuguese locale ({@code ;} with decimal commas and points grouping
 * thousands), with its columns in another order (as some releases have them), with a UTF-8 byte order mark, and in
 * Windows-1252 with CRLF line ends (as dataUNODC's own downloads are). Each is ingested for real and must stage
 * exactly the rows of its plain twin (comma-delimited, UTF-8, LF, the columns in the release's order), while the
 * report says what was detected. The real exports beside the repository are read in {@link ReferenceDataTest}.
 */
class CtsFileShapesTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The 13 columns of a dataUNODC release, in the order of the 2022 releases. */
    private static final List<String> RELEASE_ORDER = List.of(
            "Iso3_code",
            "Country",
            "Region",
            "Subregion",
            "Indicator",
            "Dimension",
            "Category",
            "Sex",
            "Age",
            "Year",
            "Unit of measurement",
            "VALUE",
            "Source");

    /** The same 13 columns in another order, as a later release or an analyst's re-export may have them. */
    private static final List<String> ANOTHER_ORDER = List.of(
            "VALUE",
            "Year",
            "Country",
            "Unit of measurement",
            "Iso3_code",
            "Source",
            "Sex",
            "Category",
            "Age",
            "Indicator",
            "Subregion",
            "Dimension",
            "Region");

    private static final String AMERICAS = "Americas";
    private static final String LATIN_AMERICA = "Latin America and the Caribbean";
    private static final String COUNTS = "Counts";
    private static final String RATE = "Rate per 100,000 population";

    /**
     * The rows of the fixture: member states with accented names (written in the file's encoding), counts with
     * thousands, fractional counts (estimates) and rates, an accented source that is staged, and two rows of
     * countries outside the member list (one accented) that are skipped.
     */
    private static final List<Row> ROWS = List.of(
            homicide("JAM", "Jamaica", "Total", 2021, COUNTS, "1463", "CTS"),
            homicide("JAM", "Jamaica", "Total", 2021, RATE, "52.13", "CTS"),
            homicide("MEX", "México", "Total", 2021, COUNTS, "35625", "CTS/NSO"),
            homicide("MEX", "México", "Male", 2021, COUNTS, "31470", "CTS/NSO"),
            homicide("MEX", "México", "Total", 2021, RATE, "28.18", "CTS/NSO"),
            new Row(
                    "PER",
                    "Perú",
                    AMERICAS,
                    LATIN_AMERICA,
                    "Offences",
                    "by type of offence",
                    "Theft: of a motorized vehicle",
                    "Total",
                    "Total",
                    2020,
                    COUNTS,
                    "1144.10662352425",
                    "Policía Nacional del Perú"),
            new Row(
                    "PER",
                    "Perú",
                    AMERICAS,
                    LATIN_AMERICA,
                    "Violent offences",
                    "by type of offence",
                    "Sexual violence: Rape",
                    "Total",
                    "Total",
                    2020,
                    RATE,
                    "19.6",
                    "CTS"),
            new Row(
                    "COL",
                    "Colombia",
                    AMERICAS,
                    LATIN_AMERICA,
                    "Offences",
                    "by type of offence",
                    "Burglary",
                    "Total",
                    "Total",
                    2019,
                    COUNTS,
                    "1234567",
                    "CTS"),
            homicide("FRA", "France", "Total", 2021, COUNTS, "900", "CTS"),
            new Row(
                    "CIV",
                    "Côte d'Ivoire",
                    "Africa",
                    "Sub-Saharan Africa",
                    "Victims of intentional homicide",
                    "Total",
                    "Total",
                    "Total",
                    "Total",
                    2021,
                    COUNTS,
                    "1234",
                    "CTS"));

    /** What the plain twin stages, line by line (and so what every other shape must stage too). */
    private static final List<String> STAGED = List.of(
            "2 accepted JAM 2021 Victims of intentional homicide|Total|Total _T _T count 1463.0 CTS",
            "3 accepted JAM 2021 Victims of intentional homicide|Total|Total _T _T rate_per_100k 52.13 CTS",
            "4 accepted MEX 2021 Victims of intentional homicide|Total|Total _T _T count 35625.0 CTS/NSO",
            "5 accepted MEX 2021 Victims of intentional homicide|Total|Total M _T count 31470.0 CTS/NSO",
            "6 accepted MEX 2021 Victims of intentional homicide|Total|Total _T _T rate_per_100k 28.18 CTS/NSO",
            "7 accepted PER 2020 Offences|by type of offence|Theft: of a motorized vehicle _T _T count"
                    + " 1144.10662352425 Policía Nacional del Perú",
            "8 accepted PER 2020 Violent offences|by type of offence|Sexual violence: Rape _T _T rate_per_100k 19.6 CTS",
            "9 accepted COL 2019 Offences|by type of offence|Burglary _T _T count 1234567.0 CTS",
            "10 skipped FRA 2021 Victims of intentional homicide|Total|Total - - - - CTS",
            "11 skipped CIV 2021 Victims of intentional homicide|Total|Total - - - - CTS");

    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @Test
    void stagesThePlainTwinAsItsRowsSay() throws Exception {
        IngestResult plain = ingest("plain.csv", Shape.PLAIN.bytes(ROWS));

        assertDetected(plain, "UTF-8", ",", ".");
        assertThat(plain.rowsRead()).isEqualTo(ROWS.size());
        assertThat(plain.rowsAccepted()).isEqualTo(8);
        assertThat(plain.rowsSkipped()).containsOnlyKeys("out-of-scope-country").containsValue(2L);
        assertThat(plain.warnings()).isZero();
        assertThat(readable(plain)).containsExactlyElementsOf(STAGED);
    }

    @Test
    void readsSemicolonsWithDecimalCommasAndPointsGroupingThousands() throws Exception {
        Shape shape = Shape.PLAIN.withSemicolonsAndDecimalCommas();
        byte[] bytes = shape.bytes(ROWS);
        // the shape is what a spreadsheet of a comma locale saves: the file says so itself
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains(";Counts;1.463;CTS\n")
                .contains(";Rate per 100,000 population;52,13;CTS\n")
                .contains(";Counts;1.144,10662352425;Policía Nacional del Perú\n")
                .contains(";Counts;1.234.567;CTS\n")
                .doesNotContain("\"");

        IngestResult result = ingest("semicolons.csv", bytes);

        assertDetected(result, "UTF-8", ";", ",");
        assertStagedAsThePlainTwin(result);
    }

    @Test
    void readsTheColumnsInAnotherOrderByTheirNames() throws Exception {
        Shape shape = Shape.PLAIN.withColumns(ANOTHER_ORDER);
        byte[] bytes = shape.bytes(ROWS);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith(String.join(",", ANOTHER_ORDER) + "\n1463,2021,Jamaica,Counts,JAM,CTS,Total,");

        IngestResult result = ingest("another-order.csv", bytes);

        assertDetected(result, "UTF-8", ",", ".");
        assertStagedAsThePlainTwin(result);
    }

    @Test
    void readsAFileThatStartsWithAUtf8ByteOrderMark() throws Exception {
        byte[] bytes = Shape.PLAIN.withByteOrderMark().bytes(ROWS);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF, 'I', 's', 'o', '3');

        IngestResult result = ingest("byte-order-mark.csv", bytes);

        assertDetected(result, "UTF-8 with BOM", ",", ".");
        assertStagedAsThePlainTwin(result);
    }

    @Test
    void readsWindows1252WithAccentedCountryNamesAndCrlfLineEnds() throws Exception {
        byte[] bytes = Shape.PLAIN.inWindows1252().withCrlf().bytes(ROWS);
        // "México" and "Perú" as Windows-1252 writes them (one byte each for é and ú), lines ended by CR LF
        String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(asLatin1).contains(",M\u00E9xico,").contains(",Per\u00FA,").contains(",C\u00F4te d'Ivoire,");
        assertThat(asLatin1.split("\r\n", -1)).hasSize(ROWS.size() + 2);
        assertThat(asLatin1.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");

        IngestResult result = ingest("windows-1252.csv", bytes);

        assertDetected(result, "Windows-1252", ",", ".");
        assertStagedAsThePlainTwin(result);
    }

    @Test
    void readsAUtf8FileWithEveryShapeAtOnce() throws Exception {
        byte[] bytes = Shape.PLAIN
                .withSemicolonsAndDecimalCommas()
                .withColumns(ANOTHER_ORDER)
                .withByteOrderMark()
                .withCrlf()
                .bytes(ROWS);

        IngestResult result = ingest("every-shape-utf8.csv", bytes);

        assertDetected(result, "UTF-8 with BOM", ";", ",");
        assertStagedAsThePlainTwin(result);
    }

    /** A byte order mark says UTF-8, so a Windows-1252 file has every other shape at once, but not that one. */
    @Test
    void readsAWindows1252FileWithEveryOtherShapeAtOnce() throws Exception {
        byte[] bytes = Shape.PLAIN
                .withSemicolonsAndDecimalCommas()
                .withColumns(ANOTHER_ORDER)
                .inWindows1252()
                .withCrlf()
                .bytes(ROWS);

        IngestResult result = ingest("every-shape-windows-1252.csv", bytes);

        assertDetected(result, "Windows-1252", ";", ",");
        assertStagedAsThePlainTwin(result);
    }

    /**
     * A spreadsheet of a French locale groups thousands with a no-break space ({@code 1 234 567}), which Windows-1252
     * writes as the byte 0xA0, an accented letter's neighbour.
     */
    @Test
    void readsNoBreakSpacesGroupingThousandsInWindows1252() throws Exception {
        byte[] bytes = Shape.PLAIN
                .withSemicolonsAndDecimalCommas()
                .withGrouping('\u00A0')
                .inWindows1252()
                .withCrlf()
                .bytes(ROWS);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .contains(";Counts;1\u00A0234\u00A0567;CTS\r\n")
                .contains(";Counts;1\u00A0144,10662352425;Polic\u00EDa Nacional del Per\u00FA\r\n");

        IngestResult result = ingest("no-break-spaces.csv", bytes);

        assertDetected(result, "Windows-1252", ";", ",");
        assertStagedAsThePlainTwin(result);
    }

    /**
     * Defect: a spreadsheet saves the rows it kept below the data (formatted, or emptied) as lines of empty fields
     * ({@code ;;;;;;;;;;;;}); each was read as a row, counted, and staged as skipped for an unknown country with no
     * country. Such a line holds nothing, like a blank line: it is not a row.
     */
    @Test
    void aLineOfEmptyFieldsIsNotARowOfAnUnknownCountry() throws Exception {
        Shape spreadsheet = Shape.PLAIN
                .withSemicolonsAndDecimalCommas()
                .withColumns(ANOTHER_ORDER)
                .inWindows1252()
                .withCrlf();
        byte[] rows = spreadsheet.bytes(ROWS);
        byte[] emptyLines = ";;;;;;;;;;;;\r\n;;;;;;;;;;;;\r\n\"\";;;;;;;;;;;;\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(rows, rows.length + emptyLines.length);
        System.arraycopy(emptyLines, 0, bytes, rows.length, emptyLines.length);

        IngestResult result = ingest("empty-rows-below.csv", bytes);

        assertDetected(result, "Windows-1252", ";", ",");
        assertThat(result.rowsSkipped()).doesNotContainKey("unknown-country");
        assertStagedAsThePlainTwin(result);
    }

    private void assertStagedAsThePlainTwin(IngestResult result) throws Exception {
        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.issues()).as("no warning about the shape of the file").isEmpty();
        assertThat(result.preambleLines()).isZero();

        IngestResult plain = ingest("plain.csv", Shape.PLAIN.bytes(ROWS));

        assertThat(result.rowsRead()).isEqualTo(plain.rowsRead());
        assertThat(result.rowsAccepted()).isEqualTo(plain.rowsAccepted());
        assertThat(result.rowsSkipped()).isEqualTo(plain.rowsSkipped());
        assertThat(result.countries()).containsExactly("COL", "JAM", "MEX", "PER");
        assertThat(readable(result)).containsExactlyElementsOf(STAGED);
        // every staged column, not only those read above, and to the last bit of every value
        assertThat(everyColumn(result)).containsExactlyElementsOf(everyColumn(plain));
    }

    private static void assertDetected(IngestResult result, String encoding, String delimiter, String decimal) {
        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.encoding()).isEqualTo(encoding);
        assertThat(result.delimiter()).isEqualTo(delimiter);
        assertThat(result.decimalSeparator()).isEqualTo(decimal);
    }

    /** Ingests {@code bytes} as a CTS file, into a data directory of its own. */
    private IngestResult ingest(String name, byte[] bytes) throws IOException {
        Path directory = Files.createTempDirectory(temporary, name);
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        Path data = directory.resolve("data");
        IngestResult result = new IngestService(new DataDirectory(data), codelists)
                .ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));
        dataDirectories.put(result.submissionId(), data);
        return result;
    }

    /** The data directory of each submission ingested by {@link #ingest}. */
    private final Map<String, Path> dataDirectories = new HashMap<>();

    private Path dataOf(IngestResult result) {
        Path data = dataDirectories.get(result.submissionId());
        assertThat(data).as("data directory of " + result.submissionId()).isNotNull();
        return data;
    }

    private List<String> readable(IngestResult result) throws IOException, SQLException {
        return StagingArea.query(
                "SELECT source_line || ' ' || status || ' ' || country || ' ' || year || ' ' || cts_indicator"
                        + " || '|' || cts_dimension || '|' || cts_category || ' ' || coalesce(sex, '-') || ' '"
                        + " || coalesce(age, '-') || ' ' || coalesce(unit, '-') || ' '"
                        + " || coalesce(CAST(value AS VARCHAR), '-') || ' ' || source"
                        + " FROM read_parquet('%s') ORDER BY source_line",
                StagingArea.stagedFile(dataOf(result), result.submissionId()));
    }

    /**
     * Every staged column but the submission id (which names the file's bytes); a double is written with as many
     * digits as tell it from every other double, so equal texts are equal values.
     */
    private List<String> everyColumn(IngestResult result) throws IOException, SQLException {
        return StagingArea.query(
                "SELECT CAST(staged AS VARCHAR) FROM (SELECT * EXCLUDE (submission_id) FROM read_parquet('%s')) staged"
                        + " ORDER BY staged.source_line",
                StagingArea.stagedFile(dataOf(result), result.submissionId()));
    }

    private static Row homicide(
            String iso3, String country, String sex, int year, String unit, String value, String source) {
        return new Row(
                iso3,
                country,
                iso3.equals("FRA") ? "Europe" : AMERICAS,
                iso3.equals("FRA") ? "Western Europe" : LATIN_AMERICA,
                "Victims of intentional homicide",
                "Total",
                "Total",
                sex,
                "Total",
                year,
                unit,
                value,
                source);
    }

    /** One row of a dataUNODC release; {@code value} written as a plain export writes it ({@code 1144.1066}). */
    private record Row(
            String iso3,
            String country,
            String region,
            String subregion,
            String indicator,
            String dimension,
            String category,
            String sex,
            String age,
            int year,
            String unit,
            String value,
            String source) {
        String cell(String column) {
            return switch (column) {
                case "Iso3_code" -> iso3;
                case "Country" -> country;
                case "Region" -> region;
                case "Subregion" -> subregion;
                case "Indicator" -> indicator;
                case "Dimension" -> dimension;
                case "Category" -> category;
                case "Sex" -> sex;
                case "Age" -> age;
                case "Year" -> Integer.toString(year);
                case "Unit of measurement" -> unit;
                case "VALUE" -> value;
                case "Source" -> source;
                default -> throw new IllegalArgumentException("not a CTS column: " + column);
            };
        }
    }

    /** How a file is written: delimiter and decimal separator, column order, encoding, byte order mark, line ends. */
    private record Shape(
            char delimiter,
            char grouping,
            List<String> columns,
            Charset charset,
            boolean byteOrderMark,
            String lineEnd) {
        static final Shape PLAIN = new Shape(',', ',', RELEASE_ORDER, StandardCharsets.UTF_8, false, "\n");

        Shape withSemicolonsAndDecimalCommas() {
            return new Shape(';', '.', columns, charset, byteOrderMark, lineEnd);
        }

        Shape withGrouping(char separator) {
            return new Shape(delimiter, separator, columns, charset, byteOrderMark, lineEnd);
        }

        Shape withColumns(List<String> order) {
            return new Shape(delimiter, grouping, order, charset, byteOrderMark, lineEnd);
        }

        Shape withByteOrderMark() {
            return new Shape(delimiter, grouping, columns, StandardCharsets.UTF_8, true, lineEnd);
        }

        Shape inWindows1252() {
            return new Shape(delimiter, grouping, columns, WINDOWS_1252, false, lineEnd);
        }

        Shape withCrlf() {
            return new Shape(delimiter, grouping, columns, charset, byteOrderMark, "\r\n");
        }

        byte[] bytes(List<Row> rows) throws IOException {
            StringBuilder text = new StringBuilder();
            text.append(line(columns)).append(lineEnd);
            for (Row row : rows) {
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    String cell = row.cell(column);
                    cells.add(column.equals("VALUE") ? number(cell) : cell);
                }
                text.append(line(cells)).append(lineEnd);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (byteOrderMark) {
                bytes.write(BYTE_ORDER_MARK);
            }
            bytes.write(text.toString().getBytes(charset));
            return bytes.toByteArray();
        }

        private String line(List<String> cells) {
            List<String> quoted = new ArrayList<>();
            for (String cell : cells) {
                quoted.add(cell.indexOf(delimiter) >= 0 ? '"' + cell + '"' : cell);
            }
            return String.join(String.valueOf(delimiter), quoted);
        }

        /**
         * A number as this shape writes it: with {@code ;}, as a spreadsheet of a comma locale does, a decimal
         * comma and points grouping the thousands ({@code 1.144,10662352425}, {@code 1.234.567}).
         */
        private String number(String plain) {
            if (delimiter != ';') {
                return plain;
            }
            int point = plain.indexOf('.');
            String whole = point < 0 ? plain : plain.substring(0, point);
            StringBuilder grouped = new StringBuilder();
            for (int index = 0; index < whole.length(); index++) {
                if (index > 0 && (whole.length() - index) % 3 == 0) {
                    grouped.append(grouping);
                }
                grouped.append(whole.charAt(index));
            }
            return point < 0 ? grouped.toString() : grouped + "," + plain.substring(point + 1);
        }
    }
}
