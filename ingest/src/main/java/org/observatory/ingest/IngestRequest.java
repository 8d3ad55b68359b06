package org.observatory.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.schemas.codelist.SourceKind;

/**
 * One upload to ingest: the file, what kind of input it is, the submitting country (required for national
 * and correspondence files), the CTS cycle it answers, who sent it and the file's original name.
 */
public record IngestRequest(
        Path file,
        SourceKind sourceKind,
        Optional<String> country,
        OptionalInt cycle,
        String submitter,
        String fileName) {
    public IngestRequest {
        requireNonNull(file, "file is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(country, "country is null");
        requireNonNull(cycle, "cycle is null");
        requireNonNull(submitter, "submitter is null");
        requireNonNull(fileName, "fileName is null");
    }

    public static IngestRequest of(Path file, SourceKind sourceKind, Optional<String> country, OptionalInt cycle) {
        return new IngestRequest(
                file, sourceKind, country, cycle, "cli", file.getFileName().toString());
    }
}
