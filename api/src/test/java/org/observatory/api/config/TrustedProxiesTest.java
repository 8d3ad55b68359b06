package org.observatory.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.error.ObservatoryException;

class TrustedProxiesTest {
    @Test
    void trustsAddressesAndCidrRangesOfBothFamilies() throws Exception {
        TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.1", "10.0.0.0/8", "192.168.1.128/25", "fd00::/8"));

        assertThat(proxies.trusts(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("192.168.1.200"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("192.168.1.100"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("fe80::1"))).isFalse();
        assertThat(TrustedProxies.NONE.trusts(InetAddress.getByName("127.0.0.1")))
                .isFalse();
    }

    @Test
    void readsIpLiteralsOnlyAndNeverAsksDns() {
        assertThat(TrustedProxies.literal("203.0.113.7")).isPresent();
        assertThat(TrustedProxies.literal("[2001:db8::7]")).isPresent();
        assertThat(TrustedProxies.literal("256.0.0.1")).isEmpty();
        assertThat(TrustedProxies.literal("203.0.113.7:8080")).isEmpty();
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("unknown")).isEmpty();
    }

    @Test
    void refusesANameOrABadRangeSayingWhatToGive() {
        for (String bad : List.of("proxy.example.org", "10.0.0.0/33", "10.0.0.0/x")) {
            assertThatThrownBy(() -> new TrustedProxies(List.of(bad)))
                    .isInstanceOf(ObservatoryException.class)
                    .hasMessage("Trusted proxy '" + bad + "' is not an IP address or a CIDR range; give the address"
                            + " the reverse proxy connects from, e.g. --trusted-proxy 127.0.0.1, --trusted-proxy"
                            + " 10.0.0.0/8 or --trusted-proxy ::1 (names are not accepted)");
        }
    }
}
