package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered response bodies of published snapshots, which never change: a bounded least-recently-used map keyed by
 * snapshot id and canonical request. The bound is on the bytes of the bodies held; a body larger than an eighth of
 * the bound is not kept. When {@code CURRENT} moves, the entries of the earlier snapshot are no longer asked for
 * and leave as newer ones come in. A capacity of 0 switches the cache off.
 */
public final class ResponseCache {
    private final long capacityBytes;
    private final LinkedHashMap<Key, CachedResponse> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long heldBytes;

    public ResponseCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be 0 (off) or positive, not " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    public boolean enabled() {
        return capacityBytes > 0;
    }

    /** One response, as sent: body, content type, ETag and the extra headers (e.g. Content-Disposition). */
    public record CachedResponse(byte[] body, String contentType, String etag, Map<String, String> headers) {
        public CachedResponse {
            requireNonNull(body, "body is null");
            requireNonNull(contentType, "contentType is null");
            requireNonNull(etag, "etag is null");
            headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        }

        long weight() {
            return body.length + 256L;
        }
    }

    private record Key(String snapshotId, String canonicalRequest) {}

    public synchronized Optional<CachedResponse> get(String snapshotId, String canonicalRequest) {
        if (!enabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(new Key(snapshotId, canonicalRequest)));
    }

    public synchronized void put(String snapshotId, String canonicalRequest, CachedResponse response) {
        if (!enabled() || response.weight() > capacityBytes / 8) {
            return;
        }
        CachedResponse previous = entries.put(new Key(snapshotId, canonicalRequest), response);
        heldBytes += response.weight() - (previous == null ? 0 : previous.weight());
        Iterator<CachedResponse> eldest = entries.values().iterator();
        while (heldBytes > capacityBytes && eldest.hasNext()) {
            heldBytes -= eldest.next().weight();
            eldest.remove();
        }
    }

    /** How many responses are held (for tests and the benchmark). */
    public synchronized int size() {
        return entries.size();
    }

    /** The bytes of bodies held, with a small allowance per entry. */
    public synchronized long heldBytes() {
        return heldBytes;
    }
}
