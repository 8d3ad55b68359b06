package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The secretariat's reply deadline of each UN-CTS cycle, from a UTF-8 CSV file with the header {@code cycle,deadline}
 * and one row per cycle ({@code 2010,2010-06-30}). A reply is on time when its submission was accepted on or before
 * the deadline day (until 24:00 UTC). A cycle without a deadline is not assessed: the reports say so rather than
 * inventing one.
 *
 * <p>A deployment keeps the file at {@code <data>/config/response-deadlines.csv} ({@link #DEFAULT_FILE}), where the
 * API and {@code observatory report} find it; {@code observatory report --deadlines FILE} reads another.
 */
public record ResponseDeadlines(Map<Integer, LocalDate> byCycle) {
    /** Where a data directory keeps its deadlines, relative to its root. */
    public static final String DEFAULT_FILE = "config/response-deadlines.csv";

    private static final String CYCLE = "cycle";
    private static final String DEADLINE = "deadline";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    public ResponseDeadlines {
        byCycle = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(byCycle, "byCycle is null")));
    }

    /** No deadline for any cycle: timeliness is not assessed. */
    public static ResponseDeadlines none() {
        return new ResponseDeadlines(Map.of());
    }

    /** The data directory's {@link #DEFAULT_FILE}, or {@link #none()} when it has none. */
    public static ResponseDeadlines of(DataDirectory data) {
        Path file = defaultFile(data);
        return Files.exists(file) ? read(file) : none();
    }

    public static Path defaultFile(DataDirectory data) {
        return requireNonNull(data, "data is null").root().resolve(DEFAULT_FILE);
    }

    /**
     * Reads a deadlines file.
     *
     * @throws ObservatoryException {@code CONFIGURATION_INVALID} naming the file, line and column of the first
     *     problem, and how to fix it
     */
    public static ResponseDeadlines read(Path file) {
        requireNonNull(file, "file is null");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = FORMAT.parse(reader)) {
            if (!parser.getHeaderMap().containsKey(CYCLE)
                    || !parser.getHeaderMap().containsKey(DEADLINE)) {
                throw invalid(
                        file,
                        1,
                        "the header must be 'cycle,deadline', not '%s'"
                                .formatted(String.join(",", parser.getHeaderNames())));
            }
            Map<Integer, LocalDate> deadlines = new TreeMap<>();
            Map<Integer, Long> lines = new TreeMap<>();
            long line = 2;
            for (CSVRecord record : parser) {
                int cycle = cycle(file, line, cell(record, CYCLE));
                LocalDate deadline = deadline(file, line, cell(record, DEADLINE));
                Long first = lines.putIfAbsent(cycle, line);
                if (first != null) {
                    throw invalid(
                            file,
                            line,
                            "cycle %d has a deadline already at line %d; keep one row per cycle"
                                    .formatted(cycle, first));
                }
                deadlines.put(cycle, deadline);
                line = parser.getCurrentLineNumber() + 1;
            }
            return new ResponseDeadlines(deadlines);
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            String problem = cause instanceof CSVException csv ? csv.getMessage() : String.valueOf(cause);
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "Cannot read the response deadlines file '%s': %s; check that it exists and is UTF-8 CSV with the header 'cycle,deadline'"
                            .formatted(file, problem),
                    e);
        }
    }

    /** The deadline of the cycle, or empty when none is configured. */
    public Optional<LocalDate> deadline(int cycle) {
        return Optional.ofNullable(byCycle.get(cycle));
    }

    /** Whether a reply accepted at that time meets the deadline day (until 24:00 UTC). */
    public static boolean onTime(Instant acceptedAt, LocalDate deadline) {
        return acceptedAt.isBefore(
                deadline.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String cell(CSVRecord record, String column) {
        return record.isSet(column) ? record.get(column).strip() : "";
    }

    private static int cycle(Path file, long line, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(
                    file,
                    line,
                    "column 'cycle' holds '%s'; write the survey cycle as a year, e.g. 2010".formatted(text));
        }
    }

    private static LocalDate deadline(Path file, long line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(
                    file,
                    line,
                    "column 'deadline' holds '%s'; write the date as YYYY-MM-DD, e.g. 2010-06-30".formatted(text));
        }
    }

    private static ObservatoryException invalid(Path file, long line, String problem) {
        return new ObservatoryException(
                ErrorCode.CONFIGURATION_INVALID,
                "Response deadlines file '%s' line %d: %s".formatted(file, line, problem));
    }
}
