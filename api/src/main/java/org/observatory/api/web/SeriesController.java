package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.observatory.api.query.IndicatorCoverage;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.SeriesQuery;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.web.JsonViews.CountryView;
import org.observatory.api.web.JsonViews.CoverageView;
import org.observatory.api.web.JsonViews.IndicatorView;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.ErrorCode;

/**
 * Per-country data from the published snapshot: {@code GET /api/v1/countries/{iso3}/indicators} (what exists for
 * that country) and {@code GET /api/v1/countries/{iso3}/indicators/{code}} (one series). A series holds national
 * totals unless {@code sex}, {@code age} or {@code breakdown} ask for a disaggregation ({@code all} for every one);
 * {@code from} and {@code to} bound the years; {@code vintage} reads an older published snapshot instead of the
 * current one.
 */
public final class SeriesController {
    static final String FROM = "from";
    static final String TO = "to";
    static final String SEX = "sex";
    static final String AGE = "age";
    static final String BREAKDOWN = "breakdown";
    static final String VINTAGE = "vintage";
    static final String FORMAT = "format";
    static final String ALL = "all";

    private static final int EARLIEST_YEAR = 1900;
    private static final int LATEST_YEAR = 2100;
    private static final List<String> SEXES = List.of(SeriesQuery.TOTAL, "M", "F", "_U", ALL);
    private static final Pattern AGE_CODE = Pattern.compile("[A-Za-z0-9_+.-]{1,32}");
    private static final Pattern BREAKDOWN_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Lookups lookups;
    private final SnapshotRepository repository;

    public SeriesController(Lookups lookups, SnapshotRepository repository) {
        this.lookups = requireNonNull(lookups, "lookups is null");
        this.repository = requireNonNull(repository, "repository is null");
    }

    public void countryIndicators(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(VINTAGE));
        MemberState member = lookups.memberState(ctx.pathParam("iso3"));
        Snapshot snapshot = snapshot(ctx);
        List<IndicatorCoverage> coverage = repository.coverage(snapshot, member.iso3());
        List<CoverageView> indicators = coverage.stream()
                .map(covered -> CoverageView.of(
                        covered, lookups.codelists().indicators().find(covered.indicator())))
                .toList();
        boolean synthetic =
                snapshot.containsSyntheticData() || coverage.stream().anyMatch(IndicatorCoverage::synthetic);
        ctx.json(new JsonViews.CountryIndicators(
                JsonViews.notice(synthetic), synthetic, snapshot.id(), CountryView.of(member), indicators));
    }

    public void series(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(FROM, TO, SEX, AGE, BREAKDOWN, VINTAGE, FORMAT));
        requireJson(ctx);
        MemberState member = lookups.memberState(ctx.pathParam("iso3"));
        Indicator indicator = lookups.indicator(ctx.pathParam("code"));
        Integer from = year(ctx, FROM);
        Integer to = year(ctx, TO);
        if (from != null && to != null && from > to) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    FROM,
                    "Query parameter 'from' (%d) is after 'to' (%d); give from <= to".formatted(from, to));
        }
        String sex = QueryParameters.optional(ctx, SEX).orElse(SeriesQuery.TOTAL);
        if (!SEXES.contains(sex)) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    SEX,
                    "Query parameter 'sex' must be one of %s, not '%s'"
                            .formatted(String.join(", ", SEXES), Messages.quote(sex)));
        }
        String age = code(ctx, AGE, AGE_CODE, "an age-group code such as Y15T29, _T for the total, or all");
        String breakdown =
                code(ctx, BREAKDOWN, BREAKDOWN_CODE, "a breakdown type such as mechanism or relationship, _T, or all");
        Snapshot snapshot = snapshot(ctx);

        SeriesQuery query = new SeriesQuery(
                member.iso3(),
                indicator.code(),
                from == null ? OptionalInt.empty() : OptionalInt.of(from),
                to == null ? OptionalInt.empty() : OptionalInt.of(to),
                filter(sex),
                filter(age),
                filter(breakdown));
        List<SeriesObservation> observations = repository.series(snapshot, query);
        boolean synthetic =
                snapshot.containsSyntheticData() || observations.stream().anyMatch(SeriesObservation::synthetic);
        ctx.json(new JsonViews.Series(
                JsonViews.notice(synthetic),
                synthetic,
                snapshot.id(),
                CountryView.of(member),
                IndicatorView.of(indicator, lookups.iccsCategories(indicator)),
                new JsonViews.SeriesFilters(from, to, sex, age, breakdown),
                observations));
    }

    /** {@code format=csv} and {@code format=sdmx-csv} are part of the design but not served yet: say so. */
    private static void requireJson(Context ctx) {
        Optional<String> format = QueryParameters.optional(ctx, FORMAT);
        if (format.isPresent() && !format.get().equals("json")) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    FORMAT,
                    "Query parameter 'format' is '%s', but this server answers JSON only for now; use format=json or leave it out"
                            .formatted(Messages.quote(format.get())));
        }
    }

    /** The snapshot this request reads, resolved once: the vintage it names, or the current one. */
    private Snapshot snapshot(Context ctx) {
        Optional<String> vintage = QueryParameters.optional(ctx, VINTAGE);
        if (vintage.isEmpty()) {
            return repository.requireCurrent();
        }
        return repository
                .published(vintage.get())
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.NOT_FOUND,
                        VINTAGE,
                        "No published snapshot has the id '%s' (query parameter 'vintage'); leave 'vintage' out to read the current snapshot"
                                .formatted(Messages.quote(vintage.get()))));
    }

    private static Integer year(Context ctx, String name) {
        return ctx.queryParamAsClass(name, Integer.class)
                .allowNullable()
                .check(
                        year -> year == null || (year >= EARLIEST_YEAR && year <= LATEST_YEAR),
                        "must be a year from %d to %d".formatted(EARLIEST_YEAR, LATEST_YEAR))
                .get();
    }

    private static String code(Context ctx, String name, Pattern pattern, String expected) {
        String value = QueryParameters.optional(ctx, name).orElse(SeriesQuery.TOTAL);
        if (!pattern.matcher(value).matches()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    name,
                    "Query parameter '%s' must be %s, not '%s'".formatted(name, expected, Messages.quote(value)));
        }
        return value;
    }

    private static Optional<String> filter(String value) {
        return value.equals(ALL) ? Optional.empty() : Optional.of(value);
    }
}
