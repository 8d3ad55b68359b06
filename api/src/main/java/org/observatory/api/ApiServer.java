package org.observatory.api;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * A running API server, for the command line ({@code observatory serve}, {@code observatory demo}). It starts the
 * app on a host and port and returns once the server listens; it prints nothing (Javalin and Jetty log through
 * SLF4J, so the caller's logging configuration decides what is shown). {@link #close()} stops it.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;
    private final String host;

    private ApiServer(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /** Builds the app from the configuration and starts it; port 0 picks a free port (see {@link #port()}). */
    public static ApiServer start(ApiConfig config, String host, int port) {
        return start(ObservatoryApp.create(config), host, port);
    }

    /**
     * Starts an app built by {@link ObservatoryApp#create} (possibly with more routes added) on the host and port.
     *
     * @throws ObservatoryException {@code CONFIGURATION_INVALID} when the port is out of range or cannot be bound
     */
    public static ApiServer start(Javalin app, String host, int port) {
        requireNonNull(app, "app is null");
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65_535) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "Port %d is out of range; use a port from 1 to 65535 (or 0 for any free port)".formatted(port));
        }
        try {
            app.start(host, port);
        } catch (JavalinBindException e) {
            app.stop();
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "Cannot listen on %s:%d (%s); choose another --port or --host, or stop the process that uses it"
                            .formatted(host, port, e.getMessage()),
                    e);
        }
        return new ApiServer(app, host);
    }

    public String host() {
        return host;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The base address, e.g. {@code http://127.0.0.1:7070/}. */
    public URI baseUri() {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://%s:%d/".formatted(literal, port()));
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
