package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.web.JsonViews.CountryView;
import org.observatory.schemas.text.Language;

/**
 * {@code GET /api/v1/countries} and {@code GET /api/v1/countries/{iso3}}: the deployment's member states, always
 * ordered by ISO code (never by a value). These routes need no published snapshot; when one is served they name it
 * and carry its synthetic-data label.
 */
public final class CountryController {
    private final Lookups lookups;
    private final SnapshotRepository repository;
    private final SnapshotResponses responses;

    public CountryController(Lookups lookups, SnapshotRepository repository, SnapshotResponses responses) {
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
                ctx, SnapshotResponses.idOrNone(snapshot), SnapshotResponses.Caching.REVALIDATE, "countries", () -> {
                    List<CountryView> countries = lookups.codelists().members().all().stream()
                            .map(member -> CountryView.of(member, language))
                            .sorted(java.util.Comparator.comparing(CountryView::iso3))
                            .toList();
                    return SnapshotResponses.Rendered.json(new JsonViews.CountryList(
                            JsonViews.notice(synthetic, language),
                            synthetic,
                            JsonViews.snapshotId(snapshot),
                            countries));
                });
    }

    public void one(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        Language language = ApiLanguage.language(ctx);
        CountryView country = CountryView.of(lookups.memberState(ctx.pathParam("iso3")), language);
        Optional<Snapshot> snapshot = repository.current();
        boolean synthetic = JsonViews.synthetic(snapshot);
        responses.send(
                ctx,
                SnapshotResponses.idOrNone(snapshot),
                SnapshotResponses.Caching.REVALIDATE,
                "country|" + country.iso3(),
                () -> SnapshotResponses.Rendered.json(new JsonViews.CountryDetail(
                        JsonViews.notice(synthetic, language), synthetic, JsonViews.snapshotId(snapshot), country)));
    }
}
