package org.observatory.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private static final Instant NOW = Instant.parse("2026-06-15T18:30:00Z");

    @Test
    void aDayMeansTheTokenStopsWorkingWhenThatDayBeginsInUtc() {
        Expiry expiry = Expiry.parse(" 2026-06-16 ", NOW);

        assertThat(expiry).isEqualTo(Expiry.at(Instant.parse("2026-06-16T00:00:00Z")));
        assertThat(expiry.isOver(Instant.parse("2026-06-15T23:59:59Z"))).isFalse();
        assertThat(expiry.isOver(Instant.parse("2026-06-16T00:00:00Z"))).isTrue();
        assertThat(expiry.describe()).isEqualTo("expires 2026-06-16T00:00:00Z");
    }

    @Test
    void neverIsNoExpiry() {
        assertThat(Expiry.parse("Never", NOW)).isEqualTo(Expiry.NEVER);
        assertThat(Expiry.NEVER.isOver(Instant.MAX)).isFalse();
        assertThat(Expiry.NEVER.describe()).isEqualTo("no expiry");
    }

    @Test
    void refusesTodayAPastDayAndWhatIsNotADaySayingTheFormat() {
        assertThatThrownBy(() -> Expiry.parse("2026-06-15", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026-06-15 is not after today (2026-06-15, UTC): a token expiring then would not work;"
                        + " give the day the token stops working as YYYY-MM-DD (UTC), e.g. 2027-01-01, or never");
        assertThatThrownBy(() -> Expiry.parse("15/07/2026", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'15/07/2026' is not a day; give the day the token stops working as YYYY-MM-DD (UTC),"
                        + " e.g. 2027-01-01, or never");
        assertThatThrownBy(() -> Expiry.parse("x".repeat(100), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'%s...' is not a day".formatted("x".repeat(40)));
    }
}
