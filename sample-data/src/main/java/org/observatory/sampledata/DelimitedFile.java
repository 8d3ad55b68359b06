package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The byte layout of one output file (encoding, byte order mark, delimiter, line ending, preamble lines) and its
 * rows. Cells are quoted only where needed, as spreadsheet exports do. A character the encoding cannot hold
 * fails the write instead of turning into {@code ?}.
 */
final class DelimitedFile {
    private final Charset charset;
    private final boolean byteOrderMark;
    private final char delimiter;
    private final String lineEnding;
    private final List<String> preamble = new ArrayList<>();
    private final List<List<String>> records = new ArrayList<>();

    private DelimitedFile(Charset charset, boolean byteOrderMark, char delimiter, String lineEnding) {
        this.charset = requireNonNull(charset, "charset is null");
        this.byteOrderMark = byteOrderMark;
        this.delimiter = delimiter;
        this.lineEnding = requireNonNull(lineEnding, "lineEnding is null");
    }

    static DelimitedFile withoutByteOrderMark(Charset charset, char delimiter, String lineEnding) {
        return new DelimitedFile(charset, false, delimiter, lineEnding);
    }

    static DelimitedFile withByteOrderMark(Charset charset, char delimiter, String lineEnding) {
        return new DelimitedFile(charset, true, delimiter, lineEnding);
    }

    /** A line written as is before the header, e.g. the {@code UNODC,...} lines of a dataUNODC export. */
    DelimitedFile preambleLine(String line) {
        preamble.add(line);
        return this;
    }

    DelimitedFile record(List<String> cells) {
        records.add(List.copyOf(cells));
        return this;
    }

    DelimitedFile record(String... cells) {
        return record(List.of(cells));
    }

    void write(Path file) {
        StringBuilder text = new StringBuilder();
        if (byteOrderMark) {
            text.append('\uFEFF');
        }
        preamble.forEach(line -> text.append(line).append(lineEnding));
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setRecordSeparator(lineEnding)
                .setQuoteMode(QuoteMode.MINIMAL)
                .get();
        try (CSVPrinter printer = new CSVPrinter(text, format)) {
            for (List<String> cells : records) {
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot format " + file, e);
        }
        try {
            ByteBuffer bytes = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] content = new byte[bytes.remaining()];
            bytes.get(content);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, content);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(
                    "%s has a character that %s cannot hold; use characters of that encoding".formatted(file, charset),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
