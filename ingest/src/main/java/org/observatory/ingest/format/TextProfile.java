package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link TextScan} found in every byte of a file: its size, its first {@link TextScan#HEAD_BYTES} bytes,
 * whether it starts with a UTF-8 byte order mark, whether the rest is well-formed UTF-8, whether it holds a NUL
 * byte or a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), and line starts spread over the
 * file, each with the number of lines before it.
 */
public record TextProfile(
        long size,
        byte[] head,
        boolean byteOrderMark,
        boolean utf8,
        boolean nul,
        boolean undefinedInWindows1252,
        List<TextScan.LineStart> lineStarts) {
    public TextProfile {
        requireNonNull(head, "head is null");
        head = head.clone();
        lineStarts = List.copyOf(requireNonNull(lineStarts, "lineStarts is null"));
        if (size < head.length) {
            throw new IllegalArgumentException("size %d is below the %d head bytes".formatted(size, head.length));
        }
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    /**
     * Whether the bytes alone decide the encoding without a problem to report: no NUL byte, and either valid UTF-8
     * or (without a byte order mark) Windows-1252 text without undefined bytes.
     */
    boolean clean() {
        return !nul && (utf8 || (!byteOrderMark && !undefinedInWindows1252));
    }
}
