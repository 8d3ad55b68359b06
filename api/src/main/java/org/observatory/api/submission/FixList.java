package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.observatory.api.query.SpreadsheetCells;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.text.Message;

/**
 * An analyst's own file with what is wrong on each line: every physical line as it was (the line numbers of the
 * report stay true), and one added column, {@value #COLUMN}, at the end of each record, holding the messages of every
 * issue of the record's lines joined with {@code " | "} (empty when it has none), its name on the header line. A
 * record whose quoted value spans lines gets the column on its last line. Preamble lines above the header and blank
 * lines stay as they were; issues of the file as a whole and of the header are in the report only.
 *
 * <p>The issues are every issue of the file, found by validating it again ({@link SubmissionIntake#allIssues}), up to
 * a bound ({@link #ALL_ISSUES_LIMIT}): past it, the first ones found, and the header line's added cell says so after
 * the column's name. When the file cannot be validated again, they are those its stored report lists (the first of
 * each code).
 *
 * <p>The file is read in the encoding the ingest detected and written as UTF-8 with a byte-order mark (so that a
 * spreadsheet reads it as UTF-8; the ingest accepts it), with the file's own delimiter. The analyst's cells keep their
 * values; the added cells are neutralised like every CSV cell the server writes ({@link SpreadsheetCells}).
 *
 * @param listedIssues the issues of lines the fix list names
 * @param countedIssues the issues counted: more than listed when the stored report lists only the first of each code,
 *     or when the file has more than {@link #ALL_ISSUES_LIMIT}
 * @param note what the header line's added cell says after the column's name (empty for nothing)
 */
public record FixList(
        Path file,
        String fileName,
        Charset charset,
        char delimiter,
        int preambleLines,
        NavigableMap<Long, String> issuesByLine,
        long listedIssues,
        long countedIssues,
        String note) {
    /** The name of the added column. */
    public static final String COLUMN = "observatory_issue";

    /**
     * How many issues of a file its fix list names at most: they are held in memory while the file is validated
     * again and written.
     */
    public static final int ALL_ISSUES_LIMIT = 1_000_000;

    private static final String JOINER = " | ";

    public FixList {
        requireNonNull(file, "file is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(charset, "charset is null");
        requireNonNull(note, "note is null");
        issuesByLine = Collections.unmodifiableNavigableMap(
                new TreeMap<>(requireNonNull(issuesByLine, "issuesByLine is null")));
        if (preambleLines < 0) {
            throw new IllegalArgumentException("preambleLines must not be negative: " + preambleLines);
        }
    }

    /**
     * The fix list of a landed file from its validation report (its {@code encoding}, {@code delimiter}, {@code
     * preambleLines}, {@code issues} and {@code issueCounts}), named after the uploaded file, its messages in the
     * locale's language.
     */
    static FixList of(Path landed, String uploadedName, JsonNode report, Locale locale) {
        Map<Long, List<String>> messages = new TreeMap<>();
        long listed = 0;
        for (JsonNode issue : ReportLanguage.localised(report, locale).path("issues")) {
            long line = issue.path("line").asLong(0);
            if (line > 0) {
                messages.computeIfAbsent(line, key -> new ArrayList<>())
                        .add(issue.path("message").asText(""));
                listed++;
            }
        }
        long counted = 0;
        for (JsonNode count : report.path("issueCounts")) {
            counted += count.asLong();
        }
        return of(
                landed,
                uploadedName,
                report,
                messages,
                listed,
                Math.max(counted, report.path("issues").size()),
                "");
    }

    /**
     * The fix list of a landed file with every issue of its lines ({@code all}, found by validating the file again),
     * read as its validation report says ({@code encoding}, {@code delimiter}, {@code preambleLines}), its messages
     * in the locale's language.
     */
    static FixList of(
            Path landed, String uploadedName, JsonNode report, SubmissionIntake.AllIssues all, Locale locale) {
        Map<Long, List<String>> messages = new TreeMap<>();
        for (SubmissionIntake.LineIssue issue : all.lines()) {
            messages.computeIfAbsent(issue.line(), key -> new ArrayList<>())
                    .add(issue.message().in(locale));
        }
        long listed = all.lines().size();
        long counted = all.complete() ? listed : all.counted();
        String note = all.complete()
                ? ""
                : " "
                        + Message.of(ApiMessage.FIX_LIST_FIRST_ISSUES, "listed", listed, "counted", counted)
                                .in(locale);
        return of(landed, uploadedName, report, messages, listed, counted, note);
    }

    private static FixList of(
            Path landed,
            String uploadedName,
            JsonNode report,
            Map<Long, List<String>> messages,
            long listed,
            long counted,
            String note) {
        NavigableMap<Long, String> byLine = new TreeMap<>();
        // a line's only message is kept as it is, not copied: a fix list may name a million
        messages.forEach(
                (line, texts) -> byLine.put(line, texts.size() == 1 ? texts.get(0) : String.join(JOINER, texts)));
        String delimiter = report.path("delimiter").asText();
        return new FixList(
                landed,
                fileName(uploadedName),
                charset(report.path("encoding").asText()),
                delimiter.equals("tab") ? '\t' : delimiter.charAt(0),
                report.path("preambleLines").asInt(0),
                byLine,
                listed,
                counted,
                note);
    }

    /** {@code replies.csv} gives {@code replies-fix-list.csv}. */
    static String fileName(String uploadedName) {
        String base = uploadedName.replaceFirst("(?i)\\.(csv|tsv|txt)$", "");
        return (base.isEmpty() ? "upload" : base) + "-fix-list.csv";
    }

    private static Charset charset(String encoding) {
        return encoding.equalsIgnoreCase("Windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
    }

    /**
     * Whether the list names fewer issues than were counted (the stored report lists the first ones of each code
     * only, or the file has more than {@link #ALL_ISSUES_LIMIT}).
     */
    public boolean capped() {
        return countedIssues > listedIssues;
    }

    /** Writes the fix list to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        try (Reader reader = Files.newBufferedReader(file, charset)) {
            Lines lines = new Lines(reader);
            long number = 0;
            boolean quoted = false;
            long recordStart = 0;
            StringBuilder line = new StringBuilder();
            StringBuilder ending = new StringBuilder();
            while (lines.next(line, ending)) {
                number++;
                if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
                    line.deleteCharAt(0); // the original byte-order mark; the fix list has its own
                }
                if (number <= preambleLines) {
                    writer.append(line).append(ending);
                    continue;
                }
                if (!quoted) {
                    recordStart = number;
                }
                quoted = endsQuoted(line, quoted);
                writer.append(line);
                if (!quoted) {
                    boolean header = recordStart == preambleLines + 1;
                    String issues = issues(recordStart, number);
                    if (header) {
                        writer.append(delimiter).append(note.isEmpty() ? COLUMN : cell(COLUMN + note));
                    } else if (!(recordStart == number && line.isEmpty() && issues.isEmpty())) {
                        writer.append(delimiter).append(cell(issues));
                    }
                }
                writer.append(ending);
            }
        }
        writer.flush();
    }

    /** The messages of the issues of lines {@code first} to {@code last}. */
    private String issues(long first, long last) {
        List<String> found = new ArrayList<>();
        issuesByLine.subMap(first, true, last, true).values().forEach(found::add);
        return String.join(JOINER, found);
    }

    /** Whether a quoted value is still open at the end of the line (a doubled quote opens and closes again). */
    private static boolean endsQuoted(CharSequence line, boolean quotedAtStart) {
        boolean quoted = quotedAtStart;
        for (int index = 0; index < line.length(); index++) {
            if (line.charAt(index) == '"') {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    /** The added cell: neutralised, and quoted when it holds the delimiter, a quote or a line break. */
    private String cell(String issues) {
        String text = SpreadsheetCells.neutralise(issues);
        if (text.indexOf(delimiter) < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Physical lines with their own endings ({@code \r\n}, {@code \n}, {@code \r} or none at the end). */
    private static final class Lines {
        private final Reader reader;
        private int pending = -2;

        Lines(Reader reader) {
            this.reader = reader;
        }

        boolean next(StringBuilder line, StringBuilder ending) throws IOException {
            line.setLength(0);
            ending.setLength(0);
            int character = pending != -2 ? pending : reader.read();
            pending = -2;
            if (character < 0) {
                return false;
            }
            while (character >= 0) {
                if (character == '\n') {
                    ending.append('\n');
                    return true;
                }
                if (character == '\r') {
                    ending.append('\r');
                    int following = reader.read();
                    if (following == '\n') {
                        ending.append('\n');
                    } else {
                        pending = following;
                    }
                    return true;
                }
                line.append((char) character);
                character = reader.read();
            }
            return true;
        }
    }
}
