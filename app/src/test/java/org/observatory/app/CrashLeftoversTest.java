package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Crash leftovers (defect 8 of issue 14: 253 MB after three kills): what processes killed during uploads left in
 * {@code staging/} and {@code registry/uploads/} is removed when the server starts, with the server's own write
 * side; what live processes are writing stays.
 */
class CrashLeftoversTest {
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    Path temporary;

    @Test
    void crashLeftoversOfDeadProcessesAreRemovedWhenTheServerStarts() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        long dead = deadProcessId();
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path deadScratch = Files.createDirectories(data.staging().resolve(".work-" + dead + "-scratch-sub-1-42"));
        Files.write(deadScratch.resolve("rows-1.parquet"), new byte[1 << 20]);
        Path deadIncoming = Files.createDirectories(data.staging().resolve(".work-" + dead + "-incoming-sub-1-43"));
        Path liveScratch = Files.createDirectories(data.staging().resolve(".work-" + live + "-scratch-sub-2-44"));
        Path uploads = Files.createDirectories(data.registry().resolve("uploads"));
        Path deadUpload = Files.write(uploads.resolve("upload-" + dead + "-7.part"), new byte[1 << 20]);
        Path liveUpload = Files.write(uploads.resolve("upload-" + live + "-8.part"), new byte[] {1});
        Path jettyMultipart = Files.write(uploads.resolve("MultiPart2843576412345"), new byte[] {1});

        try (ApiServer server = ApiServer.start(
                ApiConfig.of(data, CODELISTS)
                        .withSubmissions(ServeCommand.writeSide(data, CODELISTS, ApprovalPolicy.AUTOMATIC)),
                "127.0.0.1",
                0)) {
            assertThat(deadScratch).doesNotExist();
            assertThat(deadIncoming).doesNotExist();
            assertThat(deadUpload).doesNotExist();
            assertThat(jettyMultipart).doesNotExist();
            assertThat(liveScratch).isDirectory();
            assertThat(liveUpload).isRegularFile();
        }
        try (Stream<Path> staged = Files.list(data.staging())) {
            assertThat(staged.toList()).containsExactly(liveScratch);
        }
    }

    /** The id of a process that has ended. */
    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
