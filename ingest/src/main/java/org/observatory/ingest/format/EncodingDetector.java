package org.observatory.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * Reads every byte of a file once and decides its encoding: a UTF-8 BOM means UTF-8; otherwise the file is UTF-8
 * when every byte sequence in it is valid UTF-8, and Windows-1252 when any is not. Real UNODC exports put their
 * first non-ASCII byte hundreds of kilobytes into the file, so looking only at the start would get them wrong.
 * UTF-16 and binary files (NUL bytes) are rejected with a message saying how to re-save the file.
 */
public final class EncodingDetector {
    private static final int BUFFER_SIZE = 1 << 16;

    private EncodingDetector() {}

    public static DetectedEncoding detect(Path file) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read = input.readNBytes(buffer, 0, buffer.length);
            if (read >= 2
                    && ((buffer[0] == (byte) 0xFF && buffer[1] == (byte) 0xFE)
                            || (buffer[0] == (byte) 0xFE && buffer[1] == (byte) 0xFF))) {
                throw unsupported("it starts with a UTF-16 byte order mark");
            }
            boolean bom = read >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF;
            Utf8Validator validator = new Utf8Validator();
            long offset = 0;
            int start = bom ? 3 : 0;
            while (read > 0) {
                for (int index = start; index < read; index++) {
                    byte value = buffer[index];
                    if (value == 0) {
                        throw unsupported(
                                "byte %d is a NUL byte: the file is binary or UTF-16".formatted(offset + index + 1));
                    }
                    validator.accept(value);
                }
                offset += read;
                start = 0;
                read = input.readNBytes(buffer, 0, buffer.length);
            }
            if (bom) {
                if (!validator.valid()) {
                    throw unsupported("it starts with a UTF-8 byte order mark but holds bytes that are not UTF-8");
                }
                return DetectedEncoding.UTF_8_BOM;
            }
            return validator.valid() ? DetectedEncoding.UTF_8 : DetectedEncoding.WINDOWS_1252;
        }
    }

    private static ObservatoryException unsupported(String why) {
        return new ObservatoryException(
                ErrorCode.ENCODING_UNSUPPORTED,
                "The file cannot be read as text: %s. Save it as CSV in UTF-8 (or Windows-1252) and upload it again"
                        .formatted(why));
    }

    /** A streaming UTF-8 well-formedness check (no overlongs, no surrogates, nothing above U+10FFFF). */
    private static final class Utf8Validator {
        private int pending;
        private int lowerBound = 0x80;
        private int upperBound = 0xBF;
        private boolean valid = true;

        void accept(byte signed) {
            if (!valid) {
                return;
            }
            int value = signed & 0xFF;
            if (pending == 0) {
                if (value < 0x80) {
                    return;
                }
                lowerBound = 0x80;
                upperBound = 0xBF;
                if (value >= 0xC2 && value <= 0xDF) {
                    pending = 1;
                } else if (value >= 0xE0 && value <= 0xEF) {
                    pending = 2;
                    if (value == 0xE0) {
                        lowerBound = 0xA0;
                    } else if (value == 0xED) {
                        upperBound = 0x9F;
                    }
                } else if (value >= 0xF0 && value <= 0xF4) {
                    pending = 3;
                    if (value == 0xF0) {
                        lowerBound = 0x90;
                    } else if (value == 0xF4) {
                        upperBound = 0x8F;
                    }
                } else {
                    valid = false;
                }
                return;
            }
            if (value < lowerBound || value > upperBound) {
                valid = false;
                return;
            }
            lowerBound = 0x80;
            upperBound = 0xBF;
            pending--;
        }

        boolean valid() {
            return valid && pending == 0;
        }
    }
}
