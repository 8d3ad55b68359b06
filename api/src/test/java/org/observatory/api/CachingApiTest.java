package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Responses of a snapshot are immutable: strong ETags from the snapshot id and the canonical request, 304 for a
 * matching If-None-Match, Cache-Control, and the in-memory response cache (on by default, off by configuration).
 */
class CachingApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide";

    @TempDir
    Path root;

    private DataDirectory publish() {
        DataDirectory data = new DataDirectory(root);
        new SnapshotFixture(data).writeAndPublish("snap-a", false, Fixtures.realLooking());
        return data;
    }

    private static Response get(io.javalin.testtools.HttpClient client, String path, String ifNoneMatch) {
        Request.Builder request = new Request.Builder().url(client.getOrigin() + path);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return client.getOkHttp().newCall(request.build()).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givesAStrongEtagFromSnapshotAndCanonicalRequestAndAnswers304() {
        ApiTestSupport.withServer(ObservatoryApp.create(ApiConfig.of(publish(), CODELISTS)), client -> {
            Response first = get(client, SERIES, null);
            String etag = first.header("ETag");
            // OkHttp asks for gzip (and decompresses): the gzip body's ETag
            assertThat(etag).matches("\"snap-a-[0-9a-f]{16}-gzip\"");
            assertThat(first.header("Cache-Control")).isEqualTo("public, no-cache");
            String body = first.body().string();

            // the same request spelt differently (letter case, an explicit default) has the same tag
            Response spelt = get(client, "/api/v1/countries/arg/indicators/intentional-homicide?sex=_T", null);
            assertThat(spelt.header("ETag")).isEqualTo(etag);
            assertThat(spelt.body().string()).isEqualTo(body);

            Response notModified = get(client, SERIES, etag);
            assertThat(notModified.code()).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            assertThat(notModified.body().string()).isEmpty();
            assertThat(get(client, SERIES, "W/" + etag).code()).isEqualTo(304);
            assertThat(get(client, SERIES, "\"other\", " + etag).code()).isEqualTo(304);
            assertThat(get(client, SERIES, "\"snap-a-0000000000000000\"").code())
                    .isEqualTo(200);

            Response other = get(client, SERIES + "?format=csv", null);
            assertThat(other.header("ETag")).startsWith("\"snap-a-").isNotEqualTo(etag);
            Response pinned = get(client, SERIES + "?vintage=snap-a", null);
            assertThat(pinned.header("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
        });
    }

    @Test
    void servesARepeatedRequestFromTheCacheAndANewSnapshotFreshly() {
        DataDirectory data = publish();
        ApiConfig config = ApiConfig.of(data, CODELISTS).withSnapshotCheckInterval(Duration.ofMillis(50));
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            String first = get(client, SERIES, null).body().string();
            // The snapshot's files are gone: only the cache can still answer the same request.
            deleteParquet(data.snapshot("snap-a"));
            Response cached = get(client, SERIES, null);
            assertThat(cached.code()).isEqualTo(200);
            assertThat(cached.body().string()).isEqualTo(first);

            new SnapshotFixture(data).writeAndPublish("snap-b", true, Fixtures.synthetic());
            String snapshotId = "";
            for (int attempt = 0; attempt < 100 && !snapshotId.equals("snap-b"); attempt++) {
                Thread.sleep(20);
                snapshotId = json(get(client, SERIES, null)).get("snapshotId").asText();
            }
            Response fresh = get(client, SERIES, null);
            assertThat(fresh.header("ETag")).startsWith("\"snap-b-");
            assertThat(json(fresh).get("observations").get(0).get("year").asInt())
                    .isEqualTo(2021);
        });
    }

    @Test
    void readsTheSnapshotForEveryRequestWhenTheCacheIsOff() {
        DataDirectory data = publish();
        ApiConfig config = ApiConfig.of(data, CODELISTS).withResponseCacheBytes(0);
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response first = get(client, SERIES, null);
            assertThat(first.code()).isEqualTo(200);
            String etag = first.header("ETag");
            deleteParquet(data.snapshot("snap-a"));
            Response again = get(client, SERIES, null);
            // read again: the indicator partition has no file left, so the series is empty
            assertThat(again.code()).isEqualTo(200);
            assertThat(again.header("ETag")).isEqualTo(etag);
            assertThat(json(again).get("observations")).isEmpty();
            // the tag still answers 304 without reading anything
            assertThat(get(client, SERIES, etag).code()).isEqualTo(304);
        });
    }

    private static void deleteParquet(Path snapshot) throws IOException {
        try (Stream<Path> files = Files.walk(snapshot.resolve("indicators"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (file.getFileName().toString().endsWith(".parquet")) {
                    Files.delete(file);
                }
            }
        }
    }
}
