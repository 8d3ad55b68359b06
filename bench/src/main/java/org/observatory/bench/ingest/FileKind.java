package org.observatory.bench.ingest;

import java.util.Arrays;
import java.util.Locale;
import org.observatory.schemas.codelist.SourceKind;

/** The input kinds the ingest benchmark can generate: a dataUNODC (CTS) export or a national aggregated template. */
public enum FileKind {
    CTS("cts", SourceKind.CTS),
    NATIONAL("national", SourceKind.NATIONAL);

    private final String cliName;
    private final SourceKind sourceKind;

    FileKind(String cliName, SourceKind sourceKind) {
        this.cliName = cliName;
        this.sourceKind = sourceKind;
    }

    public String cliName() {
        return cliName;
    }

    public SourceKind sourceKind() {
        return sourceKind;
    }

    public static FileKind fromCliName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.cliName.equals(key))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("Unknown --kind '%s'; use cts or national".formatted(name)));
    }
}
