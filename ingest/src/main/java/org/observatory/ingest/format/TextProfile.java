package org.observatory.ingest.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link TextScan} found in every byte of a file: its size, its first {@link TextScan#HEAD_BYTES} bytes,
 * whether it starts with a UTF-8 byte order mark, whether the rest is well-formed UTF-8, whether it holds a NUL
 * byte or a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), line starts spread over the
 * file, each with the number of lines before it, and the lines that are UTF-8 (with a multi-byte character) and
 * those that are not UTF-8: a file with both mixes two encodings.
 */
public record TextProfile(
        long size,
        byte[] head,
        boolean byteOrderMark,
        boolean utf8,
        boolean nul,
        boolean undefinedInWindows1252,
        List<TextScan.LineStart> lineStarts,
        Lines utf8Lines,
        Lines notUtf8Lines) {
    public TextProfile {
        requireNonNull(utf8Lines, "utf8Lines is null");
        requireNonNull(notUtf8Lines, "notUtf8Lines is null");
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
        return !nul && (utf8 || (!byteOrderMark && !undefinedInWindows1252)) && !mixesEncodings();
    }

    /** Whether some lines are UTF-8 (with a multi-byte character) and others are not UTF-8. */
    public boolean mixesEncodings() {
        return utf8Lines.count() > 0 && notUtf8Lines.count() > 0;
    }

    /** Lines of one kind: how many there are, and the numbers of the first {@link #NAMED} of them, in order. */
    public record Lines(long count, List<Long> first) {
        /** How many line numbers are kept, enough to find the lines in an editor. */
        public static final int NAMED = 5;

        public Lines {
            first = List.copyOf(requireNonNull(first, "first is null"));
            if (count < first.size() || first.size() > NAMED) {
                throw new IllegalArgumentException(
                        "%d lines cannot have %d first lines (at most %d)".formatted(count, first.size(), NAMED));
            }
        }

        /** Counts lines as a scan finds them, keeping the first numbers. */
        static final class Tally {
            private long count;
            private final List<Long> first = new java.util.ArrayList<>();

            void add(long line) {
                count++;
                if (first.size() < NAMED) {
                    first.add(line);
                }
            }

            long count() {
                return count;
            }

            Lines lines() {
                return new Lines(count, first);
            }
        }
    }
}
