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
    void matchesIfNoneMatchListsWeaklyAndStar() {
        assertThat(SnapshotResponses.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("\"b\", \"a\"", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("*", "\"a\"")).isTrue();
        assertThat(SnapshotResponses.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(SnapshotResponses.matches(null, "\"a\"")).isFalse();
    }
}
