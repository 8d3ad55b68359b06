package org.observatory.api;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.ConfigMessage;
import org.observatory.api.config.TlsFiles;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * A running API server, for the command line ({@code observatory serve}, {@code observatory demo}). It starts the
 * app on a host and port and returns once the server listens; it prints nothing (Javalin and Jetty log through
 * SLF4J, so the caller's logging configuration decides what is shown). With {@link ApiConfig#tls()} it listens
 * with TLS only (HTTPS, HTTP/1.1), from the PEM certificate and key. {@link #close()} stops it.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;
    private final String host;
    private final String scheme;

    private ApiServer(Javalin app, String host, String scheme) {
        this.app = app;
        this.host = host;
        this.scheme = scheme;
    }

    /**
     * Builds the app from the configuration and starts it; port 0 picks a free port (see {@link #port()}).
     *
     * @throws ObservatoryException {@code CONFIGURATION_INVALID} when the port is out of range or cannot be bound,
     *     or the TLS files cannot be used
     */
    public static ApiServer start(ApiConfig config, String host, int port) {
        requireNonNull(config, "config is null");
        checkPort(port);
        // Read the key before the app opens the registry and the warehouse: a bad file stops nothing half-open.
        char[] password = randomPassword();
        Optional<KeyStore> keyStore = config.tls().map(files -> files.keyStore(password));
        Javalin app = ObservatoryApp.create(config);
        // The listening address is known only here, so the TLS connector is added to the app's configuration now,
        // before it starts; Javalin then opens no plain HTTP connector of its own.
        keyStore.ifPresent(store -> app.unsafeConfig()
                .jetty
                .addConnector((server, http) -> tlsConnector(server, http, store, password, host, port)));
        return start(app, host, port, keyStore.isPresent() ? "https" : "http");
    }

    /**
     * Starts an app built by {@link ObservatoryApp#create} (possibly with more routes added) on the host and port,
     * over plain HTTP.
     *
     * @throws ObservatoryException {@code CONFIGURATION_INVALID} when the port is out of range or cannot be bound
     */
    public static ApiServer start(Javalin app, String host, int port) {
        checkPort(port);
        return start(app, host, port, "http");
    }

    private static ApiServer start(Javalin app, String host, int port, String scheme) {
        requireNonNull(app, "app is null");
        requireNonNull(host, "host is null");
        try {
            app.start(host, port);
        } catch (JavalinBindException e) {
            app.stop();
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.PORT_IN_USE,
                            "host",
                            host,
                            "port",
                            String.valueOf(port),
                            "reason",
                            String.valueOf(e.getMessage())),
                    e);
        }
        return new ApiServer(app, host, scheme);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(ConfigMessage.PORT_OUT_OF_RANGE, "port", String.valueOf(port)));
        }
    }

    /** A TLS connector with the app's HTTP configuration (its customizers) plus the secure-request customizer. */
    private static Connector tlsConnector(
            Server server, HttpConfiguration http, KeyStore keyStore, char[] password, String host, int port) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(new String(password));
        tls.setCertAlias(TlsFiles.ALIAS);
        HttpConfiguration https = new HttpConfiguration(http);
        https.setSecureScheme("https");
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(
                server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** The in-memory key store's password: it never leaves this process, so any random one does. */
    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    public String host() {
        return host;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The base address, e.g. {@code http://127.0.0.1:7070/}, or {@code https://...} when it listens with TLS. */
    public URI baseUri() {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("%s://%s:%d/".formatted(scheme, literal, port()));
    }

    public Javalin javalin() {
        return app;
    }

    /** Stops the server; requests in flight finish first (Jetty's graceful stop). */
    @Override
    public void close() {
        app.stop();
    }
}
