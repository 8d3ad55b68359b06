package org.observatory.ingest.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingTest {
    @TempDir
    Path directory;

    @Test
    void copiesHashesAndShowsEveryBlockInOrderWhileTheThreeRunOnThreadsOfTheirOwn() throws Exception {
        // more blocks than take turns, and a last one that is not full
        byte[] bytes = new byte[(BlockHandOff.BLOCKS + 3) * (1 << 20) + 12_345];
        new Random(7).nextBytes(bytes);
        Path upload = Files.write(directory.resolve("upload.csv"), bytes);
        ByteArrayOutputStream observed = new ByteArrayOutputStream();

        LandedFile landed = new Landing(directory.resolve("landing"))
                .land(upload, "upload.csv", Map.of("country", "MEX"), (block, length) -> {
                    observed.write(block, 0, length);
                });

        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(landed.sha256()).isEqualTo(expected);
        assertThat(landed.sizeBytes()).isEqualTo(bytes.length);
        assertThat(landed.path().getFileName().toString()).isEqualTo(expected + ".csv");
        assertThat(Files.readAllBytes(landed.path())).isEqualTo(bytes);
        assertThat(observed.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void anObserverThatFailsFailsTheLandingAndLeavesNoPartialCopy() throws Exception {
        byte[] bytes = new byte[(BlockHandOff.BLOCKS + 2) * (1 << 20)];
        Path upload = Files.write(directory.resolve("upload.csv"), bytes);
        int[] seen = {0};
        Path landing = directory.resolve("landing");

        assertThatThrownBy(() -> new Landing(landing).land(upload, "upload.csv", Map.of(), (block, length) -> {
                    if (++seen[0] == 2) {
                        throw new IllegalStateException("the second block is not wanted");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the second block is not wanted");
        assertThat(seen[0]).isEqualTo(2); // the blocks after the failure are not shown
        try (Stream<Path> left = Files.list(landing)) {
            assertThat(left).isEmpty();
        }
    }
}
