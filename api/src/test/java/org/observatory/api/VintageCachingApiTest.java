package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.json;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * How long an answer for a {@code vintage} may be kept: a snapshot id for good ({@code immutable}); a date or time
 * that is over (UTC) an hour, naming its snapshot in {@code Content-Location}; a date or time not yet over like the
 * current snapshot, since a publication later that day changes its answer. The clock is the test's.
 */
class VintageCachingApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";
    private static final String FIRST = "20261101T100000Z-aaaa";
    private static final String SECOND = "20261115T090000Z-bbbb";

    @TempDir
    Path root;

    @Test
    void aDatedVintageOfTodayIsNotCachedAsImmutable() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.write(FIRST, false, Fixtures.realLooking());
        fixture.publish(FIRST, Instant.parse("2026-11-01T10:05:00Z"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-15T08:00:00Z"));
        ApiConfig config = ApiConfig.of(data, CODELISTS)
                .withSnapshotCheckInterval(Duration.ofMillis(50))
                .withClock(clock);
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response morning = client.get(SERIES + "?vintage=2026-11-15");
            assertThat(json(morning).get("snapshotId").asText()).isEqualTo(FIRST);
            assertThat(morning.header("Cache-Control")).isEqualTo("public, no-cache");
            assertThat(morning.header("Content-Location")).isNull();

            // the same day, a run publishes: the same vintage now answers the new snapshot
            fixture.write(SECOND, true, Fixtures.synthetic());
            fixture.publish(SECOND, Instant.parse("2026-11-15T09:01:00Z"));
            clock.set(Instant.parse("2026-11-15T12:00:00Z"));
            String snapshotId = "";
            for (int attempt = 0; attempt < 100 && !snapshotId.equals(SECOND); attempt++) {
                Thread.sleep(20);
                snapshotId = json(client.get(SERIES)).get("snapshotId").asText();
            }
            Response noon = client.get(SERIES + "?vintage=2026-11-15");
            assertThat(json(noon).get("snapshotId").asText()).isEqualTo(SECOND);
            assertThat(noon.header("Cache-Control")).isEqualTo("public, no-cache");
            assertThat(noon.header("ETag")).isNotEqualTo(morning.header("ETag"));

            // a date in the future, and a time still to come, are like the current snapshot too
            assertThat(client.get(SERIES + "?vintage=2026-12-31").header("Cache-Control"))
                    .isEqualTo("public, no-cache");
            assertThat(client.get(SERIES + "?vintage=2026-11-15T13:00:00Z").header("Cache-Control"))
                    .isEqualTo("public, no-cache");
        });
    }

    @Test
    void aVintageDateThatIsOverNamesItsSnapshotInContentLocationForAnHour() {
        DataDirectory data = new DataDirectory(root);
        SnapshotFixture fixture = new SnapshotFixture(data);
        fixture.write(FIRST, false, Fixtures.realLooking());
        fixture.publish(FIRST, Instant.parse("2026-11-01T10:05:00Z"));
        fixture.write(SECOND, true, Fixtures.synthetic());
        fixture.publish(SECOND, Instant.parse("2026-11-15T09:01:00Z"));
        ApiConfig config =
                ApiConfig.of(data, CODELISTS).withClock(new MutableClock(Instant.parse("2026-11-16T00:00:00Z")));
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response dayBefore = client.get(SERIES + "?from=2010&vintage=2026-11-14&sex=_T");
            assertThat(dayBefore.code()).isEqualTo(200);
            assertThat(json(dayBefore).get("snapshotId").asText()).isEqualTo(FIRST);
            assertThat(dayBefore.header("Cache-Control")).isEqualTo("public, max-age=3600");
            assertThat(dayBefore.header("Content-Location"))
                    .isEqualTo(SERIES + "?from=2010&vintage=" + FIRST + "&sex=_T");

            // yesterday (UTC) is over at midnight
            Response yesterday = client.get(SERIES + "?vintage=2026-11-15");
            assertThat(json(yesterday).get("snapshotId").asText()).isEqualTo(SECOND);
            assertThat(yesterday.header("Cache-Control")).isEqualTo("public, max-age=3600");
            assertThat(yesterday.header("Content-Location")).isEqualTo(SERIES + "?vintage=" + SECOND);

            Response time = client.get("/api/v1/countries/ARG/indicators?vintage=2026-11-15T09:00:00Z");
            assertThat(json(time).get("snapshotId").asText()).isEqualTo(FIRST);
            assertThat(time.header("Cache-Control")).isEqualTo("public, max-age=3600");
            assertThat(time.header("Content-Location")).isEqualTo("/api/v1/countries/ARG/indicators?vintage=" + FIRST);

            // the same answer by id: immutable, and the same tag
            Response byId = client.get(SERIES + "?from=2010&vintage=" + FIRST);
            assertThat(byId.header("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
            assertThat(byId.header("Content-Location")).isNull();
            assertThat(byId.header("ETag")).isEqualTo(dayBefore.header("ETag"));
            assertThat(client.get(SERIES).header("Cache-Control")).isEqualTo("public, no-cache");
        });
    }
}
