package org.observatory.bench.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference floor of the ingest benchmark: the least any validator built on Commons CSV must do. It reads the
 * file once with the settings ingest reads data rows with (RFC 4180, the file's delimiter, trimmed cells, empty
 * lines ignored, a 64 KiB buffer over a UTF-8 decoder), skips the preamble and header lines, and touches every
 * cell of every record, so that the JIT cannot drop the work.
 */
public final class BareParse {
    private BareParse() {}

    /** What one bare pass read; {@code checksum} is the sum of every cell's length. */
    public record Outcome(long rows, long cells, long checksum) {}

    public static Outcome read(GeneratedFile file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(file.delimiter())
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        long rows = 0;
        long cells = 0;
        long checksum = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file.path()), UTF_8.newDecoder()), 1 << 16)) {
            for (int line = 0; line <= file.preambleLines(); line++) {
                reader.readLine();
            }
            try (CSVParser parser = format.parse(reader)) {
                for (CSVRecord record : parser) {
                    rows++;
                    int size = record.size();
                    cells += size;
                    for (int index = 0; index < size; index++) {
                        checksum += record.get(index).length();
                    }
                }
            }
        }
        return new Outcome(rows, cells, checksum);
    }
}
