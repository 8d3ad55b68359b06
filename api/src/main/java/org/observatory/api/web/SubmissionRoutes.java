package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import java.util.Optional;
import org.observatory.api.ObservatoryApp;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Registry;
import org.observatory.api.submission.PipelineRuns;

/**
 * The write side of the app: opens the registry (the running server is its writer until it stops), configures
 * multipart uploads (streamed to disk past 1 MiB, at most the upload limit) and registers the routes:
 *
 * <pre>
 * POST /api/v1/submissions                        GET  /api/v1/submissions/{id}
 * POST /api/v1/submissions/{id}/approve?country   POST /api/v1/submissions/{id}/withdraw?country
 * GET  /api/v1/submissions/{id}/file              raw landed file (addition to DESIGN's routes)
 * POST /api/v1/pipeline-runs                      GET  /api/v1/pipeline-runs/{id}
 * POST /api/v1/accounts                           GET  /api/v1/audit   (additions to DESIGN's routes)
 * GET  /api/v1/accounts                           POST /api/v1/accounts/{id}/revoke|rotate
 * </pre>
 */
public final class SubmissionRoutes implements AutoCloseable {
    public static final String SUBMISSIONS = ObservatoryApp.API_PREFIX + "/submissions";
    public static final String PIPELINE_RUNS = ObservatoryApp.API_PREFIX + "/pipeline-runs";
    public static final String ACCOUNTS = ObservatoryApp.API_PREFIX + "/accounts";
    public static final String AUDIT = ObservatoryApp.API_PREFIX + "/audit";

    private final ApiConfig config;
    private final Registry registry;
    private final Optional<PipelineRuns> runs;
    private final ObjectMapper json;

    private SubmissionRoutes(ApiConfig config, Registry registry, Optional<PipelineRuns> runs, ObjectMapper json) {
        this.config = config;
        this.registry = registry;
        this.runs = runs;
        this.json = json;
    }

    /**
     * Opens the registry of the configured data directory for the server's lifetime, removes what killed uploads left
     * ({@link CrashLeftovers}) and records how the pipeline runs ended that a killed server did not see end ({@link
     * PipelineRuns}).
     *
     * @throws org.observatory.schemas.error.ObservatoryException {@code REGISTRY_IN_USE} when a command holds it
     */
    public static SubmissionRoutes open(ApiConfig config, ObjectMapper json) {
        requireNonNull(config, "config is null");
        requireNonNull(json, "json is null");
        Registry registry = Registry.open(
                config.dataDirectory(),
                "Wait until the command that uses it (e.g. ./observatory ingest or accounts add) has finished, or"
                        + " stop the other server of this data directory, and start this server again.");
        SubmissionsConfig submissions = config.submissions();
        CrashLeftovers.remove(config.dataDirectory(), submissions.intake());
        Optional<PipelineRuns> runs = Optional.empty();
        if (submissions.intake().isPresent() && submissions.pipeline().isPresent()) {
            runs = Optional.of(new PipelineRuns(
                    config.dataDirectory(),
                    registry,
                    submissions.intake().get(),
                    submissions.approvalPolicy(),
                    submissions.pipeline().get()));
        }
        return new SubmissionRoutes(config, registry, runs, json);
    }

    /** The registry the server holds open (the pages' sign-in sessions verify tokens with it). */
    public Registry registry() {
        return registry;
    }

    /** The pipeline runs the server starts; empty when it was started without a pipeline command or intake. */
    public Optional<PipelineRuns> runs() {
        return runs;
    }

    /** Multipart uploads: to disk past 1 MiB (in the registry's upload folder), refused above the limit. */
    public void configure(JavalinConfig javalin) {
        long limit = config.submissions().uploadLimitBytes();
        java.nio.file.Path uploads = CrashLeftovers.uploads(config.dataDirectory());
        try {
            java.nio.file.Files.createDirectories(uploads);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the upload folder " + uploads, e);
        }
        javalin.jetty.multipartConfig.cacheDirectory(uploads.toString());
        javalin.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        javalin.jetty.multipartConfig.maxFileSize(limit, SizeUnit.BYTES);
        javalin.jetty.multipartConfig.maxTotalRequestSize(
                limit + SubmissionController.MULTIPART_OVERHEAD_BYTES, SizeUnit.BYTES);
    }

    public void register(Javalin app) {
        Access access = new Access(registry);
        SubmissionController submissions =
                new SubmissionController(config.dataDirectory(), registry, access, config.submissions(), json);
        PipelineRunController pipelineRuns = new PipelineRunController(runs, access);
        AccountController accounts = new AccountController(registry, access, config.codelists(), json);
        AuditController audit = new AuditController(registry, access);

        app.before(SUBMISSIONS, submissions::refuseLargeUpload);
        app.post(SUBMISSIONS, submissions::submit);
        app.get(SUBMISSIONS + "/{id}", submissions::one);
        app.post(SUBMISSIONS + "/{id}/approve", submissions::approve);
        app.post(SUBMISSIONS + "/{id}/withdraw", submissions::withdraw);
        app.get(SUBMISSIONS + "/{id}/file", submissions::file);
        app.post(PIPELINE_RUNS, pipelineRuns::start);
        app.get(PIPELINE_RUNS + "/{id}", pipelineRuns::one);
        app.post(ACCOUNTS, accounts::add);
        app.get(ACCOUNTS, accounts::list);
        app.post(ACCOUNTS + "/{id}/revoke", accounts::revoke);
        app.post(ACCOUNTS + "/{id}/rotate", accounts::rotate);
        app.get(AUDIT, audit::list);
    }

    /** Stops a running pipeline process and closes the registry. */
    @Override
    public void close() {
        try {
            runs.ifPresent(PipelineRuns::close);
        } finally {
            registry.close();
        }
    }
}
