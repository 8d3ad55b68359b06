package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * What the API is built from (the write side in {@link SubmissionsConfig}, read-only by default): the data directory
 * whose {@code warehouse/} it serves, the codelists (member states, indicator catalogue) it validates requests
 * against, and how often it re-reads {@code warehouse/CURRENT}. The design requires a new {@code CURRENT} to be
 * noticed within a second, so the interval is at most one second. Responses of a snapshot never change, so they are
 * kept in a bounded in-memory cache ({@code responseCacheBytes}, 0 to switch it off, as the API benchmark does to
 * measure the uncached path).
 *
 * <p>Then what the server's edge needs: the clock that tells whether a dated vintage is over (tests set it), the
 * reverse proxies whose forwarding headers count ({@link TrustedProxies}, none by default), how failed
 * authentications are slowed ({@link AuthenticationThrottleSettings}) and the certificate and key to listen with TLS
 * ({@link TlsFiles}, plain HTTP without).
 */
public record ApiConfig(
        DataDirectory dataDirectory,
        Codelists codelists,
        Duration snapshotCheckInterval,
        long responseCacheBytes,
        SubmissionsConfig submissions,
        Clock clock,
        TrustedProxies trustedProxies,
        AuthenticationThrottleSettings authenticationThrottle,
        Optional<TlsFiles> tls) {
    /** Re-read {@code CURRENT} at most every 500 ms: a new snapshot is served within a second of publication. */
    public static final Duration DEFAULT_SNAPSHOT_CHECK_INTERVAL = Duration.ofMillis(500);
    /** The in-memory response cache holds at most 64 MiB of response bodies by default; 0 switches it off. */
    public static final long DEFAULT_RESPONSE_CACHE_BYTES = 64L << 20;

    private static final Duration MAXIMUM_SNAPSHOT_CHECK_INTERVAL = Duration.ofSeconds(1);

    public ApiConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(codelists, "codelists is null");
        requireNonNull(snapshotCheckInterval, "snapshotCheckInterval is null");
        requireNonNull(submissions, "submissions is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(trustedProxies, "trustedProxies is null");
        requireNonNull(authenticationThrottle, "authenticationThrottle is null");
        requireNonNull(tls, "tls is null");
        if (snapshotCheckInterval.isNegative()
                || snapshotCheckInterval.isZero()
                || snapshotCheckInterval.compareTo(MAXIMUM_SNAPSHOT_CHECK_INTERVAL) > 0) {
            throw new IllegalArgumentException(
                    "snapshotCheckInterval must be positive and at most 1 second (a new CURRENT must be served"
                            + " within a second), not " + snapshotCheckInterval);
        }
        if (responseCacheBytes < 0) {
            throw new IllegalArgumentException(
                    "responseCacheBytes must be 0 (no cache) or positive, not " + responseCacheBytes);
        }
    }

    /**
     * The given settings with the default response cache, no write side, the system clock, no trusted proxy, the
     * default throttle and plain HTTP.
     */
    public ApiConfig(DataDirectory dataDirectory, Codelists codelists, Duration snapshotCheckInterval) {
        this(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                DEFAULT_RESPONSE_CACHE_BYTES,
                SubmissionsConfig.NONE,
                Clock.systemUTC(),
                TrustedProxies.NONE,
                AuthenticationThrottleSettings.DEFAULT,
                Optional.empty());
    }

    /** The given data directory and codelists, checking {@code CURRENT} every 500 ms. */
    public static ApiConfig of(DataDirectory dataDirectory, Codelists codelists) {
        return new ApiConfig(dataDirectory, codelists, DEFAULT_SNAPSHOT_CHECK_INTERVAL);
    }

    /** The given data directory with the shipped codelists (the 35 OAS member states). */
    public static ApiConfig withShippedCodelists(DataDirectory dataDirectory) {
        return of(dataDirectory, Codelists.load());
    }

    public ApiConfig withSnapshotCheckInterval(Duration interval) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                interval,
                responseCacheBytes,
                submissions,
                clock,
                trustedProxies,
                authenticationThrottle,
                tls);
    }

    /** The same configuration with a response cache of at most that many bytes of bodies; 0 switches it off. */
    public ApiConfig withResponseCacheBytes(long bytes) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                bytes,
                submissions,
                clock,
                trustedProxies,
                authenticationThrottle,
                tls);
    }

    /** This configuration with the write side (ingest service, pipeline command, approval policy, upload limit). */
    public ApiConfig withSubmissions(SubmissionsConfig newSubmissions) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                responseCacheBytes,
                newSubmissions,
                clock,
                trustedProxies,
                authenticationThrottle,
                tls);
    }

    /** This configuration reading the time from the clock (whether a dated vintage is over, archive dates). */
    public ApiConfig withClock(Clock newClock) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                responseCacheBytes,
                submissions,
                newClock,
                trustedProxies,
                authenticationThrottle,
                tls);
    }

    /** This configuration believing the forwarding headers of these proxies only. */
    public ApiConfig withTrustedProxies(TrustedProxies proxies) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                responseCacheBytes,
                submissions,
                clock,
                proxies,
                authenticationThrottle,
                tls);
    }

    /** This configuration slowing failed authentications as the settings say. */
    public ApiConfig withAuthenticationThrottle(AuthenticationThrottleSettings settings) {
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                responseCacheBytes,
                submissions,
                clock,
                trustedProxies,
                settings,
                tls);
    }

    /** This configuration listening with TLS from the certificate and key files. */
    public ApiConfig withTls(TlsFiles files) {
        requireNonNull(files, "files is null");
        return new ApiConfig(
                dataDirectory,
                codelists,
                snapshotCheckInterval,
                responseCacheBytes,
                submissions,
                clock,
                trustedProxies,
                authenticationThrottle,
                Optional.of(files));
    }
}
