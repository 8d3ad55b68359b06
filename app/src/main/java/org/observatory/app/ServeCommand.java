package org.observatory.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code observatory serve}: serves the published snapshot until stopped, switching when a new one appears. */
@Command(name = "serve", description = "Serve the API over the published snapshot.", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ServerOptions server;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        serveUntilStopped(
                common.dataDirectory(),
                common.codelists(),
                server,
                spec.commandLine().getOut());
        return 0;
    }

    static void serveUntilStopped(DataDirectory data, Codelists codelists, ServerOptions server, PrintWriter out)
            throws InterruptedException {
        ApiServer api = ApiServer.start(ApiConfig.of(data, codelists), server.host, server.port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            api.close();
                            stopped.countDown();
                        },
                        "observatory-shutdown"));
        String base = api.baseUri().toString().replaceAll("/$", "");
        out.println("Observatory API ready at " + base + "/api/v1/countries");
        out.println("  health:  " + base + "/health");
        out.println("  example: " + base + "/api/v1/countries/JAM/indicators/intentional-homicide");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        stopped.await();
    }
}
