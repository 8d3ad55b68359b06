package org.observatory.api;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.openapi.OpenApiDocument;
import org.observatory.api.page.AccountsPage;
import org.observatory.api.page.Assets;
import org.observatory.api.page.LandingPage;
import org.observatory.api.page.Languages;
import org.observatory.api.page.Pages;
import org.observatory.api.page.RunPage;
import org.observatory.api.page.SecretariatPage;
import org.observatory.api.page.Sessions;
import org.observatory.api.page.SignInPage;
import org.observatory.api.query.SnapshotArchive;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.report.ResponseDeadlines;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.api.web.AuthenticationThrottle;
import org.observatory.api.web.CountryController;
import org.observatory.api.web.ForwardedHeaders;
import org.observatory.api.web.HeadRequests;
import org.observatory.api.web.HealthController;
import org.observatory.api.web.IndicatorController;
import org.observatory.api.web.JsonViews;
import org.observatory.api.web.Lookups;
import org.observatory.api.web.OpenApiController;
import org.observatory.api.web.ProblemMapping;
import org.observatory.api.web.ReportController;
import org.observatory.api.web.ResponseCache;
import org.observatory.api.web.SecurityHeaders;
import org.observatory.api.web.SeriesController;
import org.observatory.api.web.ServerErrors;
import org.observatory.api.web.SnapshotController;
import org.observatory.api.web.SnapshotResponses;
import org.observatory.api.web.SubmissionRoutes;

/**
 * Builds the observatory's Javalin app from its configuration: the read routes over the published snapshot, JSON
 * through Jackson, and every error as an RFC 9457 problem. The app is returned configured but not started (tests
 * start it with {@code JavalinTest}, the command line with {@link ApiServer}); the DuckDB connection it opens is
 * closed when the server stops.
 *
 * <pre>
 * GET /health
 * GET /api/v1/countries                         GET /api/v1/countries/{iso3}
 * GET /api/v1/countries/{iso3}/indicators       GET /api/v1/countries/{iso3}/indicators/{code}?from&amp;to&amp;sex&amp;age&amp;breakdown&amp;vintage
 * GET /api/v1/indicators                        GET /api/v1/indicators/{code}
 * GET /api/v1/reports/response-rates?cycle&amp;format
 * GET /api/v1/snapshots                         GET /api/v1/snapshots/{id}/download
 * GET /openapi.json                             GET /docs
 * </pre>
 *
 * <p>and the write side ({@link SubmissionRoutes}: submissions, approvals, pipeline runs, accounts, audit log), whose
 * registry the server holds open until it stops.
 *
 * <p>At the edge, for every route: {@code HEAD} runs the GET route and its checks and sends no body ({@link
 * HeadRequests}); every answer has {@code X-Content-Type-Options: nosniff} and the private routes' answers {@code
 * Cache-Control: no-store} ({@link SecurityHeaders}); an address that failed to authenticate too often gets 429
 * ({@link AuthenticationThrottle}); Jetty's own errors are problems too ({@link ServerErrors}); {@code
 * X-Forwarded-For} and {@code X-Forwarded-Proto} count from trusted proxies only ({@link ForwardedHeaders}).
 *
 * <p>Every route is documented in the OpenAPI fragments of {@code org/observatory/api/openapi/} (a test checks both
 * ways); a new area adds a {@code paths-<area>.json} and a line in {@code fragments.txt}.
 */
public final class ObservatoryApp {
    public static final String API_PREFIX = "/api/v1";

    private ObservatoryApp() {}

    public static Javalin create(ApiConfig config) {
        requireNonNull(config, "config is null");
        SubmissionRoutes writeSide = SubmissionRoutes.open(config, JsonViews.objectMapper());
        SnapshotRepository repository;
        try {
            repository = SnapshotRepository.open(config.dataDirectory(), config.snapshotCheckInterval());
        } catch (RuntimeException e) {
            writeSide.close();
            throw e;
        }
        Lookups lookups = new Lookups(config.codelists());
        HealthController health = new HealthController(repository);
        SnapshotResponses responses = new SnapshotResponses(new ResponseCache(config.responseCacheBytes()));
        CountryController countries = new CountryController(lookups, repository, responses);
        IndicatorController indicators = new IndicatorController(lookups, repository, responses);
        SeriesController series = new SeriesController(lookups, repository, responses, config.clock());
        SnapshotController snapshots =
                new SnapshotController(repository, new SnapshotArchive(repository, config.clock()));
        OpenApiController openApi = new OpenApiController(OpenApiDocument.load());
        ReportController reports = new ReportController(
                new ResponseRateReporter(repository, config.codelists()),
                repository,
                () -> ResponseDeadlines.of(config.dataDirectory()));

        AuthenticationThrottle throttle = new AuthenticationThrottle(config.authenticationThrottle(), config.clock());
        SecurityHeaders securityHeaders = new SecurityHeaders(List.of(
                SubmissionRoutes.SUBMISSIONS,
                SubmissionRoutes.PIPELINE_RUNS,
                SubmissionRoutes.ACCOUNTS,
                SubmissionRoutes.AUDIT));

        Pages pages = new Pages(Languages.PAGES);
        LandingPage landing = new LandingPage(pages, repository, config.codelists());
        Assets assets = new Assets();
        Sessions sessions = new Sessions(writeSide.registry(), config.clock());

        Javalin app = Javalin.create(javalin -> {
            javalin.fileRenderer(pages.renderer());
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            javalin.http.prefer405over404 = true;
            javalin.jsonMapper(new JavalinJackson(JsonViews.objectMapper(), false));
            // Jetty's own errors (414, 431, undecodable paths) as problems; HEAD runs the GET route without a body;
            // forwarding headers count from trusted proxies only.
            ServerErrors serverErrors = new ServerErrors(JsonViews.objectMapper());
            javalin.jetty.modifyServer(server -> server.setErrorHandler(serverErrors));
            javalin.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(serverErrors);
                context.addFilter(HeadRequests.class, "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            javalin.jetty.modifyHttpConfiguration(
                    http -> http.addCustomizer(new ForwardedHeaders(config.trustedProxies())));
            writeSide.configure(javalin);
            javalin.events(events -> {
                events.serverStopped(repository::close);
                events.serverStartFailed(repository::close);
                events.serverStopped(writeSide::close);
                events.serverStartFailed(writeSide::close);
            });
        });
        ProblemMapping.register(app, throttle);
        app.before(securityHeaders::set);
        app.before(throttle::refuseWhileThrottled);
        app.after(throttle::release);

        app.get("/health", health::health);
        app.get(API_PREFIX + "/countries", countries::list);
        app.get(API_PREFIX + "/countries/{iso3}", countries::one);
        app.get(API_PREFIX + "/countries/{iso3}/indicators", series::countryIndicators);
        app.get(API_PREFIX + "/countries/{iso3}/indicators/{code}", series::series);
        app.get(API_PREFIX + "/indicators", indicators::list);
        app.get(API_PREFIX + "/indicators/{code}", indicators::one);
        app.get(API_PREFIX + "/reports/response-rates", reports::responseRates);
        app.get(API_PREFIX + "/snapshots", snapshots::list);
        app.get(API_PREFIX + "/snapshots/{id}/download", snapshots::download);
        app.get("/openapi.json", openApi::openApi);
        app.get("/docs", openApi::docs);
        writeSide.register(app);

        app.get(Assets.PATH, assets::serve);
        app.get("/", landing::show);
        SignInPage signIn = new SignInPage(pages, sessions, throttle, repository);
        app.get("/sign-in", signIn::show);
        app.get("/{lang}/sign-in", signIn::show);
        app.post("/{lang}/sign-in", signIn::signIn);
        app.post("/{lang}/sign-out", signIn::signOut);
        SecretariatPage secretariat = new SecretariatPage(
                pages, sessions, writeSide.registry(), writeSide.runs(), repository, config.codelists());
        AccountsPage accounts = new AccountsPage(
                pages, sessions, writeSide.registry(), repository, config.codelists(), secretariat, config.clock());
        RunPage run = new RunPage(pages, sessions, writeSide.runs(), repository, secretariat);
        app.get("/secretariat", secretariat::show);
        app.get("/{lang}/secretariat", secretariat::show);
        app.post("/{lang}/secretariat/accounts", accounts::create);
        app.get("/{lang}/secretariat/accounts/{id}/token", accounts::token);
        app.get("/{lang}/secretariat/accounts/{id}/revoke", accounts::confirm);
        app.post("/{lang}/secretariat/accounts/{id}/revoke", accounts::revoke);
        app.get("/{lang}/secretariat/accounts/{id}/rotate", accounts::confirm);
        app.post("/{lang}/secretariat/accounts/{id}/rotate", accounts::rotate);
        app.post("/{lang}/secretariat/runs", run::start);
        app.get("/secretariat/runs/{id}", run::show);
        app.get("/{lang}/secretariat/runs/{id}", run::show);
        // last: a one-segment path is a language only when no other route has it (Javalin takes the first match)
        app.get("/{lang}", landing::show);
        return app;
    }
}
