package org.observatory.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.DeploymentSettings;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.submission.PipelineLauncher;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Message;
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
                DeploymentSettings.load(common.dataDirectory()).approvalPolicy(),
                server,
                spec.commandLine().getOut(),
                CliLanguage.of(spec));
        return 0;
    }

    static void serveUntilStopped(
            DataDirectory data,
            Codelists codelists,
            ApprovalPolicy policy,
            ServerOptions server,
            PrintWriter out,
            Locale locale)
            throws InterruptedException {
        ApiServer api = ApiServer.start(
                server.applyTo(ApiConfig.of(data, codelists).withSubmissions(writeSide(data, codelists, policy))),
                server.host,
                server.port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            api.close();
                            stopped.countDown();
                        },
                        "observatory-shutdown"));
        String base = api.baseUri().toString().replaceAll("/$", "");
        out.println(Message.of(CliMessage.SERVE_READY, "url", base + "/api/v1/countries")
                .in(locale));
        out.println("  " + Message.of(CliMessage.SERVE_PAGES, "url", base + "/").in(locale));
        out.println("  "
                + Message.of(CliMessage.SERVE_HEALTH, "url", base + "/health").in(locale));
        out.println("  "
                + Message.of(
                                CliMessage.SERVE_EXAMPLE,
                                "url",
                                base + "/api/v1/countries/JAM/indicators/intentional-homicide")
                        .in(locale));
        out.println("  "
                + Message.of(
                                CliMessage.SERVE_SUBMISSIONS,
                                "policy",
                                policy.settingName(),
                                "url",
                                base + "/api/v1/submissions")
                        .in(locale));
        server.plainTextWarning().ifPresent(warning -> out.println(warning.in(locale)));
        out.println(Message.of(CliMessage.SERVE_STOP).in(locale));
        out.flush();
        stopped.await();
    }

    /**
     * The server's write side: the same ingest service as {@code observatory ingest}, the pipeline command of the
     * settings file or else the pipeline in a local JVM, the policy given and the settings' upload limit.
     */
    static SubmissionsConfig writeSide(DataDirectory data, Codelists codelists, ApprovalPolicy policy) {
        DeploymentSettings settings = DeploymentSettings.load(data);
        PipelineLauncher launcher = settings.pipelineCommand()
                .map(PipelineLauncher::new)
                .orElseGet(() -> LocalPipeline.launcher(
                        EngineKind.of(settings.pipelineEngine()).orElseThrow(), List.of()));
        return SubmissionsConfig.NONE
                .withApprovalPolicy(policy)
                .withUploadLimitBytes(settings.uploadLimitBytes())
                .withIntake(new IngestIntake(data, new IngestService(data, codelists)))
                .withPipeline(launcher);
    }
}
