package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatory.api.web.ResponseCache.CachedResponse;

class ResponseCacheTest {
    private static CachedResponse body(int bytes) {
        return new CachedResponse(new byte[bytes], "application/json", "\"t\"", Map.of());
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        ResponseCache cache = new ResponseCache(8 * 1_256);
        for (int index = 0; index < 8; index++) {
            cache.put("s1", "r" + index, body(1_000));
        }
        assertThat(cache.size()).isEqualTo(8);
        assertThat(cache.get("s1", "r0")).isPresent(); // r0 is now the most recently used
        cache.put("s2", "r0", body(1_000));
        assertThat(cache.size()).isEqualTo(8);
        assertThat(cache.heldBytes()).isLessThanOrEqualTo(8 * 1_256);
        assertThat(cache.get("s1", "r1")).isEmpty();
        assertThat(cache.get("s1", "r0")).isPresent();
        assertThat(cache.get("s2", "r0")).isPresent();
    }

    @Test
    void keysBySnapshot() {
        ResponseCache cache = new ResponseCache(1 << 20);
        cache.put("s1", "series|ARG", body(10));
        assertThat(cache.get("s2", "series|ARG")).isEmpty();
        assertThat(cache.get("s1", "series|ARG")).isPresent();
    }

    @Test
    void keepsNothingWhenOffOrWhenABodyIsTooLarge() {
        ResponseCache off = new ResponseCache(0);
        off.put("s1", "r", body(10));
        assertThat(off.enabled()).isFalse();
        assertThat(off.get("s1", "r")).isEmpty();
        ResponseCache small = new ResponseCache(8_000);
        small.put("s1", "big", body(1_200));
        assertThat(small.size()).isZero();
        assertThatThrownBy(() -> new ResponseCache(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacityBytes must be 0 (off) or positive, not -1");
    }

    @Test
    void keepsTheGzippedBodyBesideTheBodyCountedInTheBound() {
        ResponseCache cache = new ResponseCache(1 << 20);
        CachedResponse response = body(1_000);
        cache.put("s1", "page", response);
        assertThat(cache.heldBytes()).isEqualTo(1_256);
        cache.putGzipped("s1", "page", response, new byte[100]);
        assertThat(cache.heldBytes()).isEqualTo(1_356);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("s1", "page").orElseThrow().gzipped())
                .hasValueSatisfying(gzipped -> assertThat(gzipped).hasSize(100));
        // a response no longer held (or replaced) gets nothing
        cache.putGzipped("s1", "other", response, new byte[100]);
        assertThat(cache.get("s1", "other")).isEmpty();
        cache.putGzipped("s1", "page", body(1_000), new byte[50]);
        assertThat(cache.heldBytes()).isEqualTo(1_356);
        // the two bodies together past an eighth of the bound: the identity body stays alone
        ResponseCache small = new ResponseCache(8 * 1_300);
        CachedResponse page = body(1_000);
        small.put("s1", "page", page);
        small.putGzipped("s1", "page", page, new byte[100]);
        assertThat(small.get("s1", "page").orElseThrow().gzipped()).isEmpty();
        assertThat(small.heldBytes()).isEqualTo(1_256);
    }

    @Test
    void gzipsBodiesThatDecompressToThemselves() throws Exception {
        byte[] body = "<p>ARG</p>".repeat(1_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] gzipped = SnapshotResponses.gzip(body);
        assertThat(gzipped.length).isLessThan(body.length / 20);
        try (java.util.zip.GZIPInputStream in =
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        assertThat(SnapshotResponses.gzipEtag("\"s1-0123456789abcdef\"")).isEqualTo("\"s1-0123456789abcdef-gzip\"");
    }

    @Test
    void acceptsGzipWhenNamedOrStarredWithAWeightAboveZero() {
        assertThat(SnapshotResponses.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(SnapshotResponses.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(SnapshotResponses.acceptsGzip("x-gzip")).isTrue();
        assertThat(SnapshotResponses.acceptsGzip("*")).isTrue();
        assertThat(SnapshotResponses.acceptsGzip(null)).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("")).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("identity")).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("gzip;q=0.000, *")).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("*;q=0")).isFalse();
        assertThat(SnapshotResponses.acceptsGzip("gzip;q=x")).isFalse();
    }

    @Test
    void matchesIfNoneMatchListsWeaklyAndStar() {
        assertThat(SnapshotResponses.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("\"b\", \"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("*", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(SnapshotResponses.matches(null, "\"a\"")).isFalse();
    }
}
