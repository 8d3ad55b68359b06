package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.config.AuthenticationThrottleSettings;
import org.observatory.api.config.TrustedProxies;

/**
 * Slows down the guessing of tokens: {@link ProblemMapping} tells it of every failed authentication (a 401 for a
 * request that sent a token), and once a client address has failed {@code failures} times within the sliding
 * {@code window}, every request from it that sends a token is answered 429 with {@code Retry-After} before
 * authentication runs, until the oldest of those failures leaves the window. A success does not clear the count, so
 * a guesser that also holds a token gains nothing. IPv6 clients are counted per /64 network (one host usually has a
 * whole /64). The client address is the connection's, or the one a trusted proxy forwarded ({@link
 * ForwardedHeaders}). At most {@code addresses} addresses are remembered, the least recently seen forgotten first.
 *
 * <p>A request that sends a token holds a place among its address's failures while it runs ({@link #reserve}, given
 * back by {@link #release} after the request): a burst of parallel guesses gets no more answers than the limit, since
 * each is counted before authentication runs, not after its 401.
 */
public final class AuthenticationThrottle {
    private final AuthenticationThrottleSettings settings;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> failures;
    /** Requests that sent a token and still run, by address key (at most one entry per request running). */
    private final Map<String, Integer> running = new HashMap<>();

    private static final String RESERVED = AuthenticationThrottle.class.getName() + ".reserved";

    public AuthenticationThrottle(AuthenticationThrottleSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        int capacity = settings.addresses();
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A before-handler: refuses a request that sends a token from an address that failed too often (its requests
     * still running counted as failures), and otherwise holds a place for it until {@link #release}.
     */
    public void refuseWhileThrottled(Context ctx) {
        if (ctx.header("Authorization") == null) {
            return;
        }
        String address = ctx.ip();
        Optional<Duration> wait = reserve(address);
        if (wait.isPresent()) {
            throw new TooManyFailedAuthenticationsException(settings, wait.get());
        }
        ctx.attribute(RESERVED, address);
    }

    /** An after-handler: gives back the place {@link #refuseWhileThrottled} held for the request, if it held one. */
    public void release(Context ctx) {
        String address = ctx.attribute(RESERVED);
        if (address != null) {
            ctx.attribute(RESERVED, null);
            release(address);
        }
    }

    /**
     * Holds a place for a request of the address that sends a token, unless its failures and its requests still
     * running reach the limit: then answers how long to wait (until the oldest failure leaves the window, or a second
     * while only requests still running fill it).
     */
    public synchronized Optional<Duration> reserve(String address) {
        String key = key(address);
        Optional<Duration> wait = retryAfter(address);
        if (wait.isPresent()) {
            return wait;
        }
        ArrayDeque<Instant> times = failures.get(key);
        int failed = times == null ? 0 : times.size();
        if (failed + running.getOrDefault(key, 0) >= settings.failures()) {
            return Optional.of(Duration.ofSeconds(1));
        }
        running.merge(key, 1, Integer::sum);
        return Optional.empty();
    }

    /** Gives back a place {@link #reserve} held for a request of the address. */
    public synchronized void release(String address) {
        running.computeIfPresent(key(address), (key, count) -> count > 1 ? count - 1 : null);
    }

    /** How long the address must wait before it may send a token again; empty when it may now. */
    public synchronized Optional<Duration> retryAfter(String address) {
        ArrayDeque<Instant> times = failures.get(key(address));
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetOld(times, now);
        if (times.size() < settings.failures()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(settings.window())));
    }

    /** Counts one failed authentication from the address. */
    public synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        ArrayDeque<Instant> times = failures.computeIfAbsent(key(address), ignored -> new ArrayDeque<>());
        forgetOld(times, now);
        times.addLast(now);
        while (times.size() > settings.failures()) {
            times.removeFirst();
        }
    }

    /** How many addresses are remembered (bounded by the settings). */
    public synchronized int rememberedAddresses() {
        return failures.size();
    }

    private void forgetOld(ArrayDeque<Instant> times, Instant now) {
        Instant oldest = now.minus(settings.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }

    /** The address itself, or for IPv6 its /64 network. */
    static String key(String address) {
        Optional<InetAddress> parsed = TrustedProxies.literal(address);
        if (parsed.isEmpty() || parsed.get().getAddress().length != 16) {
            return String.valueOf(address);
        }
        byte[] bytes = Arrays.copyOf(parsed.get().getAddress(), 16);
        Arrays.fill(bytes, 8, 16, (byte) 0);
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
                    .append(':');
        }
        return network.append(":/64").toString();
    }
}
