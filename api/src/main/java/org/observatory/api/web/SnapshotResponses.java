package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.observatory.api.web.ResponseCache.CachedResponse;

/**
 * Sends responses that depend only on a published snapshot and the request, which makes them immutable: each gets
 * a strong ETag made of the snapshot id and a hash of the canonical request (the validated values the response is
 * computed from, not the spelling of the URL), an {@code If-None-Match} that matches it gets 304 without a body,
 * and the rendered body is kept in the {@link ResponseCache}. How long clients may keep a response depends on how
 * the request named its snapshot ({@link Caching}).
 *
 * <p>A client that accepts gzip gets the body gzipped, with {@code Content-Encoding: gzip} and its own ETag (the
 * identity one with {@code -gzip} before the closing quote), whatever the body's size, so that the ETag depends on
 * the request only; the gzip body is made once and kept beside the identity body in the cache, instead of Javalin
 * compressing it again on every request (Javalin's compression is off for these responses). Every response says
 * {@code Vary: Accept-Encoding}; and, as every API answer, {@code Vary: Accept-Language} with its language in
 * {@code Content-Language}: the request's language ({@link ApiLanguage}) is part of the cache key and of the ETag,
 * so an answer in one language never validates or serves a request in another. An {@code If-None-Match} naming either encoding's ETag gets 304 with that ETag: the
 * client (or a shared cache) holds the same content in that encoding.
 */
public final class SnapshotResponses {
    static final String CACHE_IMMUTABLE = "public, max-age=86400, immutable";
    static final String CACHE_AN_HOUR = "public, max-age=3600";
    static final String CACHE_REVALIDATE = "public, no-cache";
    static final String GZIP = "gzip";

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
     * @param canonicalRequest the route and its validated parameters, e.g. {@code series|ARG|robbery|from=2010|...};
     *     the request's language is added to it here
     */
    public void send(
            Context ctx, String snapshotId, Caching caching, String canonicalRequest, Supplier<Rendered> render) {
        requireNonNull(caching, "caching is null");
        // an API answer's language is part of the key and the ETag: a French answer is never an English one's (a
        // page names its language in its canonical request itself)
        boolean api = ApiLanguage.isApi(ctx.path());
        String keyed =
                api ? canonicalRequest + "|lang=" + ApiLanguage.locale(ctx).toLanguageTag() : canonicalRequest;
        String etag = etag(snapshotId, keyed);
        boolean acceptsGzip = acceptsGzip(ctx.header("Accept-Encoding"));
        // the encodings are made here, once; Javalin must not compress these bodies (again) on every request
        ctx.disableCompression();
        ctx.header("Cache-Control", caching.cacheControl());
        ApiLanguage.vary(ctx, "Accept-Encoding");
        if (api) {
            ApiLanguage.declareOn(ctx);
        }
        String ifNoneMatch = ctx.header("If-None-Match");
        // the ETag of the encoding this client gets first (for '*'), then the other one's
        for (String tag : acceptsGzip ? List.of(gzipEtag(etag), etag) : List.of(etag, gzipEtag(etag))) {
            if (matches(ifNoneMatch, tag)) {
                ctx.header("ETag", tag);
                ctx.status(HttpStatus.NOT_MODIFIED);
                return;
            }
        }
        Optional<CachedResponse> cached = cache.get(snapshotId, keyed);
        CachedResponse response = cached.orElseGet(() -> {
            Rendered rendered = render.get();
            CachedResponse fresh =
                    new CachedResponse(rendered.body(), rendered.contentType(), etag, rendered.headers());
            cache.put(snapshotId, keyed, fresh);
            return fresh;
        });
        response.headers().forEach(ctx::header);
        ctx.contentType(response.contentType());
        if (acceptsGzip) {
            byte[] gzipped = response.gzipped().orElseGet(() -> {
                byte[] fresh = gzip(response.body());
                cache.putGzipped(snapshotId, keyed, response, fresh);
                return fresh;
            });
            ctx.header("ETag", gzipEtag(etag));
            ctx.header("Content-Encoding", GZIP);
            result(ctx, gzipped);
        } else {
            ctx.header("ETag", etag);
            result(ctx, response.body());
        }
    }

    /** The body with its length (a large one would otherwise go chunked, its length unknown to a HEAD). */
    private static void result(Context ctx, byte[] body) {
        ctx.res().setContentLength(body.length);
        ctx.result(body);
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip (RFC 9110, 12.5.3): {@code gzip} or {@code x-gzip}
     * with a weight above 0, or {@code *} with a weight above 0 when gzip is not named.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Optional<Boolean> named = Optional.empty();
        boolean star = false;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean accepted = weight(parts) > 0;
            if (coding.equals(GZIP) || coding.equals("x-gzip")) {
                named = Optional.of(named.orElse(false) || accepted);
            } else if (coding.equals("*")) {
                star = accepted;
            }
        }
        return named.orElse(star);
    }

    /** The {@code q} parameter of an Accept-Encoding element, 1 when absent, 0 when unreadable. */
    private static double weight(String[] parts) {
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The body gzipped, at the best compression: it is made once per cached response. */
    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 8 + 64);
        try (GZIPOutputStream out = new BestGzip(bytes)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e);
        }
        return bytes.toByteArray();
    }

    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    /** The ETag of the gzip body: the identity ETag with {@code -gzip} before its closing quote. */
    static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-" + GZIP + "\"";
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
