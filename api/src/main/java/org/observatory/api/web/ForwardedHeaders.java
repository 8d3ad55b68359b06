package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.observatory.api.config.TrustedProxies;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only on a connection from a trusted proxy ({@code
 * serve --trusted-proxy ADDR}); from anywhere else they change nothing. On a trusted connection the client is the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the address
 * it was connected from, so entries to the left of it were written by the client and prove nothing), and {@code
 * X-Forwarded-Proto: https} makes the request secure, so the links the server writes say https. Everything that
 * reads the client's address (the {@link AuthenticationThrottle}) or the scheme reads the result, through the
 * servlet request, and never the headers.
 */
public final class ForwardedHeaders implements HttpConfiguration.Customizer {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final TrustedProxies proxies;

    public ForwardedHeaders(TrustedProxies proxies) {
        this.proxies = requireNonNull(proxies, "proxies is null");
    }

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        if (proxies.isEmpty()) {
            return;
        }
        InetSocketAddress remote = request.getRemoteInetSocketAddress();
        if (remote == null || remote.getAddress() == null || !proxies.trusts(remote.getAddress())) {
            return;
        }
        client(remote.getAddress(), values(request, FORWARDED_FOR))
                .ifPresent(client -> request.setRemoteAddr(new InetSocketAddress(client, 0)));
        List<String> protocols = values(request, FORWARDED_PROTO);
        if (!protocols.isEmpty()) {
            String protocol = protocols.get(protocols.size() - 1).toLowerCase(Locale.ROOT);
            if (protocol.equals("https") || protocol.equals("http")) {
                request.setHttpURI(HttpURI.build(request.getHttpURI()).scheme(protocol));
                request.setSecure(protocol.equals("https"));
            }
        }
    }

    /**
     * The client a chain of proxies names: walking {@code X-Forwarded-For} from the right, the first address that is
     * not a trusted proxy; the left-most when all are; empty when there is no usable entry (the connection's address
     * then stays). An entry that is not an IP address ends the walk at the last trusted proxy seen.
     */
    Optional<InetAddress> client(InetAddress connection, List<String> forwardedFor) {
        InetAddress last = connection;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            Optional<InetAddress> entry = TrustedProxies.literal(forwardedFor.get(i));
            if (entry.isEmpty()) {
                return last == connection ? Optional.empty() : Optional.of(last);
            }
            if (!proxies.trusts(entry.get())) {
                return entry;
            }
            last = entry.get();
        }
        return last == connection ? Optional.empty() : Optional.of(last);
    }

    /** Every comma-separated value of every instance of the header, in order, stripped, blanks left out. */
    private static List<String> values(Request request, String header) {
        List<String> values = new ArrayList<>();
        for (String line : request.getHttpFields().getValuesList(header)) {
            for (String value : line.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }
}
