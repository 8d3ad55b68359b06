package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A generator input file: UTF-8 CSV with {@code #} comment lines before a header. Cells are read by header name
 * and every problem names the file, the line and the column, and says how to fix it.
 */
final class InputTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private final List<Row> rows;

    private InputTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static InputTable read(Path file, List<String> requiredColumns) {
        requireNonNull(file, "file is null");
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = FORMAT.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> missing = requiredColumns.stream()
                    .filter(column -> !header.containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(
                        "%s: missing column(s) %s; the header must name %s".formatted(name, missing, requiredColumns));
            }
            List<Row> rows = new ArrayList<>();
            long line = parser.getCurrentLineNumber() + 1;
            try {
                for (CSVRecord record : parser) {
                    rows.add(new Row(name, line, record));
                    line = parser.getCurrentLineNumber() + 1;
                }
            } catch (UncheckedIOException e) {
                // Commons CSV wraps a malformed record (e.g. an unclosed quote) in an UncheckedIOException
                throw new InvalidInputException(
                        "%s line %d: %s; check the quotes of that line"
                                .formatted(name, line, e.getCause().getMessage()),
                        e.getCause());
            }
            return new InputTable(rows);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    "Generator input %s does not exist; pass the sample-data/generator directory as input"
                            .formatted(file),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read generator input " + file, e);
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** One data row of an input file, with the line it starts on. */
    static final class Row {
        private final String file;
        private final long line;
        private final CSVRecord record;

        private Row(String file, long line, CSVRecord record) {
            this.file = file;
            this.line = line;
            this.record = record;
        }

        String optional(String column) {
            return record.isSet(column) ? record.get(column) : "";
        }

        String required(String column) {
            String value = optional(column);
            if (value.isEmpty()) {
                throw invalid(column, "is empty; give a value");
            }
            return value;
        }

        int integer(String column) {
            String value = required(column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid(column, "'%s' is not a whole number".formatted(value));
            }
        }

        /** A decimal number written with a dot, e.g. {@code 12.5}. */
        double decimal(String column) {
            String value = required(column);
            try {
                return new BigDecimal(value).doubleValue();
            } catch (NumberFormatException e) {
                throw invalid(column, "'%s' is not a number; write it with a dot, e.g. 12.5".formatted(value));
            }
        }

        List<String> words(String column) {
            String value = optional(column);
            return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        }

        InvalidInputException invalid(String column, String problem) {
            return new InvalidInputException("%s line %d, column '%s': %s".formatted(file, line, column, problem));
        }

        /** A problem of the row as a whole, named by its key (e.g. the country code). */
        InvalidInputException invalidRow(String key, IllegalArgumentException problem) {
            return new InvalidInputException(
                    "%s line %d (%s): %s".formatted(file, line, key, problem.getMessage()), problem);
        }
    }

    /** A generator input that cannot be used, with the file, line and column and how to fix it. */
    static final class InvalidInputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidInputException(String message) {
            super(message);
        }

        InvalidInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
