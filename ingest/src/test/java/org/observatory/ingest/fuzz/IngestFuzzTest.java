package org.observatory.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorType;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Fuzz tests of every input reader, through the whole ingest service on a data directory of its own: whatever the
 * bytes of an upload, ingest accepts the file whole (staged under {@code staging/<submission-id>/}) or rejects it with
 * a report of at least one error and stages nothing, lands the raw bytes unchanged, and leaves no working directory
 * behind. No input escapes as an exception, with one exception: an {@link ObservatoryException} of a
 * {@link ErrorType#USER_ERROR} code, whose message (no stack trace) says what to fix. That is how ingest refuses a
 * declaration; the API answers it with a 4xx problem and the command line with exit 1, so the user who sent the file is
 * told what to do, never a 500 or exit code of a crash. Every other exception, an {@code EXTERNAL} or {@code INTERNAL}
 * code included, is a finding: the file is the only thing that varies here, and a file is the user's to fix.
 *
 * <p>Each file is also read a second time in segments of a few bytes by two threads, which the report must not
 * notice (see the module's README): the same result, field for field.
 *
 * <p>Without {@code JAZZER_FUZZ} (the normal build) each test replays its inputs, the files under {@code
 * IngestFuzzTestInputs/<test>/} in this package's test resources: a small seed corpus, the corpus {@code ./fuzz}
 * minimised, and every finding. {@code ./fuzz} fuzzes each test in a JVM of its own.
 */
class IngestFuzzTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String FILE_NAME = "upload.csv";
    private static final List<String> TECHNICAL_MARKERS = List.of("Exception", "\tat ", "org.apache", "java.");

    /** Segments of a few bytes read by two threads: quoted values, CRLF pairs and characters cut at every place. */
    private static final IngestSettings SEGMENTED = IngestSettings.DEFAULTS.reading(2, 13);

    @TempDir
    static Path temporary;

    @FuzzTest
    void cts(byte[] file) throws IOException {
        assertIngestHoldsUp(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022));
    }

    @FuzzTest
    void national(byte[] file) throws IOException {
        assertIngestHoldsUp(file, SourceKind.NATIONAL, Optional.of("COL"), OptionalInt.empty());
    }

    @FuzzTest
    void population(byte[] file) throws IOException {
        assertIngestHoldsUp(file, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty());
    }

    @FuzzTest
    void correspondence(byte[] file) throws IOException {
        assertIngestHoldsUp(file, SourceKind.CORRESPONDENCE, Optional.of("COL"), OptionalInt.empty());
    }

    @FuzzTest
    void sdmxCsv(byte[] file) throws IOException {
        assertIngestHoldsUp(file, SourceKind.SDMX_CSV, Optional.empty(), OptionalInt.empty());
    }

    private static void assertIngestHoldsUp(
            byte[] content, SourceKind kind, Optional<String> country, OptionalInt cycle) throws IOException {
        Path directory = Files.createTempDirectory(temporary, kind.cliName() + "-");
        try {
            Path file = directory.resolve(FILE_NAME);
            Files.write(file, content);
            IngestRequest request = new IngestRequest(file, kind, country, cycle, "fuzz", FILE_NAME);
            Optional<IngestResult> whole = ingest(directory.resolve("whole"), request, IngestSettings.DEFAULTS);
            Optional<IngestResult> segmented = ingest(directory.resolve("segmented"), request, SEGMENTED);
            assertThat(segmented)
                    .as("the result of reading the file in segments of %d bytes", SEGMENTED.segmentBytes())
                    .isEqualTo(whole);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Ingests the upload on a data directory of its own and checks what it left there; empty if it was refused. */
    private static Optional<IngestResult> ingest(Path root, IngestRequest request, IngestSettings settings)
            throws IOException {
        DataDirectory data = new DataDirectory(root);
        IngestResult result;
        try {
            result = new IngestService(data, CODELISTS, settings).ingest(request);
        } catch (ObservatoryException refused) {
            assertThat(refused.errorCode().type())
                    .as("the type of the refusal %s: %s", refused.errorCode(), refused.getMessage())
                    .isEqualTo(ErrorType.USER_ERROR);
            assertReadable(refused.getMessage(), request.file());
            assertThat(entries(data.staging()))
                    .as("the staging area after a refusal")
                    .isEmpty();
            return Optional.empty();
        }
        for (ValidationIssue issue : result.issues()) {
            assertReadable(issue.message(), request.file());
        }
        List<String> staged = entries(data.staging());
        if (result.accepted()) {
            assertThat(result.errors()).as("the errors of an accepted file").isZero();
            assertThat(result.rowsInvalid()).isZero();
            long skipped = result.rowsSkipped().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(result.rowsAccepted() + skipped)
                    .as("rows accepted and skipped of %s", result)
                    .isEqualTo(result.rowsRead());
            assertThat(staged).containsExactly(result.submissionId());
            assertThat(entries(data.staging(result.submissionId())))
                    .containsExactlyInAnyOrder(
                            "rows.parquet", DataDirectory.SUBMISSION_MANIFEST, DataDirectory.VALIDATION_REPORT);
        } else {
            assertThat(result.status()).isEqualTo(IngestResult.REJECTED);
            assertThat(result.errors()).as("the errors of a rejected file").isPositive();
            assertThat(staged).as("the staging area after a rejection").isEmpty();
        }
        Path landed = data.landing().resolve(result.sha256() + ".csv");
        assertThat(Files.mismatch(landed, request.file()))
                .as("the landed copy of the upload")
                .isEqualTo(-1L);
        return Optional.of(result);
    }

    /**
     * A message for people: not blank, no stack trace, no exception class or library name, unless the file holds that
     * text itself (a message quotes the cell it is about).
     */
    private static void assertReadable(String message, Path file) throws IOException {
        assertThat(message).isNotBlank();
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String marker : TECHNICAL_MARKERS) {
            if (!text.contains(marker)) {
                assertThat(message).as("a message of the report").doesNotContain(marker);
            }
        }
    }

    private static List<String> entries(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
