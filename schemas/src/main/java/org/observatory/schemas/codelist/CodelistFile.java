package org.observatory.schemas.codelist;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Labels;

/**
 * A codelist data file (UTF-8 CSV with a header) read into rows that remember their line. Cells are read by
 * header name. Every problem is reported with the file name and line, so a broken codelist fails loudly at
 * start-up rather than producing wrong numbers later.
 */
public final class CodelistFile {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private final String name;
    private final List<Row> rows;

    private CodelistFile(String name, List<Row> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    /** Reads a codelist shipped on the class path, e.g. {@code codelists/iccs.csv}. */
    public static CodelistFile fromResource(String resource, Set<String> requiredColumns) {
        InputStream stream = CodelistFile.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new ObservatoryException(
                    ErrorCode.CODELIST_INVALID,
                    "Codelist '%s' is not on the class path; the schemas jar is incomplete, rebuild it"
                            .formatted(resource));
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(resource, reader, requiredColumns);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read codelist " + resource, e);
        }
    }

    /** Reads a codelist from a file, e.g. a deployment's own member list. */
    public static CodelistFile fromFile(Path file, Set<String> requiredColumns) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, requiredColumns);
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "Cannot read codelist file '%s': %s; check that the file exists and is UTF-8 CSV"
                            .formatted(file, e.getMessage()),
                    e);
        }
    }

    public static CodelistFile read(String name, Reader reader, Set<String> requiredColumns) throws IOException {
        requireNonNull(name, "name is null");
        try (CSVParser parser = FORMAT.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> missing = requiredColumns.stream()
                    .filter(column -> !header.containsKey(column))
                    .sorted()
                    .toList();
            if (!missing.isEmpty()) {
                throw new ObservatoryException(
                        ErrorCode.CODELIST_INVALID,
                        "Codelist '%s' line 1: missing column(s) %s; the header must name %s"
                                .formatted(
                                        name,
                                        missing,
                                        requiredColumns.stream().sorted().toList()));
            }
            List<Row> rows = new ArrayList<>();
            long line = 2;
            for (CSVRecord record : parser) {
                // the parser's line number points at the end of the record; the record starts at line
                rows.add(new Row(name, line, record));
                line = parser.getCurrentLineNumber() + 1;
            }
            return new CodelistFile(name, rows);
        }
    }

    public String name() {
        return name;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Maps each row, rejecting duplicate keys with both lines named. */
    public <T> Map<String, T> toMap(Function<Row, String> key, Function<Row, T> value) {
        Map<String, T> result = new java.util.LinkedHashMap<>();
        Map<String, Long> lines = new java.util.HashMap<>();
        for (Row row : rows) {
            String k = key.apply(row);
            Long previous = lines.putIfAbsent(k, row.line());
            if (previous != null) {
                throw row.invalid("duplicate code '%s' (first defined at line %d); remove one of the two rows"
                        .formatted(k, previous));
            }
            result.put(k, value.apply(row));
        }
        return result;
    }

    /** One data row of a codelist file, with the line it starts on. */
    public record Row(String file, long line, CSVRecord record) {
        public Row {
            requireNonNull(file, "file is null");
            requireNonNull(record, "record is null");
        }

        /** The trimmed cell of that column; empty when the column is absent or blank. */
        public String optional(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return "";
            }
            return record.get(column).strip();
        }

        /** The trimmed cell of that column; fails with file, line and column when it is blank. */
        public String required(String column) {
            String value = optional(column);
            if (value.isEmpty()) {
                throw invalid("column '%s' is empty; every row needs a value there".formatted(column));
            }
            return value;
        }

        /**
         * The labels of the columns {@code <prefix>_es}, {@code _en}, {@code _pt} and {@code _fr}; the English one
         * is required, a missing or blank other one falls back to English when shown.
         */
        public Labels labels(String prefix) {
            required(prefix + "_en");
            return Labels.of(
                    optional(prefix + "_es"),
                    optional(prefix + "_en"),
                    optional(prefix + "_pt"),
                    optional(prefix + "_fr"));
        }

        public int requiredInt(String column) {
            String value = required(column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid("column '%s' holds '%s', which is not a whole number".formatted(column, value));
            }
        }

        public ObservatoryException invalid(String problem) {
            return new ObservatoryException(
                    ErrorCode.CODELIST_INVALID, "Codelist '%s' line %d: %s".formatted(file, line, problem));
        }
    }
}
