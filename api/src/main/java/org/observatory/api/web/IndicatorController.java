package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.web.JsonViews.IndicatorView;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.text.Language;

/**
 * {@code GET /api/v1/indicators} and {@code GET /api/v1/indicators/{code}}: the indicator catalogue (names,
 * definition, ICCS codes, unit, formula, CTS section). Needs no published snapshot.
 */
public final class IndicatorController {
    private final Lookups lookups;
    private final SnapshotRepository repository;
    private final SnapshotResponses responses;

    public IndicatorController(Lookups lookups, SnapshotRepository repository, SnapshotResponses responses) {
        this.lookups = requireNonNull(lookups, "lookups is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.responses = requireNonNull(responses, "responses is null");
    }

    public void list(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Optional<Snapshot> snapshot = repository.current();
        boolean synthetic = JsonViews.synthetic(snapshot);
        Language language = ApiLanguage.language(ctx);
        responses.send(
                ctx, SnapshotResponses.idOrNone(snapshot), SnapshotResponses.Caching.REVALIDATE, "indicators", () -> {
                    List<IndicatorView> indicators = lookups.codelists().indicators().all().stream()
                            .map(indicator -> view(indicator, language))
                            .toList();
                    return SnapshotResponses.Rendered.json(new JsonViews.IndicatorList(
                            JsonViews.notice(synthetic, language),
                            synthetic,
                            JsonViews.snapshotId(snapshot),
                            indicators));
                });
    }

    public void one(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Language language = ApiLanguage.language(ctx);
        IndicatorView indicator = view(lookups.indicator(ctx.pathParam("code")), language);
        Optional<Snapshot> snapshot = repository.current();
        boolean synthetic = JsonViews.synthetic(snapshot);
        responses.send(
                ctx,
                SnapshotResponses.idOrNone(snapshot),
                SnapshotResponses.Caching.REVALIDATE,
                "indicator|" + indicator.code(),
                () -> SnapshotResponses.Rendered.json(new JsonViews.IndicatorDetail(
                        JsonViews.notice(synthetic, language), synthetic, JsonViews.snapshotId(snapshot), indicator)));
    }

    private IndicatorView view(Indicator indicator, Language language) {
        return IndicatorView.of(indicator, lookups.iccsCategories(indicator), language);
    }
}
