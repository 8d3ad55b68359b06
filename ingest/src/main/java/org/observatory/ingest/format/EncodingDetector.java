package org.observatory.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.observatory.ingest.IngestMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * Reads every byte of a file once and decides its encoding: a UTF-8 BOM means UTF-8; otherwise the file is UTF-8
 * when every byte sequence in it is valid UTF-8, and Windows-1252 when any is not, unless other lines of it are UTF-8
 * with accented letters: a file that mixes the two encodings is rejected, since either reading garbles some lines. Real UNODC exports put their
 * first non-ASCII byte hundreds of kilobytes into the file, so looking only at the start would get them wrong.
 *
 * <p>Everything else is rejected with a message that says what the file is and how to save it as CSV: UTF-16
 * (with a byte order mark, or without one: every second byte NUL), known binary formats (Excel workbooks and other
 * ZIP archives, gzip, PDF, PNG, JPEG), a NUL byte anywhere (named by line and column), and bytes that are neither
 * UTF-8 nor Windows-1252 (named by line and column). So a file this class accepts always decodes without error.
 */
public final class EncodingDetector {
    private static final int BUFFER_SIZE = 1 << 16;

    private EncodingDetector() {}

    public static DetectedEncoding detect(Path file) throws IOException {
        return detect(file, TextScan.profile(file, Long.MAX_VALUE));
    }

    /**
     * Reads the file again to name the line and column of the problem that makes it unclean (a NUL byte, a byte that
     * is neither UTF-8 nor Windows-1252, bytes that are not UTF-8 after a UTF-8 byte order mark); answers the
     * encoding when there is none.
     */
    private static DetectedEncoding diagnose(Path file) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read = input.readNBytes(buffer, 0, buffer.length);
            checkStart(buffer, read);
            boolean bom = startsWithByteOrderMark(buffer, read);
            Scan scan = new Scan();
            int start = bom ? 3 : 0;
            while (read > 0) {
                for (int index = start; index < read; index++) {
                    scan.accept(buffer[index]);
                }
                start = 0;
                read = input.readNBytes(buffer, 0, buffer.length);
            }
            scan.end();
            if (bom) {
                if (!scan.utf8()) {
                    throw unsupported(Message.of(
                            IngestMessage.ENCODING_BYTE_ORDER_MARK_NOT_UTF8,
                            "line",
                            Long.toString(scan.invalidLine),
                            "column",
                            Long.toString(scan.invalidColumn)));
                }
                return DetectedEncoding.UTF_8_BOM;
            }
            if (scan.utf8()) {
                return DetectedEncoding.UTF_8;
            }
            if (scan.undefinedLine > 0) {
                throw unsupported(Message.of(
                        IngestMessage.ENCODING_UNDEFINED_BYTE,
                        "line",
                        Long.toString(scan.undefinedLine),
                        "column",
                        Long.toString(scan.undefinedColumn),
                        "byte",
                        "0x%02X".formatted(scan.undefinedByte)));
            }
            return DetectedEncoding.WINDOWS_1252;
        }
    }

    /**
     * The same decision as {@link #detect(Path)}, from what a {@link TextScan} of every byte of the file found, so
     * that the file is not read again. A file that mixes UTF-8 and Windows-1252 lines is rejected, naming the first
     * lines of each. Only when there is another problem to report (which then needs its line and column) is the
     * file read once more.
     */
    public static DetectedEncoding detect(Path file, TextProfile profile) throws IOException {
        byte[] head = profile.head();
        checkStart(head, head.length);
        if (profile.mixesEncodings() && !profile.nul()) {
            throw mixed(profile);
        }
        if (!profile.clean()) {
            return diagnose(file);
        }
        if (profile.utf8()) {
            return profile.byteOrderMark() ? DetectedEncoding.UTF_8_BOM : DetectedEncoding.UTF_8;
        }
        return DetectedEncoding.WINDOWS_1252;
    }

    /** Rejects, from its first bytes, a file in UTF-16 or a known binary format. */
    private static void checkStart(byte[] buffer, int read) {
        if (read >= 2
                && ((buffer[0] == (byte) 0xFF && buffer[1] == (byte) 0xFE)
                        || (buffer[0] == (byte) 0xFE && buffer[1] == (byte) 0xFF))) {
            throw unsupported(Message.of(IngestMessage.ENCODING_UTF16_BYTE_ORDER_MARK));
        }
        Optional<IngestMessage> binary = binaryFormat(buffer, read);
        if (binary.isPresent()) {
            throw unsupported(Message.of(binary.get()));
        }
        Optional<String> utf16 = utf16WithoutByteOrderMark(buffer, read);
        if (utf16.isPresent()) {
            throw unsupported(Message.of(IngestMessage.ENCODING_UTF16, "byteOrder", utf16.get()));
        }
    }

    private static boolean startsWithByteOrderMark(byte[] buffer, int read) {
        return read >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF;
    }

    /** What a known binary format is and how to get a CSV out of it, judged from its first bytes. */
    private static Optional<IngestMessage> binaryFormat(byte[] bytes, int length) {
        if (startsWith(bytes, length, 0x50, 0x4B, 0x03, 0x04) || startsWith(bytes, length, 0x50, 0x4B, 0x05, 0x06)) {
            return Optional.of(IngestMessage.FILE_IS_ZIP);
        }
        if (startsWith(bytes, length, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(IngestMessage.FILE_IS_OFFICE_DOCUMENT);
        }
        if (startsWith(bytes, length, 0x1F, 0x8B)) {
            return Optional.of(IngestMessage.FILE_IS_GZIP);
        }
        if (startsWith(bytes, length, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of(IngestMessage.FILE_IS_PDF);
        }
        if (startsWith(bytes, length, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(IngestMessage.FILE_IS_PNG);
        }
        if (startsWith(bytes, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(IngestMessage.FILE_IS_JPEG);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int length, int... signature) {
        if (length < signature.length) {
            return false;
        }
        for (int index = 0; index < signature.length; index++) {
            if ((bytes[index] & 0xFF) != signature[index]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The byte order of UTF-16 text without a byte order mark, recognised by its NUL bytes: text in a Latin
     * alphabet has a NUL in every second byte, all at odd offsets (little-endian) or all at even ones (big-endian).
     */
    private static Optional<String> utf16WithoutByteOrderMark(byte[] bytes, int length) {
        int even = 0;
        int odd = 0;
        for (int index = 0; index < length; index++) {
            if (bytes[index] == 0) {
                if (index % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int pairs = length / 2;
        if (pairs < 2) {
            return Optional.empty();
        }
        if (odd * 10 >= pairs * 6 && even * 10 <= odd) {
            return Optional.of("little-endian");
        }
        if (even * 10 >= pairs * 6 && odd * 10 <= even) {
            return Optional.of("big-endian");
        }
        return Optional.empty();
    }

    /**
     * A file whose lines are in two encodings, as when rows typed or pasted in one program are added to a file saved
     * by another: whichever encoding it is read in, the letters of the other lines come out wrong.
     */
    private static ObservatoryException mixed(TextProfile profile) {
        return unsupported(Message.of(
                profile.undefinedInWindows1252()
                        ? IngestMessage.ENCODING_MIXED_WITH_ANOTHER
                        : IngestMessage.ENCODING_MIXED_WITH_WINDOWS_1252,
                "utf8Count",
                profile.utf8Lines().count(),
                "utf8Lines",
                listed(profile.utf8Lines()),
                "otherCount",
                profile.notUtf8Lines().count(),
                "otherLines",
                listed(profile.notUtf8Lines())));
    }

    /** The numbers of the first lines, and an ellipsis when there are more: {@code 2, 3, 5, 8, 9, …}. */
    private static String listed(TextProfile.Lines lines) {
        String numbers = lines.first().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return lines.count() > lines.first().size() ? numbers + ", …" : numbers;
    }

    private static ObservatoryException unsupported(Message whyAndHowToFix) {
        return new ObservatoryException(ErrorCode.ENCODING_UNSUPPORTED, whyAndHowToFix);
    }

    /**
     * One pass over the bytes: where the first NUL byte is (fails at once), whether the whole is UTF-8 (and where
     * the first sequence that is not), and where the first byte is that Windows-1252 leaves undefined. Lines end at
     * CR, LF or CRLF, as for the CSV reader; columns count characters (bytes once the file is not UTF-8).
     */
    private static final class Scan {
        private final Utf8Validator validator = new Utf8Validator();
        private long offset;
        private long line = 1;
        private long byteColumn;
        private long characterColumn;
        private boolean afterCarriageReturn;
        private long sequenceLine = 1;
        private long sequenceColumn = 1;
        private long invalidLine;
        private long invalidColumn;
        private long undefinedLine;
        private long undefinedColumn;
        private int undefinedByte;

        void accept(byte signed) {
            int value = signed & 0xFF;
            offset++;
            if (value == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                return;
            }
            if (value != '\r' && value != '\n') {
                byteColumn++;
                if ((value & 0xC0) != 0x80) {
                    characterColumn++;
                }
            }
            if (value == 0) {
                throw unsupported(Message.of(
                        IngestMessage.ENCODING_NUL_BYTE,
                        "line",
                        Long.toString(line),
                        "column",
                        Long.toString(validator.failed() ? byteColumn : characterColumn),
                        "byte",
                        Long.toString(offset)));
            }
            if (undefinedLine == 0
                    && (value == 0x81 || value == 0x8D || value == 0x8F || value == 0x90 || value == 0x9D)) {
                undefinedLine = line;
                undefinedColumn = byteColumn;
                undefinedByte = value;
            }
            if (validator.startsSequence()) {
                sequenceLine = line;
                sequenceColumn = Math.max(1, characterColumn);
            }
            if (!validator.accept(value) && invalidLine == 0) {
                invalidLine = sequenceLine;
                invalidColumn = sequenceColumn;
            }
            afterCarriageReturn = value == '\r';
            if (value == '\r' || value == '\n') {
                line++;
                byteColumn = 0;
                characterColumn = 0;
            }
        }

        void end() {
            if (!validator.complete() && invalidLine == 0) {
                invalidLine = sequenceLine;
                invalidColumn = sequenceColumn;
            }
        }

        boolean utf8() {
            return invalidLine == 0;
        }
    }
}
