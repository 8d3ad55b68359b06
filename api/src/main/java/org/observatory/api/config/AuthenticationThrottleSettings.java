package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How failed authentications are slowed: after {@code failures} failed authentications from one client address
 * within {@code window}, that address's requests to the routes that take a token are answered 429 until the oldest
 * of them leaves the window. At most {@code addresses} addresses are remembered (the least recently seen are
 * forgotten first), so the memory it takes is bounded whatever the traffic.
 */
public record AuthenticationThrottleSettings(int failures, Duration window, int addresses) {
    /** 10 failures a minute per address, 10,000 addresses remembered. */
    public static final AuthenticationThrottleSettings DEFAULT =
            new AuthenticationThrottleSettings(10, Duration.ofMinutes(1), 10_000);

    public AuthenticationThrottleSettings {
        requireNonNull(window, "window is null");
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not " + window);
        }
        if (addresses < 1) {
            throw new IllegalArgumentException("addresses must be at least 1, not " + addresses);
        }
    }
}
