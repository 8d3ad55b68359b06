package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.observatory.api.web.ResponseCache.CachedResponse;

/**
 * Sends responses that depend only on a published snapshot and the request, which makes them immutable: each gets
 * a strong ETag made of the snapshot id and a hash of the canonical request (the validated values the response is
 * computed from, not the spelling of the URL), an {@code If-None-Match} that matches it gets 304 without a body,
 * and the rendered body is kept in the {@link ResponseCache}. How long clients may keep a response depends on how
 * the request named its snapshot ({@link Caching}).
 */
public final class SnapshotResponses {
    static final String CACHE_IMMUTABLE = "public, max-age=86400, immutable";
    static final String CACHE_AN_HOUR = "public, max-age=3600";
    static final String CACHE_REVALIDATE = "public, no-cache";

    /** How clients may cache a response, from how the request named the snapshot it reads. */
    public enum Caching {
        /**
         * The current snapshot, or a date or time not yet over (a later publication may still answer it): clients
         * revalidate every time ({@code public, no-cache}), because {@code CURRENT} moves.
         */
        REVALIDATE(CACHE_REVALIDATE),
        /**
         * A date or time that is over (UTC): it names the same snapshot from then on (unless retention removes that
         * snapshot), so clients keep the response an hour ({@code public, max-age=3600}); the response names the
         * snapshot by id in {@code Content-Location}, the address to cite or to keep for good.
         */
        PAST_DATE(CACHE_AN_HOUR),
        /** A snapshot id: what it names never changes ({@code public, max-age=86400, immutable}). */
        SNAPSHOT_ID(CACHE_IMMUTABLE);

        private final String cacheControl;

        Caching(String cacheControl) {
            this.cacheControl = cacheControl;
        }

        public String cacheControl() {
            return cacheControl;
        }
    }

    private final ResponseCache cache;

    public SnapshotResponses(ResponseCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    /** What a route renders on a cache miss. */
    public record Rendered(byte[] body, String contentType, Map<String, String> headers) {
        public Rendered {
            requireNonNull(body, "body is null");
            requireNonNull(contentType, "contentType is null");
            headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        }

        static Rendered json(Object view) {
            return new Rendered(JsonViews.bytes(view), "application/json", Map.of());
        }
    }

    /**
     * Answers from the cache, with 304, or by rendering.
     *
     * @param snapshotId the snapshot the response is computed from ({@code current} for routes that need none)
     * @param caching how clients may keep the response (from how the request named its snapshot)
     * @param canonicalRequest the route and its validated parameters, e.g. {@code series|ARG|robbery|from=2010|...}
     */
    public void send(
            Context ctx, String snapshotId, Caching caching, String canonicalRequest, Supplier<Rendered> render) {
        requireNonNull(caching, "caching is null");
        String etag = etag(snapshotId, canonicalRequest);
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", caching.cacheControl());
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        Optional<CachedResponse> cached = cache.get(snapshotId, canonicalRequest);
        CachedResponse response = cached.orElseGet(() -> {
            Rendered rendered = render.get();
            CachedResponse fresh =
                    new CachedResponse(rendered.body(), rendered.contentType(), etag, rendered.headers());
            cache.put(snapshotId, canonicalRequest, fresh);
            return fresh;
        });
        response.headers().forEach(ctx::header);
        ctx.contentType(response.contentType());
        ctx.result(response.body());
    }

    /** The snapshot id a response depends on, or {@code _none} before the first publication. */
    static String idOrNone(Optional<org.observatory.api.query.Snapshot> snapshot) {
        return snapshot.map(org.observatory.api.query.Snapshot::id).orElse("_none");
    }

    /** A strong ETag: the snapshot id (letters, digits, '.', '_', '-') and 16 hex digits of the request's hash. */
    static String etag(String snapshotId, String canonicalRequest) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((snapshotId + "\n" + canonicalRequest).getBytes(StandardCharsets.UTF_8));
            return "\"" + snapshotId + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** RFC 9110: {@code If-None-Match} is {@code *} or a list of entity tags, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
