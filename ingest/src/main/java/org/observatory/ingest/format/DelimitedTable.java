package org.observatory.ingest.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * A delimited text file read by column name. {@link #open} detects the encoding (whole file), then finds the
 * header among the first lines by its column names (so preamble lines are skipped whatever their field count) and
 * the delimiter that makes those names fit. Rows are streamed with the line they start on, which differs from the
 * record number when a quoted value spans lines.
 */
public final class DelimitedTable {
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final int HEADER_SEARCH_LINES = 50;

    private final Path file;
    private final FileLayout layout;

    private DelimitedTable(Path file, FileLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /** Detects the layout of {@code file} for those columns, or fails with what is missing and how to fix it. */
    public static DelimitedTable open(Path file, List<ColumnSpec> columns) throws IOException {
        if (Files.size(file) == 0) {
            throw new ObservatoryException(
                    ErrorCode.FILE_UNREADABLE, "The file is empty; export the data again with its header line");
        }
        DetectedEncoding encoding = EncodingDetector.detect(file);
        List<String> firstLines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(reader(file, encoding))) {
            String line;
            while (firstLines.size() < HEADER_SEARCH_LINES && (line = reader.readLine()) != null) {
                firstLines.add(line);
            }
        }
        HeaderMatch best = null;
        for (int index = 0; index < firstLines.size(); index++) {
            for (char delimiter : DELIMITERS) {
                HeaderMatch match = HeaderMatch.of(firstLines.get(index), delimiter, index, columns);
                if (match != null && (best == null || match.requiredFound() > best.requiredFound())) {
                    best = match;
                }
            }
            if (best != null && best.missingRequired().isEmpty()) {
                break;
            }
        }
        List<String> requiredNames = columns.stream()
                .filter(ColumnSpec::required)
                .map(ColumnSpec::name)
                .toList();
        if (best == null || best.requiredFound() == 0) {
            throw new ObservatoryException(
                    ErrorCode.HEADER_NOT_FOUND,
                    "No header line found in the first %d lines: none names the required columns %s; add a header line with those column names (see docs/formats.md)"
                            .formatted(firstLines.size(), requiredNames));
        }
        if (!best.missingRequired().isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.REQUIRED_COLUMN_MISSING,
                    "Line %d (the header): missing required column(s) %s; add them or rename the existing columns (accepted names are in docs/formats.md)"
                            .formatted(best.lineIndex() + 1, best.missingRequired()));
        }
        return new DelimitedTable(
                file, new FileLayout(encoding, best.delimiter(), best.lineIndex(), best.width(), best.positions()));
    }

    private static Reader reader(Path file, DetectedEncoding encoding) throws IOException {
        InputStream input = Files.newInputStream(file);
        input.skipNBytes(encoding.bomLength());
        return new InputStreamReader(input, encoding.charset().newDecoder());
    }

    public FileLayout layout() {
        return layout;
    }

    /**
     * Streams every data row to {@code consumer}, ragged ones included (see {@link #raggedRowMessage}). A quote that
     * is never closed fails with the line and how to fix it.
     */
    public void forEachRow(Consumer<RawRow> consumer) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(layout.delimiter())
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (BufferedReader reader = new BufferedReader(reader(file, layout.encoding()), 1 << 16)) {
            for (int skipped = 0; skipped <= layout.preambleLines(); skipped++) {
                reader.readLine(); // the preamble and the header itself
            }
            long lineOffset = layout.headerLine();
            try (CSVParser parser = format.parse(reader)) {
                Iterator<CSVRecord> records = parser.iterator();
                long nextLine = lineOffset + 1;
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException e) {
                        throw malformed(nextLine, e.getCause());
                    }
                    long line = nextLine;
                    nextLine = lineOffset + parser.getCurrentLineNumber() + 1;
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    consumer.accept(new RawRow(line, record, layout.columns()));
                }
            }
        }
    }

    /** The problem of a row whose field count differs from the header's, or empty when it has none. */
    public java.util.Optional<String> raggedRowMessage(RawRow row) {
        if (row.record().size() == layout.headerWidth()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                "Line %d has %d fields but the header (line %d) has %d; check for a missing or extra '%s' or an unquoted value that contains it"
                        .formatted(
                                row.line(),
                                row.record().size(),
                                layout.headerLine(),
                                layout.headerWidth(),
                                layout.delimiterLabel()));
    }

    private static ObservatoryException malformed(long line, Throwable cause) {
        String detail = cause instanceof CSVException || cause instanceof IOException
                ? cause.getMessage()
                : String.valueOf(cause);
        return new ObservatoryException(
                ErrorCode.MALFORMED_CSV,
                "The file cannot be parsed from line %d on: %s; check that every quote (\") is closed and quotes inside values are doubled"
                        .formatted(line, detail),
                cause);
    }

    /** A header candidate: a line split by one delimiter, and how well its cells match the expected columns. */
    private record HeaderMatch(
            int lineIndex,
            char delimiter,
            int width,
            Map<String, Integer> positions,
            List<String> missingRequired,
            int requiredFound) {
        static HeaderMatch of(String line, char delimiter, int lineIndex, List<ColumnSpec> columns) {
            List<String> cells;
            try (CSVParser parser =
                    CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(new java.io.StringReader(line))) {
                List<CSVRecord> records = parser.getRecords();
                if (records.isEmpty()) {
                    return null;
                }
                cells = records.get(0).toList();
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
            Map<String, Integer> positions = new HashMap<>();
            for (ColumnSpec column : columns) {
                for (int index = 0; index < cells.size(); index++) {
                    if (column.matches(cells.get(index))) {
                        positions.putIfAbsent(column.name(), index);
                        break;
                    }
                }
            }
            List<String> missing = columns.stream()
                    .filter(ColumnSpec::required)
                    .map(ColumnSpec::name)
                    .filter(name -> !positions.containsKey(name))
                    .toList();
            int found = (int) columns.stream()
                    .filter(ColumnSpec::required)
                    .filter(column -> positions.containsKey(column.name()))
                    .count();
            return new HeaderMatch(lineIndex, delimiter, cells.size(), positions, missing, found);
        }
    }
}
