package org.observatory.ingest.format;

/**
 * A streaming UTF-8 well-formedness check (no overlongs, no surrogates, nothing above U+10FFFF), byte by byte. Once
 * a byte breaks the rules the check stays failed and no sequence stays open, so a caller may skip runs of ASCII
 * bytes whenever {@link #betweenSequences()} holds, whether the file is UTF-8 or not.
 */
final class Utf8Validator {
    private int pending;
    private int lowerBound = 0x80;
    private int upperBound = 0xBF;
    private boolean valid = true;

    /** Whether no multi-byte sequence is open: the next byte starts a character (or the check has failed). */
    boolean betweenSequences() {
        return pending == 0;
    }

    boolean startsSequence() {
        return valid && pending == 0;
    }

    boolean failed() {
        return !valid;
    }

    /** Whether every byte so far was well-formed and no sequence is left open. */
    boolean complete() {
        return valid && pending == 0;
    }

    /** Starts the check afresh, as at the start of a file (e.g. at each line, to judge lines one by one). */
    void reset() {
        pending = 0;
        lowerBound = 0x80;
        upperBound = 0xBF;
        valid = true;
    }

    /** Whether the bytes so far are valid UTF-8 (a sequence may still be pending). */
    boolean accept(int value) {
        if (!valid) {
            return false;
        }
        if (pending == 0) {
            if (value < 0x80) {
                return true;
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
            return valid;
        }
        if (value < lowerBound || value > upperBound) {
            valid = false;
            pending = 0;
            return false;
        }
        lowerBound = 0x80;
        upperBound = 0xBF;
        pending--;
        return true;
    }
}
