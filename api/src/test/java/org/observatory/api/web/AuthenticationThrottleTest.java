package org.observatory.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.observatory.api.MutableClock;
import org.observatory.api.config.AuthenticationThrottleSettings;

class AuthenticationThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T12:00:00Z"));

    @Test
    void refusesAfterTheFailuresOfTheSlidingWindowUntilTheOldestLeavesIt() {
        AuthenticationThrottle throttle =
                new AuthenticationThrottle(new AuthenticationThrottleSettings(2, Duration.ofSeconds(60), 10), clock);
        throttle.recordFailure("192.0.2.1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("192.0.2.1")).isEmpty();
        throttle.recordFailure("192.0.2.1");
        assertThat(throttle.retryAfter("192.0.2.1")).contains(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("192.0.2.2")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        // the first failure has left the window; the second is still in it
        assertThat(throttle.retryAfter("192.0.2.1")).isEmpty();
        throttle.recordFailure("192.0.2.1");
        assertThat(throttle.retryAfter("192.0.2.1")).contains(Duration.ofSeconds(30));
    }

    @Test
    void parallelRequestsWithTokensHoldPlacesSoThatABurstGetsNoMoreThanTheLimit() {
        AuthenticationThrottle throttle =
                new AuthenticationThrottle(new AuthenticationThrottleSettings(3, Duration.ofSeconds(60), 10), clock);
        throttle.recordFailure("192.0.2.1");
        // two more requests with tokens are running: together with the failure they fill the limit
        assertThat(throttle.reserve("192.0.2.1")).isEmpty();
        assertThat(throttle.reserve("192.0.2.1")).isEmpty();
        assertThat(throttle.reserve("192.0.2.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.reserve("192.0.2.2")).isEmpty();
        // one of them succeeds and gives its place back; the other fails
        throttle.release("192.0.2.1");
        throttle.recordFailure("192.0.2.1");
        throttle.release("192.0.2.1");
        assertThat(throttle.reserve("192.0.2.1")).isEmpty();
        throttle.recordFailure("192.0.2.1");
        throttle.release("192.0.2.1");
        assertThat(throttle.reserve("192.0.2.1")).contains(Duration.ofSeconds(60));
    }

    @Test
    void requestsThatSucceedGiveTheirPlacesBack() {
        AuthenticationThrottle throttle =
                new AuthenticationThrottle(new AuthenticationThrottleSettings(2, Duration.ofSeconds(60), 10), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.reserve("192.0.2.1")).as("request %d", i).isEmpty();
            throttle.release("192.0.2.1");
        }
    }

    @Test
    void remembersABoundedNumberOfAddresses() {
        AuthenticationThrottle throttle =
                new AuthenticationThrottle(new AuthenticationThrottleSettings(1, Duration.ofMinutes(1), 100), clock);
        for (int i = 0; i < 10_000; i++) {
            throttle.recordFailure("10.0.%d.%d".formatted(i / 256, i % 256));
        }
        assertThat(throttle.rememberedAddresses()).isEqualTo(100);
        // the most recent are kept, the oldest forgotten
        assertThat(throttle.retryAfter("10.0.39.15")).isPresent();
        assertThat(throttle.retryAfter("10.0.0.0")).isEmpty();
    }

    @Test
    void countsAnIpv6ClientPerSlash64Network() {
        AuthenticationThrottle throttle =
                new AuthenticationThrottle(new AuthenticationThrottleSettings(2, Duration.ofMinutes(1), 10), clock);
        throttle.recordFailure("2001:db8:1:2::1");
        throttle.recordFailure("2001:db8:1:2:ffff::9");
        assertThat(throttle.retryAfter("2001:db8:1:2:abcd::7")).isPresent();
        assertThat(throttle.retryAfter("2001:db8:1:3::1")).isEqualTo(Optional.empty());
        assertThat(AuthenticationThrottle.key("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AuthenticationThrottle.key("192.0.2.1")).isEqualTo("192.0.2.1");
    }
}
