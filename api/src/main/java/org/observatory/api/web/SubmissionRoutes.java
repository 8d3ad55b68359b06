package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
import org.observatory.api.registry.Registry;
import org.observatory.api.submission.CrashLeftovers;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.api.submission.Submissions;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.text.Message;

/**
 * The write side of the app: opens the registry (the running server is its writer until it stops), configures
 * multipart uploads (streamed to disk past 1 MiB, at most the upload limit) and holds the controllers of the write
 * routes (submissions, pipeline runs, accounts, the audit log), which {@code ObservatoryApp.routes} declares.
 */
public final class SubmissionRoutes implements AutoCloseable {
    public static final String SUBMISSIONS = Paths.API + "/submissions";
    public static final String PIPELINE_RUNS = Paths.API + "/pipeline-runs";
    public static final String ACCOUNTS = Paths.API + "/accounts";
    public static final String AUDIT = Paths.API + "/audit";

    private final ApiConfig config;
    private final Registry registry;
    private final Optional<PipelineRuns> runs;
    private final SubmissionController submissions;
    private final PipelineRunController pipelineRuns;
    private final AccountController accounts;
    private final AuditController audit;
    private final Submissions service;

    private SubmissionRoutes(ApiConfig config, Registry registry, Optional<PipelineRuns> runs, ObjectMapper json) {
        this.config = config;
        this.registry = registry;
        this.runs = runs;
        Access access = new Access(registry);
        this.service = new Submissions(config.dataDirectory(), registry, config.submissions(), json);
        this.submissions = new SubmissionController(service, access);
        this.pipelineRuns = new PipelineRunController(runs, access);
        this.accounts = new AccountController(registry, access, config.codelists(), json);
        this.audit = new AuditController(registry, access);
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
        Registry registry = Registry.open(config.dataDirectory(), Message.of(ApiMessage.REGISTRY_SERVER_HINT));
        try {
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
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
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
        Path uploads = CrashLeftovers.uploads(config.dataDirectory());
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload folder " + uploads, e);
        }
        javalin.jetty.multipartConfig.cacheDirectory(uploads.toString());
        javalin.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        javalin.jetty.multipartConfig.maxFileSize(limit, SizeUnit.BYTES);
        javalin.jetty.multipartConfig.maxTotalRequestSize(limit + Submissions.MULTIPART_OVERHEAD_BYTES, SizeUnit.BYTES);
    }

    /** The submission rules the API's routes and the analysts' pages share (one ingest lock for both). */
    public Submissions service() {
        return service;
    }

    public SubmissionController submissions() {
        return submissions;
    }

    public PipelineRunController pipelineRuns() {
        return pipelineRuns;
    }

    public AccountController accounts() {
        return accounts;
    }

    public AuditController audit() {
        return audit;
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
