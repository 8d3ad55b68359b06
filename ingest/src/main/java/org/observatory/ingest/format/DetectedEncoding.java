package org.observatory.ingest.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The text encodings an upload may use. Detected from the whole file, never from its first bytes only. */
public enum DetectedEncoding {
    UTF_8("UTF-8", StandardCharsets.UTF_8, 0),
    UTF_8_BOM("UTF-8 with BOM", StandardCharsets.UTF_8, 3),
    WINDOWS_1252("Windows-1252", Charset.forName("windows-1252"), 0);

    private final String label;
    private final Charset charset;
    private final int bomLength;

    DetectedEncoding(String label, Charset charset, int bomLength) {
        this.label = label;
        this.charset = charset;
        this.bomLength = bomLength;
    }

    /** How reports name it: {@code UTF-8}, {@code UTF-8 with BOM}, {@code Windows-1252}. */
    public String label() {
        return label;
    }

    public Charset charset() {
        return charset;
    }

    public int bomLength() {
        return bomLength;
    }
}
