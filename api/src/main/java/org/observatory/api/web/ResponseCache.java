package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered response bodies of published snapshots, which never change: a bounded least-recently-used map keyed by
 * snapshot id and canonical request. An entry may also hold the body gzipped, made once for the first client that
 * accepts gzip ({@link #putGzipped}). The bound is on the bytes of the bodies held, both encodings counted; a
 * response larger than an eighth of the bound is not kept. When {@code CURRENT} moves, the entries of the earlier
 * snapshot are no longer asked for and leave as newer ones come in. A capacity of 0 switches the cache off.
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

    /**
     * One response, as sent: body, content type, ETag and the extra headers (e.g. Content-Disposition); {@code
     * gzipped} is the same body gzipped, once a client that accepts gzip asked for it.
     */
    public record CachedResponse(
            byte[] body, String contentType, String etag, Map<String, String> headers, Optional<byte[]> gzipped) {
        public CachedResponse {
            requireNonNull(body, "body is null");
            requireNonNull(contentType, "contentType is null");
            requireNonNull(etag, "etag is null");
            headers = Map.copyOf(requireNonNull(headers, "headers is null"));
            requireNonNull(gzipped, "gzipped is null");
        }

        public CachedResponse(byte[] body, String contentType, String etag, Map<String, String> headers) {
            this(body, contentType, etag, headers, Optional.empty());
        }

        /** The same response with its body gzipped. */
        public CachedResponse withGzipped(byte[] gzippedBody) {
            return new CachedResponse(body, contentType, etag, headers, Optional.of(gzippedBody));
        }

        long weight() {
            return body.length + gzipped.map(bytes -> (long) bytes.length).orElse(0L) + 256L;
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

    /**
     * Keeps the gzipped body beside the response held for that request, counted in the bound; nothing when that
     * response is no longer held (or another one is), or when both bodies together are too large to keep.
     */
    public synchronized void putGzipped(
            String snapshotId, String canonicalRequest, CachedResponse response, byte[] gzippedBody) {
        requireNonNull(gzippedBody, "gzippedBody is null");
        Key key = new Key(snapshotId, canonicalRequest);
        CachedResponse held = entries.get(key);
        if (held != response) {
            return;
        }
        put(snapshotId, canonicalRequest, response.withGzipped(gzippedBody));
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
