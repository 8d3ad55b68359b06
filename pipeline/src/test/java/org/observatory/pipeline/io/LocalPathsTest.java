package org.observatory.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ObservatoryException;

class LocalPathsTest {
    @Test
    void resolvesPathsAndFileUris(@TempDir Path directory) {
        assertThat(LocalPaths.resolve(directory.toString(), "warehouseUri")).isEqualTo(directory);
        assertThat(LocalPaths.resolve(directory.toUri().toString(), "warehouseUri"))
                .isEqualTo(directory);
        assertThat(LocalPaths.resolve("data/warehouse", "warehouseUri"))
                .isEqualTo(Path.of("data/warehouse").toAbsolutePath().normalize());
    }

    @Test
    void refusesClusterUrisForNow() {
        assertThatThrownBy(() -> LocalPaths.resolve("hdfs://cluster/observatory/warehouse", "warehouseUri"))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest warehouseUri 'hdfs://cluster/observatory/warehouse' is not usable: only"
                        + " local paths and file: URIs are supported so far; mount the storage locally or copy the"
                        + " data");
    }
}
