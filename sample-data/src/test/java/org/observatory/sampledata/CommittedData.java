package org.observatory.sampledata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the committed demo files the way a user's tools would: bytes, strict decoding, cells by header name. */
final class CommittedData {
    /** The committed output, relative to the module directory (the tests' working directory). */
    static final Path DATA = Path.of("data");

    static final Path GENERATOR = Path.of("generator");
    static final Path CORRESPONDENCE = Path.of("../schemas/src/main/resources/correspondence");
    static final Path ICCS = Path.of("../schemas/src/main/resources/codelists/iccs.csv");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CommittedData() {}

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes strictly: a byte sequence the charset does not define fails. */
    static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    static String text(Path file, Charset charset) {
        try {
            return decode(bytes(file), charset);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(file + " is not " + charset, e);
        }
    }

    /** Every file under a directory, relative to it, with '/' separators, sorted. */
    static List<String> filesUnder(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ctsFile(int cycle) {
        return DATA.resolve("cts/synthetic-cts-cycle-" + cycle + ".csv");
    }

    static Charset ctsCharset(int cycle) {
        return cycle <= 2015 ? WINDOWS_1252 : StandardCharsets.UTF_8;
    }

    /** The data rows of a CTS export: the header is found by its first column name, after any preamble. */
    static List<Map<String, String>> ctsRows(int cycle) {
        String text = text(ctsFile(cycle), ctsCharset(cycle));
        int header = text.indexOf("Iso3_code,");
        return rows(text.substring(header), ',');
    }

    static List<Map<String, String>> rows(String text, char delimiter) {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(new TreeMap<>(record.toMap()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> rows(Path file, Charset charset, char delimiter) {
        String text = text(file, charset);
        return rows(text.startsWith("\uFEFF") ? text.substring(1) : text, delimiter);
    }

    static List<String> headerOf(Path file, Charset charset, char delimiter) {
        String text = text(file, charset);
        String firstLine =
                text.substring(0, text.indexOf('\n')).replace("\r", "").replace("\uFEFF", "");
        return List.of(firstLine.split(String.valueOf(delimiter), -1));
    }
}
