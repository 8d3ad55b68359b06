package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.schemas.codelist.SourceKind;

/**
 * An uploaded file, already on disk, with its declaration: source kind, submitting country, CTS cycle, the
 * account that sent it and the file's original name.
 */
public record Upload(
        Path file,
        SourceKind sourceKind,
        Optional<String> country,
        OptionalInt cycle,
        String submitter,
        String fileName) {
    public Upload {
        requireNonNull(file, "file is null");
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(country, "country is null");
        requireNonNull(cycle, "cycle is null");
        requireNonNull(submitter, "submitter is null");
        requireNonNull(fileName, "fileName is null");
    }
}
