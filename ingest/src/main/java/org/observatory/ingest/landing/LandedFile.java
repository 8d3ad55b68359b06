package org.observatory.ingest.landing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** An uploaded file kept byte for byte under its SHA-256 in {@code landing/}. */
public record LandedFile(String sha256, Path path, long sizeBytes) {
    public LandedFile {
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(path, "path is null");
    }
}
