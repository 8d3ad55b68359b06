package org.observatory.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

class ApiConfigTest {
    private static final Codelists CODELISTS = Codelists.load();

    @Test
    void checksCurrentEvery500MillisecondsByDefault() {
        ApiConfig config = ApiConfig.of(new DataDirectory(Path.of("data")), CODELISTS);
        assertThat(config.snapshotCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.dataDirectory().root().isAbsolute()).isTrue();
        assertThat(config.dataDirectory().root().getFileName()).isEqualTo(Path.of("data"));
    }

    @Test
    void rejectsACheckIntervalLongerThanASecond() {
        ApiConfig config = ApiConfig.of(new DataDirectory(Path.of("data")), CODELISTS);
        assertThatThrownBy(() -> config.withSnapshotCheckInterval(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("snapshotCheckInterval must be positive and at most 1 second (a new CURRENT must be"
                        + " served within a second), not PT2S");
    }

    @Test
    void cachesResponsesIn64MebibytesByDefaultAndCanSwitchTheCacheOff() {
        ApiConfig config = ApiConfig.of(new DataDirectory(Path.of("data")), CODELISTS);
        assertThat(config.responseCacheBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.withResponseCacheBytes(0).responseCacheBytes()).isZero();
        assertThat(config.withResponseCacheBytes(0)
                        .withSnapshotCheckInterval(Duration.ofMillis(100))
                        .responseCacheBytes())
                .isZero();
        assertThatThrownBy(() -> config.withResponseCacheBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("responseCacheBytes must be 0 (no cache) or positive, not -1");
    }

    @Test
    void rejectsAMissingDataDirectory() {
        assertThatThrownBy(() -> ApiConfig.of(null, CODELISTS))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dataDirectory is null");
    }
}
