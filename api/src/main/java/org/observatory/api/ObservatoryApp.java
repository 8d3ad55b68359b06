package org.observatory.api;

import static io.javalin.apibuilder.ApiBuilder.after;
import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.openapi.OpenApiDocument;
import org.observatory.api.page.AccountsPage;
import org.observatory.api.page.Assets;
import org.observatory.api.page.CountryPage;
import org.observatory.api.page.ErrorPage;
import org.observatory.api.page.IndicatorPage;
import org.observatory.api.page.LandingPage;
import org.observatory.api.page.Languages;
import org.observatory.api.page.Pages;
import org.observatory.api.page.RunPage;
import org.observatory.api.page.SecretariatPage;
import org.observatory.api.page.Sessions;
import org.observatory.api.page.SignInPage;
import org.observatory.api.page.SubmissionPages;
import org.observatory.api.query.SnapshotArchive;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.report.ResponseDeadlines;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.api.web.AccountController;
import org.observatory.api.web.ApiLanguage;
import org.observatory.api.web.AuditController;
import org.observatory.api.web.AuthenticationThrottle;
import org.observatory.api.web.ChangesController;
import org.observatory.api.web.CountryController;
import org.observatory.api.web.ForwardedHeaders;
import org.observatory.api.web.HeadRequests;
import org.observatory.api.web.HealthController;
import org.observatory.api.web.IndicatorController;
import org.observatory.api.web.JsonViews;
import org.observatory.api.web.Lookups;
import org.observatory.api.web.OpenApiController;
import org.observatory.api.web.Paths;
import org.observatory.api.web.PipelineRunController;
import org.observatory.api.web.ProblemMapping;
import org.observatory.api.web.ProblemPages;
import org.observatory.api.web.ReportController;
import org.observatory.api.web.ResponseCache;
import org.observatory.api.web.SecurityHeaders;
import org.observatory.api.web.SeriesController;
import org.observatory.api.web.ServerErrors;
import org.observatory.api.web.SnapshotController;
import org.observatory.api.web.SnapshotResponses;
import org.observatory.api.web.SubmissionController;
import org.observatory.api.web.SubmissionRoutes;

/**
 * Builds the observatory's Javalin app from its configuration: the read routes over the published snapshot, the
 * write side ({@link SubmissionRoutes}: submissions, approvals, pipeline runs, accounts, audit log, whose registry
 * the server holds open until it stops), JSON through Jackson, and every error as an RFC 9457 problem. The app is
 * returned configured but not started (tests start it with {@code JavalinTest}, the command line with {@link
 * ApiServer}); the DuckDB connection it opens is closed when the server stops. Every route is declared in one place,
 * {@link #routes}.
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
    public static final String API_PREFIX = Paths.API;

    private ObservatoryApp() {}

    /** The controllers the routes call, and the handlers every request passes. */
    private record Controllers(
            SecurityHeaders securityHeaders,
            AuthenticationThrottle throttle,
            HealthController health,
            CountryController countries,
            IndicatorController indicators,
            SeriesController series,
            ReportController reports,
            SnapshotController snapshots,
            ChangesController changes,
            OpenApiController openApi,
            SubmissionController submissions,
            PipelineRunController pipelineRuns,
            AccountController accounts,
            AuditController audit) {}

    /** The pages for people and what they need. */
    private record PageControllers(
            Assets assets,
            LandingPage landing,
            SignInPage signIn,
            IndicatorPage indicator,
            CountryPage country,
            SecretariatPage secretariat,
            AccountsPage accounts,
            RunPage run,
            SubmissionPages submissions) {}

    /**
     * Every route of the app, in one table: the handlers every request passes first (in this order), then the
     * routes. HTML pages go beside the API, outside {@code api/v1}.
     */
    private static void routes(Controllers c, PageControllers p) {
        before(c.securityHeaders()::set);
        before(ApiLanguage::declare); // Content-Language and Vary: Accept-Language on every API answer
        before(c.throttle()::refuseWhileThrottled);
        after(c.throttle()::release);

        get("health", c.health()::health);
        get("openapi.json", c.openApi()::openApi);
        get("docs", c.openApi()::docs);
        path("api/v1", () -> {
            get("countries", c.countries()::list);
            get("countries/{iso3}", c.countries()::one);
            get("countries/{iso3}/indicators", c.series()::countryIndicators);
            get("countries/{iso3}/indicators/{code}", c.series()::series); // ?from&to&sex&age&breakdown&vintage
            get("indicators", c.indicators()::list);
            get("indicators/{code}", c.indicators()::one);
            get("reports/response-rates", c.reports()::responseRates); // ?cycle&format
            get("snapshots", c.snapshots()::list);
            get("snapshots/{id}/download", c.snapshots()::download);
            get("snapshots/{id}/changes", c.changes()::changes); // ?country&indicator&format
            path("submissions", () -> {
                before("", c.submissions()::refuseLargeUpload); // 413 before the body is read
                post("", c.submissions()::submit); // multipart: file, source, country, cycle
                get("", c.submissions()::list); // ?country&status&cursor&limit
                get("{id}", c.submissions()::one);
                post("{id}/approve", c.submissions()::approve); // ?country
                post("{id}/withdraw", c.submissions()::withdraw); // ?country
                get("{id}/file", c.submissions()::file);
                get("{id}/fix-list", c.submissions()::fixList);
            });
            post("pipeline-runs", c.pipelineRuns()::start); // ?confirm=policy-change
            get("pipeline-runs/{id}", c.pipelineRuns()::one);
            post("accounts", c.accounts()::add);
            get("accounts", c.accounts()::list);
            post("accounts/{id}/revoke", c.accounts()::revoke);
            post("accounts/{id}/rotate", c.accounts()::rotate);
            get("audit", c.audit()::list);
        });

        // Pages for people. Each is at /x, in the language of ?lang= or Accept-Language, and at /{lang}/x.
        get("assets/{name}", p.assets()::serve);
        get("/", p.landing()::show);
        page("countries/{iso3}", p.country()::show); // ?vintage&indicator&sex&age&breakdown
        page("indicators/{code}", p.indicator()::show); // ?vintage
        page("sign-in", p.signIn()::show); // ?next
        page("secretariat", p.secretariat()::show);
        page("secretariat/runs/{id}", p.run()::show); // ?reload=off
        page("submit", p.submissions()::form);
        page("submissions", p.submissions()::list); // ?country&status&cursor
        page("submissions/{id}", p.submissions()::receipt);
        get("submissions/{id}/file", p.submissions()::rawFile);
        page("submissions/{id}/fix-list", p.submissions()::fixList); // in the language of the page it is linked from
        path("{lang}", () -> {
            post("sign-in", p.signIn()::signIn);
            post("sign-out", p.signIn()::signOut);
            post("secretariat/accounts", p.accounts()::create);
            get("secretariat/accounts/{id}/token", p.accounts()::token);
            get("secretariat/accounts/{id}/revoke", p.accounts()::confirm);
            post("secretariat/accounts/{id}/revoke", p.accounts()::revoke);
            get("secretariat/accounts/{id}/rotate", p.accounts()::confirm);
            post("secretariat/accounts/{id}/rotate", p.accounts()::rotate);
            post("secretariat/runs", p.run()::start); // confirm=policy-change
            post("submit", p.submissions()::submit); // multipart: csrf, file, source, cycle, country
            post("submissions/{id}/approve", p.submissions()::approve); // csrf, country
            post("submissions/{id}/withdraw", p.submissions()::withdraw); // csrf, country
        });
        // last: a one-segment path is a language only when no other route has it (Javalin takes the first match)
        get("{lang}", p.landing()::show);
    }

    /** A page at {@code /path} and at {@code /{lang}/path}. */
    private static void page(String path, Handler handler) {
        get(path, handler);
        get("{lang}/" + path, handler);
    }

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
        SnapshotResponses responses = new SnapshotResponses(new ResponseCache(config.responseCacheBytes()));
        AuthenticationThrottle throttle = new AuthenticationThrottle(config.authenticationThrottle(), config.clock());
        Controllers controllers = new Controllers(
                new SecurityHeaders(Paths.PRIVATE),
                throttle,
                new HealthController(repository),
                new CountryController(lookups, repository, responses),
                new IndicatorController(lookups, repository, responses),
                new SeriesController(lookups, repository, responses, config.clock()),
                new ReportController(
                        new ResponseRateReporter(repository, config.codelists()),
                        repository,
                        () -> ResponseDeadlines.of(config.dataDirectory())),
                new SnapshotController(repository, new SnapshotArchive(repository, config.clock())),
                new ChangesController(lookups, repository, responses),
                new OpenApiController(OpenApiDocument.load()),
                writeSide.submissions(),
                writeSide.pipelineRuns(),
                writeSide.accounts(),
                writeSide.audit());

        Pages pages = new Pages(Languages.PAGES);
        Sessions sessions = new Sessions(writeSide.registry(), config.clock());
        SecretariatPage secretariat = new SecretariatPage(
                pages, sessions, writeSide.registry(), writeSide.runs(), repository, config.codelists());
        PageControllers pageControllers = new PageControllers(
                new Assets(),
                new LandingPage(pages, repository, config.codelists()),
                new SignInPage(pages, sessions, throttle, repository),
                new IndicatorPage(pages, repository, lookups),
                new CountryPage(pages, repository, lookups, responses, config.clock()),
                secretariat,
                new AccountsPage(
                        pages,
                        sessions,
                        writeSide.registry(),
                        repository,
                        config.codelists(),
                        secretariat,
                        config.clock()),
                new RunPage(pages, sessions, writeSide.runs(), repository, secretariat),
                new SubmissionPages(pages, sessions, writeSide.service(), repository, config.codelists()));

        Javalin app = Javalin.create(javalin -> {
            javalin.fileRenderer(pages.renderer());
            javalin.appData(ProblemPages.KEY, new ErrorPage(pages));
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
            javalin.router.apiBuilder(() -> routes(controllers, pageControllers));
            javalin.events(events -> {
                events.serverStopped(repository::close);
                events.serverStartFailed(repository::close);
                events.serverStopped(writeSide::close);
                events.serverStartFailed(writeSide::close);
            });
        });
        ProblemMapping.register(app, throttle);
        return app;
    }
}
