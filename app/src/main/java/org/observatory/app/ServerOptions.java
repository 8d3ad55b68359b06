package org.observatory.app;

import picocli.CommandLine.Option;

/** Where the API listens: the loopback interface unless {@code --host} says otherwise. */
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
}
