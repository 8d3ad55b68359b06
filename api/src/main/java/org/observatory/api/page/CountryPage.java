package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.observatory.api.query.PublishedSnapshot;
import org.observatory.api.query.SeriesObservation;
import org.observatory.api.query.SeriesQuery;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.web.Lookups;
import org.observatory.api.web.ParameterException;
import org.observatory.api.web.Paths;
import org.observatory.api.web.QueryParameters;
import org.observatory.api.web.SeriesController;
import org.observatory.api.web.SnapshotResponses;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.record.ObservationStatus;

/**
 * The country page {@code /countries/{iso3}}: for each indicator with values for that country (catalogue order),
 * its own trend as server-drawn charts (count, and rate per 100,000 where a population exists) with the same
 * numbers in a table, and beside them the definition, unit, ICCS codes, the country's national definitions and
 * their match quality, caveats, sources, footnotes, flags and the population used; downloads (the API's own URLs),
 * a citation naming the vintage and a vintage selector. Disaggregations (sex, age, breakdown) come on request
 * ({@code ?indicator=<code>&sex=all}), as a table. The page reads only that country's values: it never shows
 * another country's, nor averages or comparisons.
 *
 * <p>Pages are kept in the response cache like the API's answers: the ETag is made of the snapshot and the
 * canonical request (language, parameters, the host the citation names), and {@code Cache-Control} follows how the
 * vintage was named.
 */
public final class CountryPage {
    static final String INDICATOR = "indicator";
    static final String LANG = "lang";
    private static final Set<String> UNITS = Set.of("victims", "offences", "persons", "percent");
    /** How the descriptions of sources that ingest writes (in English) begin. */
    static final List<String> SYSTEM_SOURCES = List.of("National observatory submission", "Correspondence table");

    private static final Set<String> SOURCE_KINDS =
            Set.of("cts", "national", "population", "sdmx-csv", "correspondence", "survey");
    private static final Set<String> MATCH_QUALITIES = Set.of("full", "partial", "broader", "narrower");
    private static final Set<String> SEXES = Set.of("_T", "M", "F", "_U");

    private final Pages pages;
    private final SnapshotRepository repository;
    private final CountryData data;
    private final Lookups lookups;
    private final SnapshotResponses responses;
    private final Clock clock;

    public CountryPage(
            Pages pages, SnapshotRepository repository, Lookups lookups, SnapshotResponses responses, Clock clock) {
        this.pages = requireNonNull(pages, "pages is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.data = new CountryData(repository);
        this.lookups = requireNonNull(lookups, "lookups is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The page's content. */
    public record View(
            MemberState member,
            List<IndicatorSection> indicators,
            VintageChoice vintages,
            Citation citation,
            String pagePath,
            Optional<String> selectedVintage) {
        public View {
            requireNonNull(member, "member is null");
            indicators = List.copyOf(requireNonNull(indicators, "indicators is null"));
            requireNonNull(vintages, "vintages is null");
            requireNonNull(citation, "citation is null");
            requireNonNull(pagePath, "pagePath is null");
            requireNonNull(selectedVintage, "selectedVintage is null");
        }

        /** The query and fragment of the link that shows that disaggregation of the section's indicator. */
        public String disaggregationQuery(IndicatorSection section, DisaggregationChoice choice) {
            StringBuilder query =
                    new StringBuilder("?indicator=").append(section.indicator().code());
            if (!choice.sex().equals(SeriesQuery.TOTAL)) {
                query.append("&sex=").append(choice.sex());
            }
            if (!choice.age().equals(SeriesQuery.TOTAL)) {
                query.append("&age=").append(choice.age());
            }
            if (!choice.breakdown().equals(SeriesQuery.TOTAL)) {
                query.append("&breakdown=").append(choice.breakdown());
            }
            selectedVintage.ifPresent(id -> query.append("&vintage=").append(id));
            return query.append('#').append(section.anchor()).toString();
        }
    }

    /**
     * A disaggregation the page links to from each indicator (the parameters of the series route, and the message
     * key of the link's text); other combinations can still be asked for in the URL.
     */
    public record DisaggregationChoice(String sex, String age, String breakdown, String labelKey) {
        public DisaggregationChoice {
            requireNonNull(sex, "sex is null");
            requireNonNull(age, "age is null");
            requireNonNull(breakdown, "breakdown is null");
            requireNonNull(labelKey, "labelKey is null");
        }

        /** Whether the section shows this disaggregation now. */
        public boolean shownIn(IndicatorSection section) {
            return section.disaggregation()
                    .filter(shown -> shown.sex().equals(sex)
                            && shown.age().equals(age)
                            && shown.breakdown().equals(breakdown))
                    .isPresent();
        }
    }

    /** Each sex, each age group, each breakdown, and all three at once. */
    public static final List<DisaggregationChoice> DISAGGREGATIONS = List.of(
            new DisaggregationChoice(
                    SeriesController.ALL, SeriesQuery.TOTAL, SeriesQuery.TOTAL, "country.disaggregation.sex"),
            new DisaggregationChoice(
                    SeriesQuery.TOTAL, SeriesController.ALL, SeriesQuery.TOTAL, "country.disaggregation.age"),
            new DisaggregationChoice(
                    SeriesQuery.TOTAL, SeriesQuery.TOTAL, SeriesController.ALL, "country.disaggregation.breakdown"),
            new DisaggregationChoice(
                    SeriesController.ALL, SeriesController.ALL, SeriesController.ALL, "country.disaggregation.all"));

    /** One indicator: its charts, its table and everything that travels with the values. */
    public record IndicatorSection(
            Indicator indicator,
            String anchor,
            String unit,
            List<IccsCategory> iccs,
            Chart count,
            Optional<Chart> rate,
            List<TableRow> rows,
            boolean reportedRates,
            List<NationalDefinition> nationalDefinitions,
            List<String> caveats,
            List<Source> sources,
            List<Footnote> footnotes,
            List<Flag> flags,
            List<String> populationSources,
            Downloads downloads,
            Optional<Disaggregation> disaggregation) {
        public IndicatorSection {
            requireNonNull(indicator, "indicator is null");
            requireNonNull(anchor, "anchor is null");
            requireNonNull(unit, "unit is null");
            iccs = List.copyOf(requireNonNull(iccs, "iccs is null"));
            requireNonNull(count, "count is null");
            requireNonNull(rate, "rate is null");
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
            nationalDefinitions = List.copyOf(requireNonNull(nationalDefinitions, "nationalDefinitions is null"));
            caveats = List.copyOf(requireNonNull(caveats, "caveats is null"));
            sources = List.copyOf(requireNonNull(sources, "sources is null"));
            footnotes = List.copyOf(requireNonNull(footnotes, "footnotes is null"));
            flags = List.copyOf(requireNonNull(flags, "flags is null"));
            populationSources = List.copyOf(requireNonNull(populationSources, "populationSources is null"));
            requireNonNull(downloads, "downloads is null");
            requireNonNull(disaggregation, "disaggregation is null");
        }

        public boolean hollowMarkers() {
            return count.chart().markers().stream().anyMatch(TrendChart.Marker::hollow);
        }

        public boolean hasBreaks() {
            return !count.chart().breaks().isEmpty();
        }

        public boolean hasSuppressed() {
            return !count.chart().suppressed().isEmpty();
        }
    }

    /**
     * One chart with its accessible name and description; {@code values} holds each marker's number as the table
     * shows it, by year.
     */
    public record Chart(
            String id,
            String caption,
            String title,
            String description,
            TrendChart chart,
            Map<Integer, String> values) {
        public Chart {
            requireNonNull(id, "id is null");
            requireNonNull(caption, "caption is null");
            requireNonNull(title, "title is null");
            requireNonNull(description, "description is null");
            requireNonNull(chart, "chart is null");
            values = Map.copyOf(requireNonNull(values, "values is null"));
        }

        public String value(int year) {
            return values.getOrDefault(year, "");
        }
    }

    /** A row of an indicator's table: one year's national total, formatted in the page's language. */
    public record TableRow(
            int year,
            String count,
            String rate,
            String population,
            String reportedRate,
            String flags,
            String footnote,
            boolean suppressed,
            boolean missing) {}

    /** A national offence definition the values came from, with its match to the ICCS category. */
    public record NationalDefinition(String code, String label, String matchQuality) {}

    /**
     * Where values came from: the kind of source in the page's language and the source as stored; {@code sourceLang}
     * is {@code en} when the source is a description ingest wrote in English ({@link #SYSTEM_SOURCES}) on a page in
     * another language, else {@code null} (a source a country wrote is in a language we cannot know).
     */
    public record Source(String kind, String source, String sourceLang) {}

    /** A footnote with the years it applies to. */
    public record Footnote(String years, String text) {}

    /** A flag used in the series, with its label in the page's language. */
    public record Flag(String code, String label) {}

    /** The API URLs of the indicator's series. */
    public record Downloads(String csv, String json, String sdmxCsv) {}

    /** The disaggregated values asked for, as a table. */
    public record Disaggregation(String sex, String age, String breakdown, List<DisaggregationRow> rows, String csv) {
        public Disaggregation {
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }

    /** One disaggregated value. */
    public record DisaggregationRow(
            int year,
            String sex,
            String age,
            String breakdown,
            String count,
            String rate,
            String flags,
            boolean suppressed) {}

    /** The published vintages, newest first, and the one shown. */
    public record VintageChoice(List<VintageOption> options, String shown) {
        public VintageChoice {
            options = List.copyOf(requireNonNull(options, "options is null"));
            requireNonNull(shown, "shown is null");
        }
    }

    /** One published vintage. */
    public record VintageOption(String id, String publishedAt, boolean current, boolean selected) {}

    /** The citation of what the page shows. */
    public record Citation(String text, String download, boolean synthetic) {}

    /** What the request asks for beyond the country: the disaggregation of one indicator. */
    record Request(Optional<Indicator> indicator, String sex, String age, String breakdown) {
        String canonical() {
            return "indicator=" + indicator.map(Indicator::code).orElse("") + "|sex=" + sex + "|age=" + age
                    + "|breakdown=" + breakdown;
        }
    }

    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        QueryParameters.acceptOnly(
                ctx,
                List.of(
                        SeriesController.VINTAGE,
                        INDICATOR,
                        SeriesController.SEX,
                        SeriesController.AGE,
                        SeriesController.BREAKDOWN,
                        LANG));
        MemberState member = lookups.memberState(ctx.pathParam("iso3"));
        Request request = request(ctx);
        SeriesController.Vintage vintage = SeriesController.vintage(ctx, repository, clock);
        Snapshot snapshot = vintage.snapshot();
        Optional<String> selectedVintage =
                QueryParameters.optional(ctx, SeriesController.VINTAGE).map(asked -> snapshot.id());
        PageFrame frame = pages.frame(ctx, t, t.text("country.title", t.country(member)), Optional.of(snapshot));
        String origin = ctx.scheme() + "://" + ctx.host();
        String canonical = String.join(
                "|",
                "page-country",
                member.iso3(),
                "locale=" + t.tag(),
                "vintage=" + selectedVintage.orElse(""),
                request.canonical(),
                "origin=" + origin,
                "path=" + frame.path());
        pages.headers(ctx, frame);
        responses.send(ctx, snapshot.id(), vintage.caching(), canonical, () -> {
            View view = view(t, member, snapshot, selectedVintage, request, origin);
            String html = pages.html(ctx, "country.jte", frame, view);
            return new SnapshotResponses.Rendered(html.getBytes(StandardCharsets.UTF_8), Pages.HTML, Map.of());
        });
    }

    private Request request(Context ctx) {
        Optional<Indicator> indicator = QueryParameters.optional(ctx, INDICATOR).map(code -> lookups.codelists()
                .indicators()
                .find(code)
                .orElseThrow(() -> new ParameterException(
                        ErrorCode.INVALID_PARAMETER,
                        INDICATOR,
                        ("Query parameter 'indicator' must be an indicator code of the catalogue, not '%s'; GET"
                                        + " /api/v1/indicators lists them")
                                .formatted(code.replaceAll("\\p{Cntrl}", "?")))));
        String sex = SeriesController.sex(ctx);
        String age = SeriesController.age(ctx);
        String breakdown = SeriesController.breakdown(ctx);
        boolean disaggregates = !(sex.equals(SeriesQuery.TOTAL)
                && age.equals(SeriesQuery.TOTAL)
                && breakdown.equals(SeriesQuery.TOTAL));
        if (disaggregates && indicator.isEmpty()) {
            String parameter = ctx.queryParam(SeriesController.SEX) != null
                    ? SeriesController.SEX
                    : ctx.queryParam(SeriesController.AGE) != null ? SeriesController.AGE : SeriesController.BREAKDOWN;
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    parameter,
                    ("Query parameter '%s' asks for a disaggregation, but no indicator is named; add"
                                    + " indicator=<code> (e.g. indicator=intentional-homicide) or leave '%s' out")
                            .formatted(parameter, parameter));
        }
        return new Request(indicator, sex, age, breakdown);
    }

    View view(
            Localizer t,
            MemberState member,
            Snapshot snapshot,
            Optional<String> selectedVintage,
            Request request,
            String origin) {
        Map<String, List<SeriesObservation>> totals = data.nationalTotals(snapshot, member.iso3());
        if (request.indicator().isPresent()
                && !totals.containsKey(request.indicator().get().code())) {
            throw new ParameterException(
                    ErrorCode.INVALID_PARAMETER,
                    INDICATOR,
                    ("%s has no values of '%s' in vintage %s (query parameter 'indicator'); give one of %s or leave"
                                    + " 'indicator' out")
                            .formatted(
                                    member.iso3(),
                                    request.indicator().get().code(),
                                    snapshot.id(),
                                    totals.isEmpty() ? "(none)" : String.join(", ", totals.keySet())));
        }
        List<IndicatorSection> sections = new ArrayList<>();
        for (Indicator indicator : lookups.codelists().indicators().all()) {
            List<SeriesObservation> series = totals.get(indicator.code());
            if (series != null) {
                Optional<Disaggregation> disaggregation = request.indicator()
                        .filter(asked -> asked.code().equals(indicator.code()))
                        .map(asked -> disaggregation(t, member, indicator, snapshot, selectedVintage, request));
                sections.add(section(t, member, indicator, series, selectedVintage, disaggregation));
            }
        }
        List<PublishedSnapshot> published = repository.publishedSnapshots();
        List<VintageOption> options = new ArrayList<>();
        String publishedAt = "";
        for (int index = published.size() - 1; index >= 0; index--) {
            PublishedSnapshot vintage = published.get(index);
            String when = t.dateTime(vintage.publishedAt());
            boolean shown = vintage.snapshot().id().equals(snapshot.id());
            if (shown) {
                publishedAt = when;
            }
            options.add(new VintageOption(vintage.snapshot().id(), when, vintage.current(), shown));
        }
        if (options.stream().noneMatch(VintageOption::selected)) {
            options.add(0, new VintageOption(snapshot.id(), "", false, true));
        }
        String pagePath = "/countries/" + member.iso3();
        String citedUrl = origin + "/" + t.language().code() + pagePath + "?vintage=" + snapshot.id();
        String year = publishedYear(published, snapshot);
        Citation citation = new Citation(
                t.text(
                        "country.citation.text",
                        t.text("site.name"),
                        year,
                        t.country(member),
                        snapshot.id(),
                        publishedAt.isEmpty() ? snapshot.id() : publishedAt,
                        citedUrl),
                Paths.expand(Paths.SNAPSHOT_DOWNLOAD, snapshot.id()),
                snapshot.containsSyntheticData());
        return new View(
                member, sections, new VintageChoice(options, snapshot.id()), citation, pagePath, selectedVintage);
    }

    private static String publishedYear(List<PublishedSnapshot> published, Snapshot snapshot) {
        return published.stream()
                .filter(vintage -> vintage.snapshot().id().equals(snapshot.id()))
                .map(PublishedSnapshot::publishedAt)
                .filter(at -> at.length() >= 4)
                .map(at -> at.substring(0, 4))
                .findFirst()
                .orElse(
                        snapshot.manifest().createdAt().length() >= 4
                                ? snapshot.manifest().createdAt().substring(0, 4)
                                : "");
    }

    private IndicatorSection section(
            Localizer t,
            MemberState member,
            Indicator indicator,
            List<SeriesObservation> series,
            Optional<String> selectedVintage,
            Optional<Disaggregation> disaggregation) {
        // one value per year on the chart: the first of the year (the series is ordered by source kind within it)
        Map<Integer, SeriesObservation> byYear = new LinkedHashMap<>();
        for (SeriesObservation observation : series) {
            byYear.putIfAbsent(observation.year(), observation);
        }
        String name = t.indicator(indicator);
        String unit = unit(t, indicator.unit());
        Chart count = chart(
                t,
                indicator.code() + "-count",
                t.text("country.chart.countTitle", name, count(t, indicator.unit(), true), t.country(member)),
                count(t, indicator.unit(), false),
                byYear,
                SeriesObservation::count,
                CountryPage::formatCount);
        boolean computedRates = series.stream().anyMatch(observation -> observation.ratePer100k() != null);
        // DESIGN: the platform's own rate wherever a population exists, otherwise the rate the source reported
        boolean reportedRates = series.stream()
                .anyMatch(observation -> observation.ratePer100k() == null && observation.reportedRate() != null);
        Optional<Chart> rate = Optional.empty();
        if (computedRates) {
            rate = Optional.of(chart(
                    t,
                    indicator.code() + "-rate",
                    t.text("country.chart.rateTitle", name, t.country(member)),
                    t.text("country.chart.rateNoun"),
                    byYear,
                    SeriesObservation::ratePer100k,
                    (localizer, value) -> localizer.decimal(value, 2)));
        } else if (reportedRates) {
            rate = Optional.of(chart(
                    t,
                    indicator.code() + "-rate",
                    t.text("country.chart.reportedRateTitle", name, t.country(member)),
                    t.text("country.chart.reportedRateNoun"),
                    byYear,
                    SeriesObservation::reportedRate,
                    (localizer, value) -> localizer.decimal(value, 2)));
        }

        List<TableRow> rows = new ArrayList<>();
        int first = series.get(0).year();
        int last = series.get(series.size() - 1).year();
        for (int year = first; year <= last; year++) {
            int thisYear = year;
            List<SeriesObservation> ofYear = series.stream()
                    .filter(observation -> observation.year() == thisYear)
                    .toList();
            if (ofYear.isEmpty()) {
                rows.add(new TableRow(year, "", "", "", "", "", "", false, true));
            }
            for (SeriesObservation observation : ofYear) {
                boolean suppressed = suppressed(observation);
                rows.add(new TableRow(
                        year,
                        observation.count() == null ? "" : formatCount(t, observation.count()),
                        observation.ratePer100k() == null ? "" : t.decimal(observation.ratePer100k(), 2),
                        observation.population() == null ? "" : t.integer(Math.round(observation.population())),
                        observation.reportedRate() == null || observation.ratePer100k() != null
                                ? ""
                                : t.decimal(observation.reportedRate(), 2),
                        flags(t, observation),
                        observation.footnote() == null ? "" : observation.footnote(),
                        suppressed,
                        false));
            }
        }

        Set<NationalDefinition> definitions = new LinkedHashSet<>();
        Set<String> caveats = new LinkedHashSet<>();
        Set<Source> sources = new LinkedHashSet<>();
        Map<String, List<Integer>> footnotes = new LinkedHashMap<>();
        Set<Flag> flags = new LinkedHashSet<>();
        Set<String> populationSources = new LinkedHashSet<>();
        for (SeriesObservation observation : series) {
            if (observation.nationalCode() != null || observation.nationalLabel() != null) {
                definitions.add(new NationalDefinition(
                        observation.nationalCode() == null ? "" : observation.nationalCode(),
                        observation.nationalLabel() == null ? "" : observation.nationalLabel(),
                        matchQuality(t, observation.matchQuality())));
            }
            caveat(t, observation).ifPresent(caveats::add);
            if (observation.source() != null || observation.sourceKind() != null) {
                String source = observation.source() == null ? "" : observation.source();
                sources.add(new Source(
                        sourceKind(t, observation.sourceKind()),
                        source,
                        SYSTEM_SOURCES.stream().anyMatch(source::startsWith) ? t.langOfEnglish() : null));
            }
            if (observation.footnote() != null && !observation.footnote().isBlank()) {
                footnotes
                        .computeIfAbsent(observation.footnote(), key -> new ArrayList<>())
                        .add(observation.year());
            }
            for (String code : flagCodes(observation)) {
                flags.add(new Flag(code, statusLabel(t, code)));
            }
            if (observation.populationSource() != null
                    && !observation.populationSource().isBlank()) {
                populationSources.add(observation.populationSource());
            }
        }
        List<Footnote> footnoteList = new ArrayList<>();
        footnotes.forEach((text, years) -> footnoteList.add(new Footnote(
                String.join(", ", years.stream().distinct().map(String::valueOf).toList()), text)));

        String base = seriesPath(member, indicator);
        String vintage = selectedVintage.map(id -> "&vintage=" + id).orElse("");
        Downloads downloads = new Downloads(
                base + "?format=csv" + vintage,
                selectedVintage.map(id -> base + "?vintage=" + id).orElse(base),
                base + "?format=sdmx-csv" + vintage);
        return new IndicatorSection(
                indicator,
                "indicator-" + indicator.code(),
                unit,
                indicator.iccsCodes().stream()
                        .map(code -> lookups.codelists().iccs().require(code))
                        .toList(),
                count,
                rate,
                rows,
                reportedRates,
                List.copyOf(definitions),
                List.copyOf(caveats),
                List.copyOf(sources),
                footnoteList,
                List.copyOf(flags),
                List.copyOf(populationSources),
                downloads,
                disaggregation);
    }

    private Disaggregation disaggregation(
            Localizer t,
            MemberState member,
            Indicator indicator,
            Snapshot snapshot,
            Optional<String> selectedVintage,
            Request request) {
        SeriesQuery query = new SeriesQuery(
                member.iso3(),
                indicator.code(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                SeriesController.filter(request.sex()),
                SeriesController.filter(request.age()),
                SeriesController.filter(request.breakdown()));
        List<DisaggregationRow> rows = data.series(snapshot, query).stream()
                .map(observation -> new DisaggregationRow(
                        observation.year(),
                        sexLabel(t, observation.sex()),
                        observation.age().equals(SeriesQuery.TOTAL)
                                ? t.text("country.disaggregation.total")
                                : observation.age(),
                        observation.breakdownType().equals(SeriesQuery.TOTAL)
                                ? t.text("country.disaggregation.total")
                                : t.labelValue(observation.breakdownType(), observation.breakdown()),
                        observation.count() == null ? "" : formatCount(t, observation.count()),
                        observation.ratePer100k() == null ? "" : t.decimal(observation.ratePer100k(), 2),
                        flags(t, observation),
                        suppressed(observation)))
                .toList();
        String csv = seriesPath(member, indicator) + "?format=csv"
                + "&sex=" + request.sex() + "&age=" + request.age() + "&breakdown=" + request.breakdown()
                + selectedVintage.map(id -> "&vintage=" + id).orElse("");
        return new Disaggregation(request.sex(), request.age(), request.breakdown(), rows, csv);
    }

    /** The API's series of the indicator for the country: the page's downloads. */
    private static String seriesPath(MemberState member, Indicator indicator) {
        return Paths.API + "/countries/" + member.iso3() + "/indicators/" + indicator.code();
    }

    /** A value the small-cell rule (or the source) suppressed: no number, status Q or confidentiality C. */
    static boolean suppressed(SeriesObservation observation) {
        return observation.count() == null
                && (ObservationStatus.SUPPRESSED.equals(observation.obsStatus()) || "C".equals(observation.obsConf()));
    }

    private Chart chart(
            Localizer t,
            String id,
            String title,
            String noun,
            Map<Integer, SeriesObservation> byYear,
            Function<SeriesObservation, Double> value,
            java.util.function.BiFunction<Localizer, Double, String> format) {
        List<TrendChart.Value> values = new ArrayList<>();
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (SeriesObservation observation : byYear.values()) {
            Double number = value.apply(observation);
            boolean suppressed = number == null && suppressed(observation);
            values.add(new TrendChart.Value(observation.year(), number, observation.obsStatus(), suppressed));
            if (number != null) {
                labels.put(observation.year(), format.apply(t, number));
            }
        }
        TrendChart chart = TrendChart.of(values, t::decimal);
        return new Chart(id, noun, title, describe(t, noun, values, labels, chart), chart, labels);
    }

    /**
     * The trend in words, for the chart's {@code <desc>}: the first and last years with values and their values,
     * the direction and size of the change, breaks in series, estimated values, suppressed values and gaps.
     */
    static String describe(
            Localizer t, String noun, List<TrendChart.Value> values, Map<Integer, String> labels, TrendChart chart) {
        List<TrendChart.Value> numbers =
                values.stream().filter(value -> value.value() != null).toList();
        List<String> sentences = new ArrayList<>();
        if (numbers.isEmpty()) {
            sentences.add(t.text("country.desc.none", noun));
        } else if (numbers.size() == 1) {
            TrendChart.Value only = numbers.get(0);
            sentences.add(t.text("country.desc.single", noun, labels.get(only.year()), only.year()));
        } else {
            TrendChart.Value first = numbers.get(0);
            TrendChart.Value last = numbers.get(numbers.size() - 1);
            String direction;
            if (last.value().equals(first.value())) {
                direction = t.text("country.desc.unchanged");
            } else if (first.value() == 0) {
                direction = t.text(last.value() > first.value() ? "country.desc.upFromZero" : "country.desc.unchanged");
            } else {
                double change = (last.value() - first.value()) / first.value();
                direction = t.text(change > 0 ? "country.desc.up" : "country.desc.down", t.percent(Math.abs(change)));
            }
            sentences.add(t.text(
                    "country.desc.trend",
                    noun,
                    first.year(),
                    last.year(),
                    labels.get(first.year()),
                    labels.get(last.year()),
                    direction));
        }
        if (!chart.breaks().isEmpty()) {
            sentences.add(t.text(
                    "country.desc.breaks",
                    years(chart.breaks().stream()
                            .map(TrendChart.BreakMark::year)
                            .toList())));
        }
        List<Integer> hollow = chart.markers().stream()
                .filter(TrendChart.Marker::hollow)
                .map(TrendChart.Marker::year)
                .toList();
        if (!hollow.isEmpty()) {
            sentences.add(t.text("country.desc.estimated", years(hollow)));
        }
        if (!chart.suppressed().isEmpty()) {
            sentences.add(t.text(
                    "country.desc.suppressed",
                    years(chart.suppressed().stream()
                            .map(TrendChart.SuppressedMark::year)
                            .toList())));
        }
        List<Integer> gaps = new ArrayList<>(chart.gapYears());
        values.stream()
                .filter(value -> value.value() == null && !value.suppressed())
                .forEach(value -> gaps.add(value.year()));
        if (!gaps.isEmpty()) {
            sentences.add(t.text(
                    "country.desc.gaps", years(gaps.stream().sorted().distinct().toList())));
        }
        return String.join(" ", sentences);
    }

    private static String years(List<Integer> years) {
        return String.join(", ", years.stream().map(String::valueOf).toList());
    }

    private static String formatCount(Localizer t, Double count) {
        return t.decimal(count, count == Math.rint(count) ? 0 : 1);
    }

    private static List<String> flagCodes(SeriesObservation observation) {
        List<String> codes = new ArrayList<>();
        if (observation.obsStatus() != null
                && !observation.obsStatus().isBlank()
                && !observation.obsStatus().equals(ObservationStatus.NORMAL)) {
            codes.add(observation.obsStatus());
        }
        return codes;
    }

    /** The flags of a value as text: each OBS_STATUS code with its label, and confidentiality when it applies. */
    private String flags(Localizer t, SeriesObservation observation) {
        List<String> parts = new ArrayList<>();
        for (String code : flagCodes(observation)) {
            parts.add(code + " " + statusLabel(t, code));
        }
        if (observation.count() == null && suppressed(observation) && parts.isEmpty()) {
            parts.add(t.text("country.suppressed"));
        }
        return parts.stream()
                .reduce((left, right) -> t.text("format.semicolon", left, right))
                .orElse("");
    }

    private String statusLabel(Localizer t, String code) {
        return lookups.codelists()
                .observationStatuses()
                .find(code)
                .map(t::status)
                .orElse(code);
    }

    /**
     * What the count of a unit is called: "Nombre d’infractions" (a text per unit, so each language writes its own
     * article or elision), in a chart's title the same in lower case; a unit the page does not know is named as is.
     */
    private static String count(Localizer t, String unit, boolean inTitle) {
        String key = inTitle ? "country.countInTitle." : "country.count.";
        return UNITS.contains(unit) ? t.text(key + unit) : t.text(key + "other", unit);
    }

    private static String unit(Localizer t, String unit) {
        return UNITS.contains(unit) ? t.text("country.unit." + unit) : unit;
    }

    private static String sourceKind(Localizer t, String kind) {
        if (kind == null) {
            return "";
        }
        return SOURCE_KINDS.contains(kind) ? t.text("country.sourceKind." + kind) : kind;
    }

    private static String matchQuality(Localizer t, String quality) {
        if (quality == null || quality.isBlank()) {
            return "";
        }
        return knownMatchQuality(quality).map(t::matchQuality).orElse(quality);
    }

    /**
     * The comparability caveat of a value in the page's language: the caveat of its match quality's code (the
     * stored caveat text is that caveat in English); a caveat stored without a known match quality is shown as
     * stored.
     */
    static Optional<String> caveat(Localizer t, SeriesObservation observation) {
        Optional<MatchQuality> quality =
                Optional.ofNullable(observation.matchQuality()).flatMap(CountryPage::knownMatchQuality);
        if (quality.isPresent()) {
            return t.caveat(quality.get());
        }
        return Optional.ofNullable(observation.caveat()).filter(caveat -> !caveat.isBlank());
    }

    private static Optional<MatchQuality> knownMatchQuality(String code) {
        return MATCH_QUALITIES.contains(code) ? Optional.of(MatchQuality.fromCode(code)) : Optional.empty();
    }

    private static String sexLabel(Localizer t, String sex) {
        return SEXES.contains(sex) ? t.text("country.sex." + sex.replace("_", "")) : sex;
    }
}
