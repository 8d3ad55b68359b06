package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.observatory.api.query.IndicatorCoverage;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.SeriesQuery;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.text.ApiMessage;
import org.observatory.api.web.JsonViews.CountryView;
import org.observatory.api.web.JsonViews.CoverageView;
import org.observatory.api.web.JsonViews.IndicatorView;
import org.observatory.api.web.SnapshotResponses.Caching;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * Per-country data from the published snapshot: {@code GET /api/v1/countries/{iso3}/indicators} (what exists for
 * that country) and {@code GET /api/v1/countries/{iso3}/indicators/{code}} (one series). A series holds national
 * totals unless {@code sex}, {@code age} or {@code breakdown} ask for a disaggregation ({@code all} for every one);
 * {@code from} and {@code to} bound the years; {@code vintage} reads an older published snapshot instead of the
 * current one. {@code format=csv} and {@code format=sdmx-csv} give the series as CSV or SDMX-CSV 1.0 ({@link
 * SeriesCsv}). Responses go through {@link SnapshotResponses} (ETag, 304, response cache).
 */
public final class SeriesController {
    static final String FROM = "from";
    static final String TO = "to";
    public static final String SEX = "sex";
    public static final String AGE = "age";
    public static final String BREAKDOWN = "breakdown";
    public static final String VINTAGE = "vintage";
    static final String FORMAT = "format";
    public static final String ALL = "all";

    private static final int EARLIEST_YEAR = 1900;
    private static final int LATEST_YEAR = 2100;
    private static final List<String> SEXES = List.of(SeriesQuery.TOTAL, "M", "F", "_U", ALL);
    private static final Pattern AGE_CODE = Pattern.compile("[A-Za-z0-9_+.-]{1,32}");
    private static final Pattern BREAKDOWN_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final String JSON = "json";
    static final String CSV = "csv";
    static final String SDMX_CSV = "sdmx-csv";
    static final List<String> FORMATS = List.of(JSON, CSV, SDMX_CSV);

    private final Lookups lookups;
    private final SnapshotRepository repository;
    private final SnapshotResponses responses;
    private final Clock clock;

    /** The clock tells whether a dated {@code vintage} is over (then its answer may be kept an hour). */
    public SeriesController(Lookups lookups, SnapshotRepository repository, SnapshotResponses responses, Clock clock) {
        this.lookups = requireNonNull(lookups, "lookups is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void countryIndicators(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(VINTAGE));
        MemberState member = lookups.memberState(ctx.pathParam("iso3"));
        Vintage vintage = vintage(ctx, repository, clock);
        Snapshot snapshot = vintage.snapshot();
        Language language = ApiLanguage.language(ctx);
        responses.send(ctx, snapshot.id(), vintage.caching(), "country-indicators|" + member.iso3(), () -> {
            List<IndicatorCoverage> coverage = repository.coverage(snapshot, member.iso3());
            List<CoverageView> indicators = coverage.stream()
                    .map(covered -> CoverageView.of(
                            covered, lookups.codelists().indicators().find(covered.indicator()), language))
                    .toList();
            boolean synthetic =
                    snapshot.containsSyntheticData() || coverage.stream().anyMatch(IndicatorCoverage::synthetic);
            return SnapshotResponses.Rendered.json(new JsonViews.CountryIndicators(
                    JsonViews.notice(synthetic, language),
                    synthetic,
                    snapshot.id(),
                    CountryView.of(member, language),
                    indicators));
        });
    }

    public void series(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(FROM, TO, SEX, AGE, BREAKDOWN, VINTAGE, FORMAT));
        String format = format(ctx);
        MemberState member = lookups.memberState(ctx.pathParam("iso3"));
        Indicator indicator = lookups.indicator(ctx.pathParam("code"));
        Integer from = year(ctx, FROM);
        Integer to = year(ctx, TO);
        if (from != null && to != null && from > to) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    FROM,
                    Message.of(ApiMessage.FROM_AFTER_TO, "from", String.valueOf(from), "to", String.valueOf(to)));
        }
        String sex = sex(ctx);
        String age = age(ctx);
        String breakdown = breakdown(ctx);
        Vintage vintage = vintage(ctx, repository, clock);
        Snapshot snapshot = vintage.snapshot();
        String canonical = String.join(
                "|",
                "series",
                member.iso3(),
                indicator.code(),
                "from=" + from,
                "to=" + to,
                "sex=" + sex,
                "age=" + age,
                "breakdown=" + breakdown,
                "format=" + format);

        Language language = ApiLanguage.language(ctx);
        responses.send(ctx, snapshot.id(), vintage.caching(), canonical, () -> {
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
            String fileName = "%s-%s-%s".formatted(member.iso3(), indicator.code(), snapshot.id());
            return switch (format) {
                case CSV ->
                    new SnapshotResponses.Rendered(
                            SeriesCsv.csv(member, indicator, snapshot.id(), observations, JsonViews.notice(synthetic)),
                            SeriesCsv.CSV_TYPE,
                            Map.of("Content-Disposition", "inline; filename=\"%s.csv\"".formatted(fileName)));
                case SDMX_CSV ->
                    new SnapshotResponses.Rendered(
                            SeriesCsv.sdmxCsv(member, indicator, snapshot.id(), observations, synthetic),
                            SeriesCsv.CSV_TYPE,
                            Map.of("Content-Disposition", "inline; filename=\"%s.sdmx.csv\"".formatted(fileName)));
                default ->
                    SnapshotResponses.Rendered.json(new JsonViews.Series(
                            JsonViews.notice(synthetic, language),
                            synthetic,
                            snapshot.id(),
                            CountryView.of(member, language),
                            IndicatorView.of(indicator, lookups.iccsCategories(indicator), language),
                            new JsonViews.SeriesFilters(from, to, sex, age, breakdown),
                            observations.stream()
                                    .map(value -> JsonViews.ObservationView.of(value, snapshot.id(), language))
                                    .toList()));
            };
        });
    }

    /** The validated {@code sex} parameter: {@code _T} (the default), M, F, _U or {@code all}. */
    public static String sex(Context ctx) {
        String sex = QueryParameters.optional(ctx, SEX).orElse(SeriesQuery.TOTAL);
        if (!SEXES.contains(sex)) {
            throw new ParameterException(ErrorCode.INVALID_PARAMETER, SEX, QueryParameters.notOneOf(SEX, SEXES, sex));
        }
        return sex;
    }

    /** The validated {@code age} parameter: an age-group code, {@code _T} (the default) or {@code all}. */
    public static String age(Context ctx) {
        return code(ctx, AGE, AGE_CODE, ApiMessage.EXPECT_AGE_CODE);
    }

    /** The validated {@code breakdown} parameter: a breakdown type, {@code _T} (the default) or {@code all}. */
    public static String breakdown(Context ctx) {
        return code(ctx, BREAKDOWN, BREAKDOWN_CODE, ApiMessage.EXPECT_BREAKDOWN_CODE);
    }

    private static String format(Context ctx) {
        return QueryParameters.oneOf(ctx, FORMAT, FORMATS, JSON);
    }

    /** The snapshot a request reads and how clients may cache the answer, from how the request named it. */
    public record Vintage(Snapshot snapshot, Caching caching) {}

    /**
     * The snapshot this request reads, resolved once: the vintage it names, or the current one. Only a snapshot id
     * is immutable. A date or time that is over (UTC, by the clock) names the snapshot that was current then; the
     * answer says which in {@code Content-Location} (the same request with {@code vintage=<snapshot id>}) and may
     * be kept an hour. A date or time not yet over is answered from the snapshot current now, which may still
     * change, so it is cached like the current snapshot.
     */
    public static Vintage vintage(Context ctx, SnapshotRepository repository, Clock clock) {
        Optional<String> vintage = QueryParameters.optional(ctx, VINTAGE);
        if (vintage.isEmpty()) {
            return new Vintage(repository.requireCurrent(), Caching.REVALIDATE);
        }
        String asked = vintage.get();
        Optional<Snapshot> byId = repository.published(asked);
        if (byId.isPresent()) {
            return new Vintage(byId.get(), Caching.SNAPSHOT_ID);
        }
        Optional<Snapshot> snapshot = repository.vintage(asked);
        Optional<Instant> end = SnapshotRepository.vintageEnd(asked);
        if (snapshot.isPresent() && end.isPresent()) {
            if (clock.instant().isAfter(end.get())) {
                ctx.header(
                        "Content-Location", contentLocation(ctx, snapshot.get().id()));
                return new Vintage(snapshot.get(), Caching.PAST_DATE);
            }
            return new Vintage(snapshot.get(), Caching.REVALIDATE);
        }
        if (SnapshotRepository.isVintageTime(asked)) {
            throw new ParameterException(
                    ErrorCode.NOT_FOUND,
                    VINTAGE,
                    Message.of(ApiMessage.VINTAGE_TIME_BEFORE_FIRST, "vintage", Echo.quote(asked)));
        }
        throw new ParameterException(
                ErrorCode.NOT_FOUND, VINTAGE, Message.of(ApiMessage.VINTAGE_UNKNOWN, "vintage", Echo.quote(asked)));
    }

    /** This request's path and query with {@code vintage} set to the snapshot id (other parameters as sent). */
    static String contentLocation(Context ctx, String snapshotId) {
        List<String> parameters = new ArrayList<>();
        String query = ctx.queryString();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            parameters.add(isVintage(name) ? VINTAGE + "=" + snapshotId : pair);
        }
        return ctx.path() + "?" + String.join("&", parameters);
    }

    private static boolean isVintage(String encodedName) {
        try {
            return URLDecoder.decode(encodedName, StandardCharsets.UTF_8).equals(VINTAGE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Integer year(Context ctx, String name) {
        return ctx.queryParamAsClass(name, Integer.class)
                .allowNullable()
                .check(
                        year -> year == null || (year >= EARLIEST_YEAR && year <= LATEST_YEAR),
                        new ValidationError<>(
                                ApiMessage.EXPECT_YEAR.code(),
                                Map.of("from", String.valueOf(EARLIEST_YEAR), "to", String.valueOf(LATEST_YEAR)),
                                null))
                .get();
    }

    private static String code(Context ctx, String name, Pattern pattern, ApiMessage expected) {
        String value = QueryParameters.optional(ctx, name).orElse(SeriesQuery.TOTAL);
        if (!pattern.matcher(value).matches()) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    name,
                    Message.of(
                            ApiMessage.PARAMETER_NOT_A_CODE,
                            "parameter",
                            name,
                            "expected",
                            Message.of(expected),
                            "value",
                            Echo.quote(value)));
        }
        return value;
    }

    public static Optional<String> filter(String value) {
        return value.equals(ALL) ? Optional.empty() : Optional.of(value);
    }
}
