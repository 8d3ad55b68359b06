package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers the server believes
 * ({@code serve --trusted-proxy ADDR}): IP addresses ({@code 10.0.0.5}, {@code ::1}) or CIDR ranges ({@code
 * 10.0.0.0/8}). From any other address these headers are ignored, so a client cannot choose the address it is
 * throttled under, nor make a plain-HTTP request look secure. Names are refused: a proxy is named by its address,
 * and nothing here ever asks DNS.
 */
public record TrustedProxies(List<String> addresses) {
    /** No proxy is trusted: every request's client is the address of its connection. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public TrustedProxies {
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
        for (String address : addresses) {
            range(address);
        }
    }

    /** Whether a request whose connection comes from this address is from a trusted proxy. */
    public boolean trusts(InetAddress address) {
        requireNonNull(address, "address is null");
        byte[] candidate = address.getAddress();
        for (String text : addresses) {
            if (range(text).contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /**
     * The address an IP literal names ({@code 192.0.2.7}, {@code 2001:db8::7}, {@code [2001:db8::7]}), or empty for
     * anything else (a name, a port, garbage). Never asks DNS.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (IPV4.matcher(literal).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(byAddress(bytes));
        }
        if (IPV6.matcher(literal).matches()) {
            try {
                // A text with ':' is read as an IPv6 literal or refused; it never goes to DNS.
                return Optional.of(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    private static Range range(String text) {
        requireNonNull(text, "a trusted proxy address is null");
        int slash = text.indexOf('/');
        Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            throw invalid(text);
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw invalid(text);
            }
        }
        return new Range(bytes, bits);
    }

    private static ObservatoryException invalid(String text) {
        return new ObservatoryException(
                ErrorCode.CONFIGURATION_INVALID, Message.of(ConfigMessage.TRUSTED_PROXY_INVALID, "address", text));
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
