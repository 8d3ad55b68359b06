package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.testing.IngestInAnotherProcess;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/** A process killed (SIGKILL) while it stages a file leaves nothing visible, and the next ingest succeeds. */
class CrashDuringIngestTest {
    @TempDir
    Path temporary;

    @Test
    void aKillHalfWayLeavesNoPartialStagingAndTheNextIngestSucceeds() throws Exception {
        Path file = temporary.resolve("large.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("year,offence_code,offence_label,count,sex,age_group,mechanism\n");
            for (int row = 0; row < 300_000; row++) {
                writer.write("2022,ART-103,Homicidio," + (row % 1000) + ",Total,Total," + mechanism(row) + "\n");
            }
        }
        Path data = temporary.resolve("data");
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        IngestInAnotherProcess.class.getName(),
                        data.toString(),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(temporary.resolve("child.log").toFile())
                .start();
        String workPrefix = ".work-" + child.pid() + "-";
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive() && !hasEntry(data.resolve("staging"), workPrefix)) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive())
                .as(
                        "the child must still be staging when it is killed; its log: %s",
                        Files.readString(temporary.resolve("child.log")))
                .isTrue();
        child.destroyForcibly().waitFor();

        assertThat(visibleEntries(data.resolve("staging"))).isEmpty();
        assertThat(hasEntry(data.resolve("staging"), workPrefix)).isTrue();

        IngestResult retry = new IngestService(new DataDirectory(data), Codelists.load())
                .ingest(IngestRequest.of(file, SourceKind.NATIONAL, Optional.of("COL"), OptionalInt.empty()));

        assertThat(retry.status()).isEqualTo("accepted");
        assertThat(retry.alreadySubmitted()).isFalse();
        assertThat(retry.rowsAccepted()).isEqualTo(300_000);
        assertThat(visibleEntries(data.resolve("staging"))).containsExactly(retry.submissionId());
        assertThat(hasEntry(data.resolve("staging"), workPrefix))
                .as("leftovers of the killed process are removed")
                .isFalse();
    }

    /** 300,000 distinct keys: the rows differ by their mechanism. */
    private static String mechanism(int row) {
        return "mechanism " + row;
    }

    private static boolean hasEntry(Path directory, String prefix) throws Exception {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.anyMatch(path -> path.getFileName().toString().startsWith(prefix));
        }
    }

    private static List<String> visibleEntries(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .toList();
        }
    }
}
