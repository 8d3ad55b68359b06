package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/**
 * An extra acceptance layer on the real dataUNODC exports kept beside the repository (../shared/reference-data,
 * present in CI, absent from a user's fresh clone). The behaviours themselves are tested on the project's own
 * fixtures in {@link IngestServiceTest}.
 */
class ReferenceDataTest {
    private static final Path REFERENCE_DATA = Path.of("..", "..", "shared", "reference-data");
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @ParameterizedTest
    @CsvSource({
        "unodc-cts-corruption-economic-crime.2022-06.csv, Windows-1252, 2, 17824, 4124, 0, 0, 0",
        "unodc-cts-corruption-economic-crime.later.csv, UTF-8, 0, 22754, 5544, 0, 0, 0",
        "unodc-cts-violent-sexual-crime.2022-06.csv, Windows-1252, 0, 27525, 7275, 160, 6, 96"
    })
    void stagesTheRowsOfMemberStatesAndReportsEveryOtherRowAsSkipped(
            String name,
            String encoding,
            int preambleLines,
            long rowsRead,
            long memberRows,
            long conflictingDuplicates,
            long exactRepeats,
            long correctedAgeBands)
            throws Exception {
        Path file = REFERENCE_DATA.resolve(name);
        assumeTrue(
                Files.isRegularFile(file),
                "reference data not present beside the repository: " + file.toAbsolutePath());

        IngestResult result = new IngestService(new DataDirectory(temporary), codelists)
                .ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.encoding()).isEqualTo(encoding);
        assertThat(result.preambleLines()).isEqualTo(preambleLines);
        assertThat(result.rowsRead()).isEqualTo(rowsRead);
        assertThat(result.rowsAccepted()
                        + result.rowsSkipped().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(result.rowsRead());
        assertThat(result.rowsAccepted()).isEqualTo(memberRows - conflictingDuplicates - exactRepeats);
        assertThat(result.rowsSkipped().getOrDefault("conflicting-duplicate", 0L))
                .isEqualTo(conflictingDuplicates);
        assertThat(result.rowsSkipped().getOrDefault("exact-duplicate", 0L)).isEqualTo(exactRepeats);
        assertThat(result.issueCounts().getOrDefault("VALUE_CORRECTED", 0L)).isEqualTo(correctedAgeBands);
        assertThat(result.errors()).isZero();
    }
}
