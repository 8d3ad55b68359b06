package org.observatory.sampledata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Random streams derived from one fixed seed and a key (for instance {@code level/JAM/HOMICIDE}), so that each
 * synthetic value depends only on the seed and its own key: adding a country or a cycle to the inputs does not
 * change the values of the others. The key is hashed with 64-bit FNV-1a over its UTF-8 bytes, which is the same
 * on every machine.
 */
final class KeyedRandom {
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long seed;

    KeyedRandom(long seed) {
        this.seed = seed;
    }

    SplittableRandom forKey(Object... keyParts) {
        String key = Arrays.stream(keyParts).map(String::valueOf).collect(Collectors.joining("/"));
        long hash = FNV_OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return new SplittableRandom(seed ^ hash);
    }
}
