package org.observatory.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.TlsFiles;
import org.observatory.api.config.TrustedProxies;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;
import picocli.CommandLine.Option;

/**
 * Where and how the API listens: the loopback interface unless {@code --host} says otherwise; with TLS from a PEM
 * certificate and key ({@code --tls-certificate}, {@code --tls-key}); and the reverse proxies whose {@code
 * X-Forwarded-For} and {@code X-Forwarded-Proto} count ({@code --trusted-proxy}, repeatable; none by default).
 */
final class ServerOptions {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "7070")
    int port;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String host;

    @Option(
            names = "--tls-certificate",
            paramLabel = "FILE",
            description = "Listen with TLS (HTTPS): the PEM certificate chain, the server's certificate first.")
    Path tlsCertificate;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The private key of --tls-certificate: PEM, unencrypted PKCS#8 (BEGIN PRIVATE KEY).")
    Path tlsKey;

    @Option(
            names = "--trusted-proxy",
            paramLabel = "ADDR",
            description = "A reverse proxy (IP address or CIDR range) whose X-Forwarded-For and X-Forwarded-Proto"
                    + " count; repeatable. Without it these headers are ignored.")
    List<String> trustedProxies = new ArrayList<>();

    /**
     * The configuration with these options' TLS files and trusted proxies.
     *
     * @throws ObservatoryException {@code INVALID_PARAMETER} (a usage error) when only one TLS file is given;
     *     {@code CONFIGURATION_INVALID} for a trusted proxy that is not an address
     */
    ApiConfig applyTo(ApiConfig config) {
        ApiConfig result = config.withTrustedProxies(new TrustedProxies(trustedProxies));
        Optional<TlsFiles> tls = tls();
        return tls.isPresent() ? result.withTls(tls.get()) : result;
    }

    /**
     * Checks the options without listening (the demo does before it loads anything): both TLS files or neither,
     * readable and matching, and trusted proxies that are addresses.
     */
    void check() {
        new TrustedProxies(trustedProxies);
        tls().ifPresent(files -> files.keyStore("check".toCharArray()));
    }

    Optional<TlsFiles> tls() {
        if (tlsCertificate == null && tlsKey == null) {
            return Optional.empty();
        }
        if (tlsCertificate == null || tlsKey == null) {
            throw new ObservatoryException(
                    ErrorCode.INVALID_PARAMETER,
                    Message.of(
                            CliMessage.SERVER_TLS_HALF,
                            "given",
                            tlsKey == null ? "--tls-certificate" : "--tls-key",
                            "missing",
                            tlsKey == null ? "--tls-key" : "--tls-certificate"));
        }
        return Optional.of(new TlsFiles(tlsCertificate, tlsKey));
    }

    /**
     * A warning when tokens would cross a network in clear: the server listens beyond the loopback interface
     * without TLS and without a trusted reverse proxy (which would terminate TLS); empty otherwise.
     */
    Optional<Message> plainTextWarning() {
        if (tlsCertificate != null || !trustedProxies.isEmpty() || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of(Message.of(CliMessage.SERVER_PLAIN_TEXT, "host", host));
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        return TrustedProxies.literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
