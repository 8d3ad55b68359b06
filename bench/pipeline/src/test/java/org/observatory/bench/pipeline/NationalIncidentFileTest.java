package org.observatory.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/** The file the command-line measurement ingests is one ingest accepts whole, every code mapped. */
class NationalIncidentFileTest {
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    Path temporary;

    @Test
    void writesAnIncidentLevelFileThatIngestAcceptsWithoutAWarning() throws Exception {
        Path file = temporary.resolve("col.csv");
        NationalIncidentFile.write(file, 500, 42, CODELISTS.iccs());

        IngestResult result = new IngestService(new DataDirectory(temporary.resolve("data")), CODELISTS)
                .ingest(IngestRequest.of(
                        file, SourceKind.NATIONAL, Optional.of(NationalIncidentFile.COUNTRY), OptionalInt.empty()));

        assertThat(result.accepted()).as(result.issues().toString()).isTrue();
        assertThat(result.layout()).isEqualTo("incident-level");
        assertThat(result.rowsRead()).isEqualTo(500);
        assertThat(result.rowsAccepted()).isEqualTo(500);
        assertThat(result.warnings()).as(result.issues().toString()).isZero();
    }

    @Test
    void writesTheSameBytesForTheSameSeed() throws Exception {
        Path first = temporary.resolve("first.csv");
        Path second = temporary.resolve("second.csv");
        Path other = temporary.resolve("other.csv");

        NationalIncidentFile.write(first, 200, 42, CODELISTS.iccs());
        NationalIncidentFile.write(second, 200, 42, CODELISTS.iccs());
        NationalIncidentFile.write(other, 200, 43, CODELISTS.iccs());

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(Files.mismatch(first, other)).isNotEqualTo(-1);
        assertThat(Files.readAllLines(first)).hasSize(201).first().isEqualTo(NationalIncidentFile.HEADER);
    }
}
