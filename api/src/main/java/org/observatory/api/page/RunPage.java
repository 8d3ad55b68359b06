package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.registry.RunStatus;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.api.submission.PolicyChange;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The secretariat's pipeline runs: {@code POST /{lang}/secretariat/runs} starts one through {@link PipelineRuns} (the
 * rules of {@code POST /api/v1/pipeline-runs}: one run at a time, a change of the approval policy that would
 * unpublish values needs confirming, which the page then asks for) and goes on (303) to the run's page, {@code
 * /secretariat/runs/{id}}: its state and times and, once it ended, what {@code GET /api/v1/pipeline-runs/{id}} gives,
 * its report (the vintage published, the counts, the warnings). Until the run ends the page reloads itself every
 * {@value #REFRESH_SECONDS} seconds, without script: the answer has a {@code Refresh} header (a header rather than a
 * {@code <meta http-equiv="refresh">}, which axe-core reports as a critical violation of WCAG 2.2.1), and the page
 * has a link that stops the reloading ({@code ?reload=off}) for a reader who needs the page to hold still. A server
 * started without a pipeline says that it starts no runs, and why.
 */
public final class RunPage {
    static final int REFRESH_SECONDS = 3;
    /** The query parameter, and its value, that stop the run page from reloading itself. */
    static final String RELOAD_PARAMETER = "reload";

    static final String RELOAD_OFF = "off";

    private final Pages pages;
    private final Sessions sessions;
    private final Optional<PipelineRuns> runs;
    private final SnapshotRepository repository;
    private final SecretariatPage home;

    public RunPage(
            Pages pages,
            Sessions sessions,
            Optional<PipelineRuns> runs,
            SnapshotRepository repository,
            SecretariatPage home) {
        this.pages = requireNonNull(pages, "pages is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.home = requireNonNull(home, "home is null");
    }

    /** Whether the page of a run that goes on reloads itself. */
    public enum Reloading {
        ON,
        OFF
    }

    /** The run page: the run, or why this server has none ({@code available} false). */
    public record View(boolean available, Optional<Details> run, Reloading reloading) {
        public View {
            requireNonNull(run, "run is null");
            requireNonNull(reloading, "reloading is null");
        }

        /** Seconds between reloads while the run goes on; 0 once it ended, without runs, or when switched off. */
        public int refreshSeconds() {
            return run.filter(details -> !details.status().finished())
                    .filter(details -> reloading == Reloading.ON)
                    .map(details -> REFRESH_SECONDS)
                    .orElse(0);
        }

        /** The query string that stops the reloading. */
        public String reloadOff() {
            return "?" + RELOAD_PARAMETER + "=" + RELOAD_OFF;
        }
    }

    /** A run's state, its times in the page's language, and its report once the pipeline wrote it. */
    public record Details(
            String runId,
            RunStatus status,
            String statusText,
            String requestedBy,
            String requestedAt,
            Optional<String> startedAt,
            Optional<String> finishedAt,
            Optional<Integer> exitCode,
            Optional<String> snapshotId,
            Optional<String> message,
            Optional<Report> report) {
        public Details {
            requireNonNull(runId, "runId is null");
            requireNonNull(status, "status is null");
            requireNonNull(statusText, "statusText is null");
            requireNonNull(requestedBy, "requestedBy is null");
            requireNonNull(requestedAt, "requestedAt is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(finishedAt, "finishedAt is null");
            requireNonNull(exitCode, "exitCode is null");
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(message, "message is null");
            requireNonNull(report, "report is null");
        }
    }

    /**
     * The run report as the page shows it: the vintage it published and the one before, its figures (label and
     * formatted value, those the report has), the rows
     * excluded by reason, the countries recomputed and carried over (by code, as the pipeline sorts them), the
     * national codes left unmapped by country, and the warnings.
     */
    public record Report(
            Optional<String> snapshotId,
            Optional<String> previousSnapshotId,
            List<Figure> figures,
            List<Figure> excluded,
            List<String> countriesRecomputed,
            List<String> countriesCarriedOver,
            List<Figure> unmapped,
            List<String> warnings) {
        public Report {
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(previousSnapshotId, "previousSnapshotId is null");
            figures = List.copyOf(requireNonNull(figures, "figures is null"));
            excluded = List.copyOf(requireNonNull(excluded, "excluded is null"));
            countriesRecomputed = List.copyOf(requireNonNull(countriesRecomputed, "countriesRecomputed is null"));
            countriesCarriedOver = List.copyOf(requireNonNull(countriesCarriedOver, "countriesCarriedOver is null"));
            unmapped = List.copyOf(requireNonNull(unmapped, "unmapped is null"));
            warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        }
    }

    /** A label and its value, both in the page's language. */
    public record Figure(String label, String value) {
        public Figure {
            requireNonNull(label, "label is null");
            requireNonNull(value, "value is null");
        }
    }

    /** What a run refused for a change of the approval policy would unpublish, and the form that confirms it. */
    public record PolicyView(
            String snapshotId, String before, String after, long values, int partCount, List<Part> parts) {
        public PolicyView {
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(before, "before is null");
            requireNonNull(after, "after is null");
            parts = List.copyOf(requireNonNull(parts, "parts is null"));
        }
    }

    /** One submission part a run would leave out: its country and submission. */
    public record Part(String country, String submissionId) {
        public Part {
            requireNonNull(country, "country is null");
            requireNonNull(submissionId, "submissionId is null");
        }
    }

    /** {@code POST /{lang}/secretariat/runs[confirm=policy-change]}: starts a run, then on to its page. */
    public void start(Context ctx) throws IOException {
        Localizer t = pages.localizer(ctx);
        Sessions.SignedIn secretariat = SecretariatPage.verifiedSecretariat(ctx, sessions);
        if (runs.isEmpty()) {
            unavailable(ctx, t, secretariat);
            return;
        }
        PolicyChange.Confirmation confirmation =
                PolicyChange.CONFIRM_VALUE.equals(ctx.formParam(PolicyChange.CONFIRM_PARAMETER))
                        ? PolicyChange.Confirmation.GIVEN
                        : PolicyChange.Confirmation.NOT_GIVEN;
        PipelineRunRecord run;
        try {
            run = runs.get().start(secretariat.account(), confirmation);
        } catch (PolicyChange.Refused refused) {
            ctx.status(HttpStatus.CONFLICT);
            PageFrame frame = pages.privateFrame(ctx, t, t.text("run.policy.title"), repository.current(), secretariat);
            pages.render(ctx, "runPolicyChange.jte", frame, policyView(t, refused.change()));
            return;
        } catch (ObservatoryException refused) {
            if (refused.errorCode() != ErrorCode.CONFLICT) {
                throw refused;
            }
            // another run is still going: say so on the secretariat's page, where the recent runs link to it
            ctx.status(HttpStatus.CONFLICT);
            home.render(ctx, t, secretariat, SecretariatPage.AccountForm.EMPTY, Optional.of(refused.getMessage()));
            return;
        }
        Pages.seeOther(ctx, t, "/secretariat/runs/" + run.runId());
    }

    /** {@code GET /secretariat/runs/{id}}: the run's state and, once it ended, its report. */
    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Optional<Sessions.SignedIn> visitor = SecretariatPage.secretariatOrSignIn(ctx, t, sessions);
        if (visitor.isEmpty()) {
            return;
        }
        Sessions.SignedIn secretariat = visitor.get();
        if (runs.isEmpty()) {
            unavailable(ctx, t, secretariat);
            return;
        }
        String runId = ctx.pathParam("id");
        PipelineRunRecord run = runs.get()
                .find(runId)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND,
                        "No pipeline run '%s' started through this server; the secretariat's page lists the recent runs"
                                .formatted(Echo.quote(runId))));
        Details details = details(t, run, runs.get().report(run.runId()));
        Reloading reloading = RELOAD_OFF.equals(ctx.queryParam(RELOAD_PARAMETER)) ? Reloading.OFF : Reloading.ON;
        View view = new View(true, Optional.of(details), reloading);
        if (view.refreshSeconds() > 0) {
            ctx.header("Refresh", Integer.toString(view.refreshSeconds()));
        }
        render(ctx, t, secretariat, t.text("run.title", run.runId()), view);
    }

    /** A server started without a pipeline: 503, with the page that says why it starts no runs. */
    private void unavailable(Context ctx, Localizer t, Sessions.SignedIn secretariat) {
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        render(ctx, t, secretariat, t.text("run.unavailable.title"), new View(false, Optional.empty(), Reloading.OFF));
    }

    private void render(Context ctx, Localizer t, Sessions.SignedIn secretariat, String title, View view) {
        PageFrame frame = pages.privateFrame(ctx, t, title, repository.current(), secretariat);
        pages.render(ctx, "run.jte", frame, view);
    }

    static Details details(Localizer t, PipelineRunRecord run, Optional<JsonNode> report) {
        return new Details(
                run.runId(),
                run.status(),
                t.text("run.status." + run.status().wireName()),
                run.requestedBy(),
                t.dateTime(run.requestedAt()),
                Optional.ofNullable(run.startedAt()).map(t::dateTime),
                Optional.ofNullable(run.finishedAt()).map(t::dateTime),
                Optional.ofNullable(run.exitCode()),
                Optional.ofNullable(run.snapshotId()),
                Optional.ofNullable(run.message()),
                report.map(json -> report(t, json)));
    }

    /** The report's figures the report has (a report may predate some of them). */
    static Report report(Localizer t, JsonNode report) {
        List<Figure> figures = new ArrayList<>();
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("rowsIn", "run.report.rowsIn");
        counts.put("rowsOut", "run.report.rowsOut");
        counts.put("addedValues", "run.report.addedValues");
        counts.put("changedValues", "run.report.changedValues");
        counts.put("withdrawnValues", "run.report.withdrawnValues");
        counts.put("suppressedValues", "run.report.suppressedValues");
        counts.put("smallCellThreshold", "run.report.smallCellThreshold");
        counts.forEach((field, key) -> {
            JsonNode value = report.path(field);
            if (value.isIntegralNumber()) {
                figures.add(new Figure(t.text(key), t.integer(value.asLong())));
            }
        });
        if (report.path("seconds").isNumber()) {
            figures.add(new Figure(
                    t.text("run.report.seconds"),
                    t.decimal(report.path("seconds").asDouble(), 1)));
        }
        List<Figure> excluded = new ArrayList<>();
        report.path("rowsExcluded").properties().forEach(reason -> {
            if (reason.getValue().isIntegralNumber()) {
                excluded.add(
                        new Figure(reason.getKey(), t.integer(reason.getValue().asLong())));
            }
        });
        List<Figure> unmapped = new ArrayList<>();
        report.path("unmappedNationalCodes")
                .properties()
                .forEach(country ->
                        unmapped.add(new Figure(country.getKey(), String.join(", ", texts(country.getValue())))));
        return new Report(
                text(report, "snapshotId"),
                text(report, "previousSnapshotId"),
                figures,
                excluded,
                texts(report.path("countriesRecomputed")),
                texts(report.path("countriesCarriedOver")),
                unmapped,
                texts(report.path("warnings")));
    }

    static PolicyView policyView(Localizer t, PolicyChange change) {
        List<Part> parts = new ArrayList<>();
        change.parts().forEach((country, ids) -> ids.forEach(id -> parts.add(new Part(country, id))));
        return new PolicyView(
                change.snapshotId(),
                change.before()
                        .map(policy -> t.text("run.policy.under." + policy.settingName()))
                        .orElseGet(() -> t.text("run.policy.earlier")),
                t.text("run.policy.name." + change.after().settingName()),
                change.values(),
                parts.size(),
                parts);
    }

    private static Optional<String> text(JsonNode report, String field) {
        JsonNode value = report.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual()) {
                texts.add(value.asText());
            }
        });
        return texts;
    }
}
