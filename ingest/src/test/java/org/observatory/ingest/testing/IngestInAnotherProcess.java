package org.observatory.ingest.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/** Ingests one national file for COL in its own JVM, so that a test can kill it half-way. */
public final class IngestInAnotherProcess {
    private IngestInAnotherProcess() {}

    public static void main(String[] args) throws Exception {
        new IngestService(new DataDirectory(Path.of(args[0])), Codelists.load())
                .ingest(IngestRequest.of(
                        Path.of(args[1]), SourceKind.NATIONAL, Optional.of("COL"), OptionalInt.empty()));
    }
}
