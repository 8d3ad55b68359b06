package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;

/**
 * {@code GET /health}: the server is up, and which snapshot it serves ({@code null} before the first publication).
 * A {@code CURRENT} that names a missing or incomplete snapshot makes it answer 503.
 */
public final class HealthController {
    private final SnapshotRepository repository;

    public HealthController(SnapshotRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    public void health(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Optional<Snapshot> snapshot = repository.current();
        boolean synthetic = JsonViews.synthetic(snapshot);
        ctx.json(new JsonViews.Health(
                JsonViews.notice(synthetic, ApiLanguage.language(ctx)),
                synthetic,
                "ok",
                JsonViews.snapshotId(snapshot)));
    }
}
