package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.schemas.codelist.SourceKind;

/**
 * An upload as its sender declares it: the kind of file, the country it is for (an analyst's own when left out),
 * the survey cycle it answers and the file name the client sent (any path in it is dropped, see {@link
 * #storedFileName}).
 */
public record NewSubmission(SourceKind source, Optional<String> country, OptionalInt cycle, String sentFileName) {
    public NewSubmission {
        requireNonNull(source, "source is null");
        requireNonNull(country, "country is null");
        requireNonNull(cycle, "cycle is null");
        sentFileName = sentFileName == null ? "" : sentFileName;
    }

    /**
     * The name the file is stored under: the last part of the name the client sent (a browser on Windows may send a
     * whole path), without control characters, or {@code upload} when nothing is left ({@code "/"} has no last part:
     * it made a 500).
     */
    public String storedFileName() {
        String sent = sentFileName.replaceAll("\\p{Cntrl}", "");
        String lastPart = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1)
                .strip();
        return lastPart.isEmpty() || lastPart.equals(".") || lastPart.equals("..") ? "upload" : lastPart;
    }
}
