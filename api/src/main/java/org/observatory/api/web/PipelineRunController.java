package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatory.api.registry.Account;
import org.observatory.api.registry.PipelineRunRecord;
import org.observatory.api.submission.PipelineRuns;
import org.observatory.api.submission.PolicyChange;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * {@code POST /pipeline-runs[?confirm=policy-change]} (secretariat): starts a pipeline run as a separate process and
 * answers 202 with its id, or 409 when a change of the approval policy would unpublish values and {@code confirm}
 * does not confirm it ({@link PolicyChange}); {@code GET /pipeline-runs/{id}}: its status ({@code queued}, {@code
 * running}, {@code succeeded}, {@code failed}) and, once written, the run report. The server keeps serving the published snapshot and switches
 * when the run publishes a new one.
 */
public final class PipelineRunController {
    private final Optional<PipelineRuns> runs;
    private final Access access;

    PipelineRunController(Optional<PipelineRuns> runs, Access access) {
        this.runs = requireNonNull(runs, "runs is null");
        this.access = requireNonNull(access, "access is null");
    }

    public void start(Context ctx) throws IOException {
        QueryParameters.acceptOnly(ctx, List.of(PolicyChange.CONFIRM_PARAMETER));
        Account secretariat = access.secretariat(ctx, ApiMessage.ACTION_START_RUNS);
        PolicyChange.Confirmation confirmation = QueryParameters.optional(ctx, PolicyChange.CONFIRM_PARAMETER)
                .map(PipelineRunController::confirmation)
                .orElse(PolicyChange.Confirmation.NOT_GIVEN);
        PipelineRunRecord run = runs().start(secretariat, confirmation);
        ctx.header("Location", Paths.expand(Paths.PIPELINE_RUN, run.runId()));
        ctx.status(HttpStatus.ACCEPTED);
        ctx.json(view(run));
    }

    private static PolicyChange.Confirmation confirmation(String value) {
        if (!value.equals(PolicyChange.CONFIRM_VALUE)) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    PolicyChange.CONFIRM_PARAMETER,
                    Message.of(
                            ApiMessage.CONFIRM_INVALID,
                            "value",
                            Echo.quote(value),
                            "confirmation",
                            PolicyChange.CONFIRM_VALUE));
        }
        return PolicyChange.Confirmation.GIVEN;
    }

    public void one(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        access.secretariat(ctx, ApiMessage.ACTION_FOLLOW_RUNS);
        String runId = ctx.pathParam("id");
        PipelineRunRecord run = runs().find(runId)
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND, Message.of(ApiMessage.RUN_UNKNOWN, "id", Echo.quote(runId))));
        ctx.json(view(run));
    }

    private PipelineRuns runs() {
        return runs.orElseThrow(
                () -> new ObservatoryException(ErrorCode.NOT_CONFIGURED, Message.of(ApiMessage.RUNS_NOT_CONFIGURED)));
    }

    private Map<String, Object> view(PipelineRunRecord run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("runId", run.runId());
        view.put("status", run.status().wireName());
        view.put("requestedBy", run.requestedBy());
        view.put("requestedAt", run.requestedAt());
        view.put("startedAt", run.startedAt());
        view.put("finishedAt", run.finishedAt());
        view.put("exitCode", run.exitCode());
        view.put("snapshotId", run.snapshotId());
        view.put("message", run.message());
        view.put("report", runs().report(run.runId()).orElse(null));
        return view;
    }
}
