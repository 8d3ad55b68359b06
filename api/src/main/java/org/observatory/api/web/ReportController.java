package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.observatory.api.page.Pages;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.report.NoRepliesForCycleException;
import org.observatory.api.report.ReportFormat;
import org.observatory.api.report.ResponseDeadlines;
import org.observatory.api.report.ResponseRateReport;
import org.observatory.api.report.ResponseRateReporter;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * {@code GET /api/v1/reports/response-rates?cycle=YYYY[&format=json|csv|html]}: the secretariat's response-rate and
 * completeness report of one UN-CTS cycle over the published snapshot, as JSON (the default), CSV or a
 * self-contained HTML page. The reply deadlines are read at every request, so a changed file applies at once.
 */
public final class ReportController {
    static final String CYCLE = "cycle";
    static final String FORMAT = "format";
    /** The report's language when a page links to it in the page's own (else Accept-Language chooses). */
    static final String LANG = "lang";

    private final ResponseRateReporter reporter;
    private final SnapshotRepository repository;
    private final Supplier<ResponseDeadlines> deadlines;

    public ReportController(
            ResponseRateReporter reporter, SnapshotRepository repository, Supplier<ResponseDeadlines> deadlines) {
        this.reporter = requireNonNull(reporter, "reporter is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.deadlines = requireNonNull(deadlines, "deadlines is null");
    }

    public void responseRates(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(CYCLE, FORMAT, LANG));
        language(ctx).ifPresent(locale -> ApiLanguage.use(ctx, locale));
        ReportFormat format = format(ctx);
        int cycle = cycle(ctx);
        ResponseDeadlines configured;
        try {
            configured = deadlines.get();
        } catch (ObservatoryException e) {
            // the server's configuration is broken, not the request: the detail goes to the log
            throw new ObservatoryException(ErrorCode.INTERNAL_ERROR, e.getMessage(), e);
        }
        ResponseRateReport report;
        try {
            report = reporter.report(repository.requireCurrent(), cycle, configured);
        } catch (NoRepliesForCycleException e) {
            throw ParameterException.about(CYCLE, e);
        }
        ctx.contentType(format.contentType());
        if (format == ReportFormat.html) {
            ctx.header("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
        }
        if (format == ReportFormat.csv) {
            ctx.header("Content-Disposition", "inline; filename=\"%s\"".formatted(format.fileName(report)));
        }
        ctx.result(format.render(report, ApiLanguage.locale(ctx)));
    }

    private static int cycle(Context ctx) {
        if (QueryParameters.optional(ctx, CYCLE).isEmpty()) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, CYCLE, Message.of(ApiMessage.CYCLE_MISSING));
        }
        return ctx.queryParamAsClass(CYCLE, Integer.class)
                .check(
                        ResponseRateReporter::isCycle,
                        new ValidationError<>(
                                ApiMessage.EXPECT_CYCLE.code(),
                                Map.of(
                                        "from",
                                        String.valueOf(ResponseRateReporter.EARLIEST_CYCLE),
                                        "to",
                                        String.valueOf(ResponseRateReporter.LATEST_CYCLE)),
                                null))
                .get();
    }

    private static Optional<Locale> language(Context ctx) {
        Optional<String> value = QueryParameters.optional(ctx, LANG);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Language.locale(value.get())
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        LANG,
                        QueryParameters.notOneOf(
                                LANG,
                                Language.all().stream().map(Language::code).toList(),
                                value.get()))));
    }

    private static ReportFormat format(Context ctx) {
        Optional<String> value = QueryParameters.optional(ctx, FORMAT);
        if (value.isEmpty()) {
            return ReportFormat.json;
        }
        List<String> served = List.of(ReportFormat.json.name(), ReportFormat.csv.name(), ReportFormat.html.name());
        if (!served.contains(value.get())) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER, FORMAT, QueryParameters.notOneOf(FORMAT, served, value.get()));
        }
        return ReportFormat.valueOf(value.get());
    }
}
