package org.observatory.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextScanTest {
    @Test
    void notesALineStartAfterEverySegmentAndCountsLinesAsTheCsvReaderDoes() {
        // CR, LF and CRLF each end one line: lines start at bytes 0, 5, 9, 15, 21 (and the file ends at 26); a
        // segment starts after a LF only, so that it never starts between the CR and LF of a CRLF
        byte[] text = "one\r\ntwo\rthree\nfour\r\nfive\n".getBytes(StandardCharsets.US_ASCII);

        TextProfile profile = scan(text, 5, 4);

        assertThat(profile.lineStarts())
                .containsExactly(
                        new TextScan.LineStart(5, 1),
                        new TextScan.LineStart(15, 3),
                        new TextScan.LineStart(21, 4),
                        new TextScan.LineStart(26, 5));
        assertThat(profile.size()).isEqualTo(text.length);
    }

    @Test
    void countsACarriageReturnAndLineFeedSplitBetweenTwoBlocksAsOneLine() {
        byte[] text = "aaaaaaa\r\nbbbbbbb\r\nccc\n".getBytes(StandardCharsets.US_ASCII);

        TextProfile whole = scan(text, 1, text.length);
        TextProfile split = scan(text, 1, 8); // the first block ends between \r and \n

        assertThat(split.lineStarts()).isEqualTo(whole.lineStarts());
        assertThat(whole.lineStarts())
                .extracting(TextScan.LineStart::linesBefore)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void tellsWellFormedUtf8FromWindows1252AndNotesTheBytesOrderMark() {
        byte[] utf8 = "\uFEFFPolicía Judicial, 2023 \u20AC\n".getBytes(StandardCharsets.UTF_8);
        byte[] windows1252 = "Polic\u00EDa Judicial\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        byte[] truncated = Arrays.copyOf(utf8, utf8.length - 2); // ends inside the three bytes of the euro sign

        assertThat(scan(utf8, 64, 3)).satisfies(profile -> {
            assertThat(profile.utf8()).isTrue();
            assertThat(profile.byteOrderMark()).isTrue();
        });
        assertThat(scan(windows1252, 64, 5)).satisfies(profile -> {
            assertThat(profile.utf8()).isFalse();
            assertThat(profile.byteOrderMark()).isFalse();
            assertThat(profile.undefinedInWindows1252()).isFalse();
        });
        assertThat(scan(truncated, 64, 100).utf8()).isFalse();
    }

    @Test
    void tellsUtf8LinesFromWindows1252LinesSoThatAMixIsFound() {
        java.nio.charset.Charset windows1252 = java.nio.charset.Charset.forName("windows-1252");
        byte[] text = concat(
                "\uFEFFheader\r\ncaf\u00E9\rplain\n".getBytes(StandardCharsets.UTF_8), // lines 1-3
                "caf\u00E9\r\n".getBytes(windows1252), // line 4
                "\u20AC 5\n".getBytes(StandardCharsets.UTF_8), // line 5
                new byte[] {'x', (byte) 0xE2, (byte) 0x82, '\n'}, // line 6: a sequence the line break cuts
                "na\u00EFve".getBytes(windows1252)); // line 7, without a line break at its end

        for (int blockBytes : new int[] {1, 3, 8, 64}) {
            assertThat(scan(text, 64, blockBytes))
                    .as("blocks of %d", blockBytes)
                    .satisfies(profile -> {
                        // the byte order mark alone does not make line 1 a UTF-8 line
                        assertThat(profile.utf8Lines()).isEqualTo(new TextProfile.Lines(2, java.util.List.of(2L, 5L)));
                        assertThat(profile.notUtf8Lines())
                                .isEqualTo(new TextProfile.Lines(3, java.util.List.of(4L, 6L, 7L)));
                        assertThat(profile.mixesEncodings()).isTrue();
                        assertThat(profile.utf8()).isFalse();
                    });
        }
        byte[] utf8Only = "caf\u00E9\nplain\n".getBytes(StandardCharsets.UTF_8);
        byte[] windows1252Only = "caf\u00E9\nplain\n".getBytes(windows1252);
        assertThat(scan(utf8Only, 64, 8).mixesEncodings()).isFalse();
        assertThat(scan(windows1252Only, 64, 8).mixesEncodings()).isFalse();
        assertThat(scan(windows1252Only, 64, 8).notUtf8Lines())
                .isEqualTo(new TextProfile.Lines(1, java.util.List.of(1L)));
    }

    @Test
    void flagsNulBytesAndBytesWindows1252LeavesUndefined() {
        byte[] nul = "abc\u0000def".getBytes(StandardCharsets.US_ASCII);
        byte[] undefined = {'a', (byte) 0x81, 'b'};

        assertThat(scan(nul, 64, 4).nul()).isTrue();
        assertThat(scan(undefined, 64, 4).undefinedInWindows1252()).isTrue();
        assertThat(scan(undefined, 64, 4).nul()).isFalse();
    }

    @Test
    void readingEightBytesAtOnceFindsWhatReadingByteByByteFinds() {
        // lines of every length, ended by LF, CR or CRLF, some with accented letters, some with a CR right before a
        // word of eight bytes; blocks of fewer than eight bytes are scanned one byte at a time
        java.util.Random random = new java.util.Random(5);
        StringBuilder text = new StringBuilder();
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        while (text.length() < 200_000) {
            int length = random.nextInt(40);
            for (int character = 0; character < length; character++) {
                text.append(random.nextInt(50) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
            }
            text.append(ends[random.nextInt(ends.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] windows1252 = text.toString().getBytes(java.nio.charset.Charset.forName("windows-1252"));

        for (long segmentBytes : new long[] {1, 7, 100, 4096, 1 << 20}) {
            TextProfile byteByByte = scan(bytes, segmentBytes, 7);
            TextProfile wordByWord = scan(bytes, segmentBytes, 65_536);
            assertThat(wordByWord.lineStarts())
                    .as("segments of %d", segmentBytes)
                    .isEqualTo(byteByByte.lineStarts());
            assertThat(wordByWord.utf8()).isEqualTo(byteByByte.utf8()).isTrue();
            assertThat(wordByWord.utf8Lines()).isEqualTo(byteByByte.utf8Lines());
            assertThat(wordByWord.utf8Lines().count()).isPositive();
            assertThat(scan(windows1252, segmentBytes, 65_536).notUtf8Lines())
                    .isEqualTo(scan(windows1252, segmentBytes, 7).notUtf8Lines())
                    .isEqualTo(new TextProfile.Lines(
                            wordByWord.utf8Lines().count(),
                            wordByWord.utf8Lines().first()));
        }
        // every line counted: the line start of the last byte says how many lines come before it
        TextProfile everyLine = scan(bytes, 1, 65_536);
        long lines = text.chars().filter(character -> character == '\n').count()
                - text.toString().split("\r\n", -1).length
                + 1
                + text.chars().filter(character -> character == '\r').count();
        assertThat(everyLine.lineStarts().get(everyLine.lineStarts().size() - 1).linesBefore())
                .isEqualTo(lines);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            whole.writeBytes(part);
        }
        return whole.toByteArray();
    }

    /** Scans {@code text} fed in blocks of {@code blockBytes}. */
    private static TextProfile scan(byte[] text, long segmentBytes, int blockBytes) {
        TextScan scan = new TextScan(segmentBytes);
        for (int start = 0; start < text.length; start += blockBytes) {
            byte[] block = Arrays.copyOfRange(text, start, Math.min(text.length, start + blockBytes));
            scan.accept(block, block.length);
        }
        return scan.profile();
    }
}
