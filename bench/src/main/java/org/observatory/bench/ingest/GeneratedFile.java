package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A synthetic upload written by {@link SyntheticSubmission}: where it is, what it holds (member-state rows, rows of
 * ISO countries outside the member list, rows with non-ISO codes), and the layout a bare parser needs to read it
 * (delimiter, lines before the header).
 */
public record GeneratedFile(
        Path path,
        FileKind kind,
        long seed,
        long rows,
        long bytes,
        long memberRows,
        long outOfScopeRows,
        long unknownCountryRows,
        char delimiter,
        int preambleLines) {
    public GeneratedFile {
        requireNonNull(path, "path is null");
        requireNonNull(kind, "kind is null");
        if (rows != memberRows + outOfScopeRows + unknownCountryRows) {
            throw new IllegalArgumentException("rows %d != member %d + out of scope %d + unknown %d"
                    .formatted(rows, memberRows, outOfScopeRows, unknownCountryRows));
        }
    }
}
