package org.observatory.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one look at every byte of an upload tells before it is read as text, gathered while the bytes are landed
 * (see {@code Landing}), so that no second pass over the file is needed: its first bytes, whether it is well-formed
 * UTF-8 (after a byte order mark, if it has one), whether it holds a NUL byte or a byte that Windows-1252 leaves
 * undefined, and where lines start every {@code segmentBytes} or so, with the number of lines before each. Lines end
 * at CR, LF or CRLF, as for the CSV reader. {@link EncodingDetector#detect(java.nio.file.Path, TextProfile)} decides
 * the encoding from the result; {@link DelimitedTable} splits the file into segments at those line starts, so that
 * they can be read in parallel.
 *
 * <p>Lines are also judged one by one: a line with a byte sequence that is not UTF-8 is a Windows-1252 line, a line
 * that is well-formed UTF-8 with at least one multi-byte character (a byte order mark aside) is a UTF-8 line, and a
 * line of ASCII only is neither. A file with lines of both kinds mixes two encodings: read as either, some of its
 * letters would come out wrong ({@code café} saved as UTF-8 and read as Windows-1252 is {@code cafÃ©}).
 *
 * <p>Bytes are fed in order through {@link #accept}; {@link #profile} ends the scan.
 */
public final class TextScan {
    /** How many first bytes are kept: those {@link EncodingDetector} judges binary formats and UTF-16 by. */
    public static final int HEAD_BYTES = 1 << 16;

    /** How much of a file on disk {@link #profile(Path, long)} reads at a time. */
    private static final int SCAN_BLOCK_BYTES = 1 << 20;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long CARRIAGE_RETURNS = ONES * '\r';

    private final long segmentBytes;
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long offset;
    private boolean nul;
    private boolean undefinedInWindows1252;
    private boolean afterCarriageReturn;
    private long lineBreaks;
    private long nextBoundary;
    private final List<LineStart> lineStarts = new ArrayList<>();
    /** Checks the current line only: reset where each line ends. */
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Whether a multi-byte UTF-8 character (not the byte order mark) ends on the current line. */
    private boolean lineHasMultiByteCharacter;

    private final TextProfile.Lines.Tally utf8Lines = new TextProfile.Lines.Tally();
    private final TextProfile.Lines.Tally notUtf8Lines = new TextProfile.Lines.Tally();

    /** A scan that notes a line start about every {@code segmentBytes} bytes (at the first line that starts after). */
    public TextScan(long segmentBytes) {
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes must be at least 1: " + segmentBytes);
        }
        this.segmentBytes = segmentBytes;
        this.nextBoundary = segmentBytes;
    }

    /**
     * Scans a file already on disk (one read of every byte), noting a line start about every {@code segmentBytes}:
     * the same profile as a scan fed while the file was landed.
     */
    public static TextProfile profile(Path file, long segmentBytes) throws IOException {
        TextScan scan = new TextScan(segmentBytes);
        try (InputStream input = Files.newInputStream(file)) {
            byte[] block = new byte[SCAN_BLOCK_BYTES];
            int read;
            while ((read = input.readNBytes(block, 0, block.length)) > 0) {
                scan.accept(block, read);
            }
        }
        return scan.profile();
    }

    /** Scans the next {@code length} bytes of the file. */
    public void accept(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length %d is outside 0-%d".formatted(length, bytes.length));
        }
        if (offset < HEAD_BYTES) {
            int copied = (int) Math.min(length, HEAD_BYTES - offset);
            System.arraycopy(bytes, 0, head, headLength, copied);
            headLength += copied;
        }
        // a byte order mark (EF BB BF) is itself well-formed UTF-8, so it is validated with the rest
        int index = 0;
        while (index < length) {
            // the common case: eight bytes of ASCII text without a NUL or CR, with no UTF-8 sequence open; line
            // feeds in them are counted at once unless one may end a line where a segment is due, or follows a CR
            if (utf8.betweenSequences() && index + 8 <= length) {
                long word = (long) LONGS.get(bytes, index);
                if ((word & HIGH_BITS) == 0 && !hasZeroByte(word) && !hasZeroByte(word ^ CARRIAGE_RETURNS)) {
                    long lineFeeds = zeroBytes(word ^ LINE_FEEDS);
                    if (lineFeeds == 0) {
                        afterCarriageReturn = false;
                        index += 8;
                        continue;
                    }
                    if (!afterCarriageReturn && offset + index + 8 < nextBoundary) {
                        // the first line feed ends the current line; the lines after it in the word are ASCII
                        endLine();
                        lineBreaks += Long.bitCount(lineFeeds);
                        index += 8;
                        continue;
                    }
                }
            }
            scan(bytes[index] & 0xFF, offset + index);
            index++;
        }
        offset += length;
    }

    private static boolean hasZeroByte(long word) {
        return ((word - ONES) & ~word & HIGH_BITS) != 0;
    }

    /** The high bit of each byte of {@code word} that is zero, and of no other (no borrow between bytes). */
    private static long zeroBytes(long word) {
        long low = LOW_BITS;
        return ~(((word & low) + low) | word | low);
    }

    private void scan(int value, long position) {
        // a line break inside a multi-byte sequence fails the check of the line it ends
        if (utf8.accept(value) && value >= 0x80 && utf8.betweenSequences() && !endsByteOrderMark(position)) {
            lineHasMultiByteCharacter = true;
        }
        if (value == '\n') {
            if (!afterCarriageReturn) {
                endLine();
                lineBreaks++;
            }
            if (position + 1 >= nextBoundary) {
                lineStarts.add(new LineStart(position + 1, lineBreaks));
                nextBoundary = position + 1 + segmentBytes;
            }
        } else if (value == '\r') {
            endLine();
            lineBreaks++;
        } else if (value == 0) {
            nul = true;
        } else if (value == 0x81 || value == 0x8D || value == 0x8F || value == 0x90 || value == 0x9D) {
            undefinedInWindows1252 = true;
        }
        afterCarriageReturn = value == '\r';
    }

    /** Whether the byte at {@code position} ends the UTF-8 byte order mark at the start of the file. */
    private boolean endsByteOrderMark(long position) {
        return position == 2 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
    }

    /** Judges the line that ends here (numbered {@code lineBreaks + 1}), and starts the next one afresh. */
    private void endLine() {
        if (!utf8.complete()) {
            notUtf8Lines.add(lineBreaks + 1);
        } else if (lineHasMultiByteCharacter) {
            utf8Lines.add(lineBreaks + 1);
        }
        utf8.reset();
        lineHasMultiByteCharacter = false;
    }

    /** Ends the scan: what it found. */
    public TextProfile profile() {
        endLine(); // the last line, unless a line break ended it (then this one is empty)
        boolean byteOrderMark =
                headLength >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        return new TextProfile(
                offset,
                Arrays.copyOf(head, headLength),
                byteOrderMark,
                notUtf8Lines.count() == 0,
                nul,
                undefinedInWindows1252,
                lineStarts,
                utf8Lines.lines(),
                notUtf8Lines.lines());
    }

    /** A line that starts at byte {@code offset} of the file, after {@code linesBefore} lines. */
    public record LineStart(long offset, long linesBefore) {
        public LineStart {
            if (offset < 0 || linesBefore < 0) {
                throw new IllegalArgumentException(
                        "offset %d and linesBefore %d must not be negative".formatted(offset, linesBefore));
            }
        }
    }
}
