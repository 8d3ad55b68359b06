package org.observatory.ingest.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.observatory.ingest.IngestMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * A delimited text file read by column name. {@link #open} detects the encoding (whole file), then finds the
 * header among the first lines by its column names (so preamble lines are skipped whatever their field count) and
 * the delimiter that makes those names fit. A quoted value that holds line breaks is one value there too: a line
 * inside it is never taken for the header. Rows are streamed with the physical line they start on, which differs
 * from the record number when a quoted value spans lines; lines end at CR, LF or CRLF, mixed in one file or not.
 *
 * <p>{@link #open} rejects, each with a message that names the line and says how to fix it: an empty or blank
 * file, a file that is not text (see {@link EncodingDetector}), no header line, a header without a required column,
 * a header with two columns that are the same column (e.g. {@code year} and {@code anio}), and a header without a
 * data row after it. {@link #forEachRow} rejects a quote that is never closed, or is followed by text, naming the
 * line and column of the quote.
 */
public final class DelimitedTable {
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private static final int HEADER_SEARCH_LINES = 50;
    /** The header search reads at most this many characters, so one huge line cannot exhaust memory. */
    private static final int HEADER_SEARCH_CHARACTERS = 16 << 20;

    private static final int BUFFER_SIZE = 1 << 16;

    private final Path file;
    private final FileLayout layout;

    private DelimitedTable(Path file, FileLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /** Detects the layout of {@code file} for those columns, or fails with what is wrong and how to fix it. */
    public static DelimitedTable open(Path file, List<ColumnSpec> columns) throws IOException {
        checkNotEmpty(file);
        return open(file, columns, EncodingDetector.detect(file));
    }

    /**
     * Detects the layout of {@code file} as {@link #open(Path, List)} does, taking its encoding from a scan of its
     * bytes made while it was landed, so that the whole file is not read once more for it.
     */
    public static DelimitedTable open(Path file, List<ColumnSpec> columns, TextProfile profile) throws IOException {
        checkNotEmpty(file);
        return open(file, columns, EncodingDetector.detect(file, profile));
    }

    private static void checkNotEmpty(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new ObservatoryException(ErrorCode.FILE_UNREADABLE, Message.of(IngestMessage.FILE_EMPTY));
        }
    }

    private static DelimitedTable open(Path file, List<ColumnSpec> columns, DetectedEncoding encoding)
            throws IOException {
        FirstLines first = FirstLines.read(file, encoding);
        if (first.blank()) {
            throw new ObservatoryException(
                    ErrorCode.FILE_UNREADABLE,
                    first.lines().isEmpty()
                            ? Message.of(IngestMessage.FILE_EMPTY)
                            : Message.of(IngestMessage.FILE_BLANK, "lines", (long)
                                    first.lines().size()));
        }
        HeaderMatch best = findHeader(first.lines(), new ColumnIndex(columns));
        List<String> requiredNames = columns.stream()
                .filter(ColumnSpec::required)
                .map(ColumnSpec::name)
                .toList();
        if (best == null || best.requiredFound() == 0) {
            throw new ObservatoryException(
                    ErrorCode.HEADER_NOT_FOUND,
                    Message.of(
                            IngestMessage.HEADER_NOT_FOUND,
                            "lines",
                            (long) first.lines().size(),
                            "columns",
                            requiredNames.toString(),
                            "accepted",
                            accepted(columns, requiredNames)));
        }
        List<HeaderProblems.Problem> problems = new ArrayList<>();
        String headerLine = Integer.toString(best.lineIndex() + 1);
        String lastLine = Integer.toString(best.lineIndex() + best.lineCount());
        // a quote left open explains the columns found missing: it is said with them, or on its own
        boolean quoteSaid = best.missingRequired().isEmpty();
        if (!best.missingRequired().isEmpty()) {
            String missing = best.missingRequired().toString();
            long count = best.missingRequired().size();
            String accepted = accepted(columns, best.missingRequired());
            Message message = best.unclosedQuote()
                    ? Message.of(
                            IngestMessage.HEADER_COLUMNS_MISSING_QUOTE_NOT_CLOSED,
                            "line",
                            headerLine,
                            "columns",
                            missing,
                            "count",
                            count,
                            "accepted",
                            accepted)
                    : best.lineCount() > 1
                            ? Message.of(
                                    IngestMessage.HEADER_COLUMNS_MISSING_HEADER_RUNS_ON,
                                    "line",
                                    headerLine,
                                    "columns",
                                    missing,
                                    "count",
                                    count,
                                    "accepted",
                                    accepted,
                                    "lastLine",
                                    lastLine)
                            : Message.of(
                                    IngestMessage.HEADER_COLUMNS_MISSING,
                                    "line",
                                    headerLine,
                                    "columns",
                                    missing,
                                    "count",
                                    count,
                                    "accepted",
                                    accepted);
            problems.add(new HeaderProblems.Problem(ErrorCode.REQUIRED_COLUMN_MISSING, message));
        }
        best.duplicates()
                .forEach(duplicate -> problems.add(new HeaderProblems.Problem(ErrorCode.MALFORMED_CSV, duplicate)));
        if (!problems.isEmpty() && quoteSaid && best.unclosedQuote()) {
            problems.add(new HeaderProblems.Problem(
                    ErrorCode.MALFORMED_CSV, Message.of(IngestMessage.HEADER_QUOTE_NOT_CLOSED, "line", headerLine)));
        } else if (!problems.isEmpty() && quoteSaid && best.lineCount() > 1) {
            problems.add(new HeaderProblems.Problem(
                    ErrorCode.MALFORMED_CSV,
                    Message.of(IngestMessage.HEADER_RUNS_ON, "line", headerLine, "lastLine", lastLine)));
        }
        if (!problems.isEmpty()) {
            throw new HeaderProblems(problems);
        }
        DelimitedTable table = new DelimitedTable(
                file,
                new FileLayout(
                        encoding,
                        best.delimiter(),
                        best.lineIndex(),
                        best.width(),
                        best.positions(),
                        best.lineCount(),
                        best.names()));
        if (!table.hasDataRow()) {
            throw new ObservatoryException(
                    ErrorCode.NO_DATA_ROWS,
                    Message.of(IngestMessage.NO_DATA_ROWS, "line", Integer.toString(best.lineIndex() + 1)));
        }
        return table;
    }

    /**
     * The names a header may write each of those columns under, in every language, language-free: {@code year: year,
     * anio, año, ano, année; population: population, value, ...}.
     */
    static String accepted(List<ColumnSpec> columns, List<String> names) {
        List<String> accepted = new ArrayList<>();
        for (String name : names) {
            columns.stream()
                    .filter(column -> column.name().equals(name))
                    .findFirst()
                    .ifPresent(column -> accepted.add(name + ": " + String.join(", ", column.acceptedNames())));
        }
        return String.join("; ", accepted);
    }

    /**
     * The line that names the most required columns, the first one that names them all. Each line is tried with
     * every delimiter; a line inside a quoted value of an earlier line (with that delimiter) is no candidate.
     */
    private static HeaderMatch findHeader(List<String> lines, ColumnIndex index) {
        List<Map<Integer, Integer>> recordsByDelimiter = new ArrayList<>();
        for (char delimiter : DELIMITERS) {
            recordsByDelimiter.add(records(lines, delimiter));
        }
        HeaderMatch best = null;
        for (int lineIndex = 0; lineIndex < lines.size(); lineIndex++) {
            for (int delimiterIndex = 0; delimiterIndex < DELIMITERS.length; delimiterIndex++) {
                Integer record = recordsByDelimiter.get(delimiterIndex).get(lineIndex);
                if (record == null) {
                    continue;
                }
                int lineCount = Math.abs(record);
                String text = lineCount == 1
                        ? lines.get(lineIndex)
                        : String.join("\n", lines.subList(lineIndex, lineIndex + lineCount));
                HeaderMatch match =
                        HeaderMatch.of(text, DELIMITERS[delimiterIndex], lineIndex, lineCount, record < 0, index);
                if (match != null && (best == null || match.requiredFound() > best.requiredFound())) {
                    best = match;
                }
            }
            if (best != null && best.missingRequired().isEmpty()) {
                break;
            }
        }
        return best;
    }

    /**
     * The records among {@code lines} when quotes are honoured: the index of each record's first line to the
     * number of lines it takes. A quote that opens a value at the start of a field and is not closed within the
     * lines read is taken as text, so a stray quote in a preamble line does not hide the header; such a line is
     * mapped to -1.
     */
    private static Map<Integer, Integer> records(List<String> lines, char delimiter) {
        Map<Integer, Integer> records = new HashMap<>();
        int start = 0;
        while (start < lines.size()) {
            int end = endOfRecord(lines, start, delimiter);
            if (end < 0) {
                records.put(start, -1);
                start++;
            } else {
                records.put(start, end - start + 1);
                start = end + 1;
            }
        }
        return records;
    }

    /** The index of the line the record starting at {@code start} ends on, or -1 when its quote never closes. */
    private static int endOfRecord(List<String> lines, int start, char delimiter) {
        boolean quoted = false;
        for (int lineIndex = start; lineIndex < lines.size(); lineIndex++) {
            String line = lines.get(lineIndex);
            boolean fieldStart = !quoted;
            for (int position = 0; position < line.length(); position++) {
                char character = line.charAt(position);
                if (quoted) {
                    if (character == '"') {
                        if (position + 1 < line.length() && line.charAt(position + 1) == '"') {
                            position++;
                        } else {
                            quoted = false;
                        }
                    }
                } else if (character == delimiter) {
                    fieldStart = true;
                } else {
                    if (character == '"' && fieldStart) {
                        quoted = true;
                    }
                    fieldStart = false;
                }
            }
            if (!quoted) {
                return lineIndex;
            }
        }
        return -1;
    }

    private static Reader reader(Path file, DetectedEncoding encoding) throws IOException {
        InputStream input = Files.newInputStream(file);
        input.skipNBytes(encoding.bomLength());
        return new InputStreamReader(input, encoding.charset().newDecoder());
    }

    /** The text of bytes {@code [start, end)} of the file (which start at a line start, so at a character). */
    private Reader reader(Segment segment) throws IOException {
        InputStream input = Files.newInputStream(file);
        input.skipNBytes(segment.start());
        return new InputStreamReader(
                new BoundedInputStream(input, segment.end() - segment.start()),
                layout.encoding().charset().newDecoder());
    }

    /** The data rows of the whole file: everything after the header. */
    public Segment wholeFile() throws IOException {
        return new Segment(0, layout.encoding().bomLength(), Files.size(file), layout.lastHeaderLine(), true);
    }

    /**
     * The data rows cut into segments at the given line starts (those after the header): each segment starts at a
     * line start and ends where the next one starts. A segment starts at a record only when no quoted value runs
     * over its first line start; whoever reads segments apart checks that the segment before ended at its end
     * (read without error), and reads the two as one otherwise.
     */
    public List<Segment> segments(List<TextScan.LineStart> lineStarts) throws IOException {
        Segment whole = wholeFile();
        List<TextScan.LineStart> starts = lineStarts.stream()
                .filter(start -> start.linesBefore() >= layout.lastHeaderLine()
                        && start.offset() > whole.start()
                        && start.offset() < whole.end())
                .toList();
        List<Segment> segments = new ArrayList<>();
        long start = whole.start();
        long linesBefore = whole.linesBefore();
        boolean header = true;
        for (TextScan.LineStart next : starts) {
            segments.add(new Segment(segments.size(), start, next.offset(), linesBefore, header));
            start = next.offset();
            linesBefore = next.linesBefore();
            header = false;
        }
        segments.add(new Segment(segments.size(), start, whole.end(), linesBefore, header));
        return List.copyOf(segments);
    }

    /**
     * Bytes {@code [start, end)} of the file, with the number of lines before {@code start}; the first segment of a
     * file starts at its first byte after a byte order mark and begins with the preamble and header lines, which
     * are not rows.
     */
    public record Segment(int index, long start, long end, long linesBefore, boolean startsWithHeader) {
        public Segment {
            if (index < 0 || start < 0 || end < start || linesBefore < 0) {
                throw new IllegalArgumentException("not a segment: index %d, bytes %d-%d, %d lines before"
                        .formatted(index, start, end, linesBefore));
            }
        }

        /** The same start, ending where {@code later} ends: when a quoted value runs over this segment's end. */
        public Segment through(Segment later) {
            return new Segment(index, start, later.end(), linesBefore, startsWithHeader);
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream input, long remaining) {
            super(input);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int value = super.read();
            if (value >= 0) {
                remaining--;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            long skipped = super.skip(Math.min(count, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }

    public FileLayout layout() {
        return layout;
    }

    /**
     * Streams every data row to {@code consumer}, ragged ones included (see {@link #raggedRowMessage}); blank lines
     * and lines of empty fields only are skipped. A quote that is never closed, or is followed by text, fails with its line, column and how to fix
     * it.
     */
    public void forEachRow(Consumer<RawRow> consumer) throws IOException {
        forEachRow(wholeFile(), consumer);
    }

    /** Streams the data rows of one segment as {@link #forEachRow(Consumer)} does for the whole file. */
    public void forEachRow(Segment segment, Consumer<RawRow> consumer) throws IOException {
        readRows(segment, row -> {
            consumer.accept(row);
            return true;
        });
    }

    private boolean hasDataRow() throws IOException {
        try {
            return readRows(wholeFile(), row -> false);
        } catch (ObservatoryException e) {
            return true; // a row that cannot be read is a row: forEachRow reports it
        }
    }

    /**
     * Streams the data rows of one segment to {@code consumer} while it accepts them (returns true); whether it
     * stopped at a row. Fails as {@link #forEachRow(Consumer)} does.
     */
    public boolean readRows(Segment segment, Predicate<RawRow> consumer) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(layout.delimiter())
                .setIgnoreEmptyLines(false) // blank lines come as empty records, so the line count stays exact
                .setTrim(true)
                .get();
        try (BufferedReader reader = new BufferedReader(reader(segment), BUFFER_SIZE)) {
            if (segment.startsWithHeader()) {
                for (long skipped = 0; skipped < layout.lastHeaderLine(); skipped++) {
                    reader.readLine(); // the preamble and the header itself
                }
            }
            long lineOffset = segment.linesBefore();
            try (CSVParser parser = format.parse(reader)) {
                Iterator<CSVRecord> records = parser.iterator();
                long nextLine = lineOffset + 1;
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            return false;
                        }
                        record = records.next();
                    } catch (UncheckedIOException e) {
                        throw unreadable(nextLine, e.getCause());
                    }
                    long line = nextLine;
                    long lastLine = Math.max(line, lineOffset + parser.getCurrentLineNumber());
                    nextLine = lastLine + 1;
                    if (isEmpty(record)) {
                        continue;
                    }
                    if (!consumer.test(new RawRow(line, lastLine, record, layout.columns()))) {
                        return true;
                    }
                }
            }
        }
    }

    /**
     * Whether a record holds nothing: a blank line, or a line of empty fields only ({@code ;;;;}), which is how a
     * spreadsheet saves the rows it kept below the data (formatted, or emptied) when it writes CSV.
     */
    private static boolean isEmpty(CSVRecord record) {
        if (!record.get(0).isEmpty()) {
            return false;
        }
        for (int index = 1; index < record.size(); index++) {
            if (!record.get(index).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The problem of a row whose field count differs from the header's, or empty when it has none. */
    public Optional<Message> raggedRowMessage(RawRow row) {
        if (row.record().size() == layout.headerWidth()) {
            return Optional.empty();
        }
        // a row whose quoted value ran on over several lines says where it ended (the other text has no lastLine)
        return Optional.of(Message.of(
                row.lastLine() > row.line() ? IngestMessage.ROW_FIELDS_RUN_ON : IngestMessage.ROW_FIELDS,
                "line",
                Long.toString(row.line()),
                "fields",
                (long) row.record().size(),
                "headerLine",
                Long.toString(layout.headerLine()),
                "headerFields",
                (long) layout.headerWidth(),
                "lastLine",
                Long.toString(row.lastLine()),
                "delimiter",
                layout.delimiterLabel()));
    }

    /** What to tell about a row the CSV reader gave up on; a failure of the disk itself stays an IOException. */
    private ObservatoryException unreadable(long line, IOException cause) throws IOException {
        if (cause instanceof CharacterCodingException) {
            return new ObservatoryException(
                    ErrorCode.ENCODING_UNSUPPORTED,
                    Message.of(
                            IngestMessage.ENCODING_FAILS_FROM_LINE,
                            "encoding",
                            layout.encoding().label(),
                            "line",
                            Long.toString(line)),
                    cause);
        }
        if (!(cause instanceof CSVException)) {
            throw cause;
        }
        Message message = quoteProblem(line).orElse(Message.of(IngestMessage.ROW_NOT_CSV, "line", Long.toString(line)));
        return new ObservatoryException(ErrorCode.MALFORMED_CSV, message, cause);
    }

    /**
     * Finds, from the row that starts on {@code recordLine}, the quote the CSV reader failed on: one never closed
     * (the file ends inside the value), or a closing quote followed by text. Columns count characters from 1.
     */
    private Optional<Message> quoteProblem(long recordLine) throws IOException {
        char delimiter = layout.delimiter();
        try (BufferedReader reader = new BufferedReader(reader(file, layout.encoding()), BUFFER_SIZE)) {
            for (long skipped = 1; skipped < recordLine; skipped++) {
                reader.readLine();
            }
            QuoteState state = QuoteState.FIELD_START;
            long line = recordLine;
            long column = 0;
            long quoteLine = 0;
            long quoteColumn = 0;
            long closingColumn = 0;
            boolean afterCarriageReturn = false;
            char[] buffer = new char[BUFFER_SIZE];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int index = 0; index < read; index++) {
                    char character = buffer[index];
                    if (character == '\n' && afterCarriageReturn) {
                        afterCarriageReturn = false;
                        continue; // the LF of a CRLF: the line was counted at the CR
                    }
                    afterCarriageReturn = character == '\r';
                    boolean endOfLine = character == '\r' || character == '\n';
                    if (!endOfLine) {
                        column++;
                    }
                    if (state == QuoteState.QUOTE_IN_QUOTED) {
                        if (character == '"') {
                            state = QuoteState.QUOTED; // "" is a quote inside the value
                            continue;
                        }
                        state = QuoteState.AFTER_CLOSING_QUOTE;
                    }
                    if (state == QuoteState.QUOTED) {
                        if (character == '"') {
                            state = QuoteState.QUOTE_IN_QUOTED;
                            closingColumn = column;
                        }
                    } else if (state == QuoteState.AFTER_CLOSING_QUOTE) {
                        if (character == delimiter || endOfLine) {
                            state = QuoteState.FIELD_START;
                        } else if (!Character.isWhitespace(character)) {
                            return Optional.of(
                                    textAfterQuote(line, column, closingColumn, character, quoteLine, quoteColumn));
                        }
                    } else if (character == '"' && state == QuoteState.FIELD_START) {
                        state = QuoteState.QUOTED;
                        quoteLine = line;
                        quoteColumn = column;
                    } else {
                        state = character == delimiter || endOfLine ? QuoteState.FIELD_START : QuoteState.UNQUOTED;
                    }
                    if (endOfLine) {
                        line++;
                        column = 0;
                    }
                }
            }
            if (state == QuoteState.QUOTED) {
                long lastLine = column == 0 ? line - 1 : line;
                return Optional.of(Message.of(
                        IngestMessage.QUOTE_NEVER_CLOSED,
                        "line",
                        Long.toString(quoteLine),
                        "column",
                        Long.toString(quoteColumn),
                        "lastLine",
                        Long.toString(Math.max(quoteLine, lastLine))));
            }
            return Optional.empty();
        }
    }

    private Message textAfterQuote(
            long line, long column, long closingColumn, char character, long quoteLine, long quoteColumn) {
        boolean control = Character.isISOControl(character);
        String shown = control ? "U+%04X".formatted((int) character) : String.valueOf(character);
        if (quoteLine == line) {
            return Message.of(
                    control ? IngestMessage.CONTROL_AFTER_CLOSING_QUOTE : IngestMessage.TEXT_AFTER_CLOSING_QUOTE,
                    "line",
                    Long.toString(line),
                    "column",
                    Long.toString(column),
                    "character",
                    shown,
                    "closingColumn",
                    Long.toString(closingColumn),
                    "quoteColumn",
                    Long.toString(quoteColumn),
                    "delimiter",
                    layout.delimiterLabel());
        }
        return Message.of(
                control ? IngestMessage.QUOTE_RUNS_ON_THEN_CONTROL : IngestMessage.QUOTE_RUNS_ON_THEN_TEXT,
                "line",
                Long.toString(quoteLine),
                "column",
                Long.toString(quoteColumn),
                "closingLine",
                Long.toString(line),
                "closingColumn",
                Long.toString(closingColumn),
                "character",
                shown,
                "delimiter",
                layout.delimiterLabel());
    }

    private enum QuoteState {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_IN_QUOTED,
        AFTER_CLOSING_QUOTE
    }

    /**
     * The first lines of a file, as the CSV reader numbers them (a line ends at CR, LF or CRLF), at most
     * {@link #HEADER_SEARCH_LINES} of them and {@link #HEADER_SEARCH_CHARACTERS} characters; whether the file ends
     * within them.
     */
    private record FirstLines(List<String> lines, boolean wholeFile) {
        static FirstLines read(Path file, DetectedEncoding encoding) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            long budget = HEADER_SEARCH_CHARACTERS;
            boolean afterCarriageReturn = false;
            try (Reader reader = reader(file, encoding)) {
                char[] buffer = new char[BUFFER_SIZE];
                int read;
                while ((read = reader.read(buffer)) >= 0) {
                    for (int index = 0; index < read; index++) {
                        char character = buffer[index];
                        if (character == '\n' && afterCarriageReturn) {
                            afterCarriageReturn = false;
                            continue;
                        }
                        afterCarriageReturn = character == '\r';
                        if (character == '\r' || character == '\n') {
                            lines.add(current.toString());
                            current.setLength(0);
                            if (lines.size() == HEADER_SEARCH_LINES) {
                                return new FirstLines(lines, false);
                            }
                        } else if (--budget < 0) {
                            return new FirstLines(lines, false);
                        } else {
                            current.append(character);
                        }
                    }
                }
            } catch (CharacterCodingException e) {
                throw new ObservatoryException(
                        ErrorCode.ENCODING_UNSUPPORTED,
                        Message.of(
                                IngestMessage.ENCODING_FAILS_FROM_LINE,
                                "encoding",
                                encoding.label(),
                                "line",
                                Integer.toString(lines.size() + 1)),
                        e);
            }
            if (current.length() > 0) {
                lines.add(current.toString());
            }
            return new FirstLines(lines, true);
        }

        /** Whether the whole file is blank: no line holds anything but spaces. */
        boolean blank() {
            return wholeFile && lines.stream().allMatch(String::isBlank);
        }
    }

    /** The columns of a format by the normalised form of each of their names, built once per file. */
    private static final class ColumnIndex {
        private final List<ColumnSpec> columns;
        private final Map<String, List<ColumnSpec>> byKey = new HashMap<>();

        ColumnIndex(List<ColumnSpec> columns) {
            this.columns = List.copyOf(columns);
            for (ColumnSpec column : columns) {
                for (String key : column.keys()) {
                    byKey.computeIfAbsent(key, unused -> new ArrayList<>()).add(column);
                }
            }
        }

        List<ColumnSpec> columnsNamed(String headerCell) {
            List<ColumnSpec> named = byKey.getOrDefault(ColumnSpec.normalise(headerCell), List.of());
            int colon = headerCell.indexOf(':');
            if (named.isEmpty() && colon > 0) {
                // SDMX-CSV exported with labels: "REF_AREA: Reference area", in any language
                return byKey.getOrDefault(ColumnSpec.normalise(headerCell.substring(0, colon)), List.of());
            }
            return named;
        }
    }

    /**
     * A header candidate: a record (one line, or more when a quoted name holds a line break) split by one
     * delimiter, and how well its cells match the expected columns.
     */
    private record HeaderMatch(
            int lineIndex,
            int lineCount,
            char delimiter,
            int width,
            Map<String, Integer> positions,
            Map<String, String> names,
            List<String> missingRequired,
            int requiredFound,
            List<Message> duplicates,
            boolean unclosedQuote) {
        static HeaderMatch of(
                String text, char delimiter, int lineIndex, int lineCount, boolean unclosedQuote, ColumnIndex index) {
            List<String> cells;
            CSVFormat format = CSVFormat.RFC4180
                    .builder()
                    .setDelimiter(delimiter)
                    .setLenientEof(unclosedQuote)
                    .setTrailingData(true) // only the names matter here: read them despite text after a quote
                    .get();
            try (CSVParser parser = format.parse(new StringReader(text))) {
                Iterator<CSVRecord> records = parser.iterator();
                if (!records.hasNext()) {
                    return null;
                }
                cells = records.next().toList();
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
            Map<String, List<Integer>> found = new LinkedHashMap<>();
            for (int position = 0; position < cells.size(); position++) {
                for (ColumnSpec column : index.columnsNamed(cells.get(position))) {
                    found.computeIfAbsent(column.name(), unused -> new ArrayList<>())
                            .add(position);
                }
            }
            Map<String, Integer> positions = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            found.forEach((name, at) -> {
                positions.put(name, at.get(0));
                names.put(name, cells.get(at.get(0)).strip());
            });
            List<String> missing = index.columns.stream()
                    .filter(ColumnSpec::required)
                    .map(ColumnSpec::name)
                    .filter(name -> !positions.containsKey(name))
                    .toList();
            int requiredFound = (int) index.columns.stream()
                    .filter(ColumnSpec::required)
                    .filter(column -> positions.containsKey(column.name()))
                    .count();
            List<Message> duplicates = new ArrayList<>();
            found.entrySet().stream()
                    .filter(entry -> entry.getValue().size() > 1)
                    .sorted(Map.Entry.comparingByValue((left, right) -> Integer.compare(left.get(0), right.get(0))))
                    .forEach(
                            entry -> duplicates.add(duplicate(lineIndex + 1, entry.getKey(), entry.getValue(), cells)));
            return new HeaderMatch(
                    lineIndex,
                    lineCount,
                    delimiter,
                    cells.size(),
                    positions,
                    names,
                    missing,
                    requiredFound,
                    duplicates,
                    unclosedQuote);
        }

        /** {@code columns 2 'year' and 5 'anio' are both the column 'year'; keep one of them ...}. */
        private static Message duplicate(int line, String name, List<Integer> positions, List<String> cells) {
            List<String> named = positions.stream()
                    .map(position -> "%d '%s'"
                            .formatted(position + 1, cells.get(position).strip()))
                    .toList();
            return Message.of(
                    named.size() == 2 ? IngestMessage.HEADER_COLUMNS_BOTH : IngestMessage.HEADER_COLUMNS_ALL,
                    "line",
                    Integer.toString(line),
                    "columns",
                    String.join(", ", named.subList(0, named.size() - 1)),
                    "last",
                    named.get(named.size() - 1),
                    "column",
                    name);
        }
    }
}
