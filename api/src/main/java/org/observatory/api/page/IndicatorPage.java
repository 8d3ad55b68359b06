package org.observatory.api.page;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.observatory.api.query.CountryYears;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.web.Lookups;
import org.observatory.schemas.classification.IccsCategory;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.Subregion;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

/**
 * The indicator page {@code /indicators/{code}}: the indicator's definition in the page's language, unit, ICCS codes
 * with their labels, formula, CTS section and source kinds, and its coverage: which years each member state has
 * values for in the current snapshot (or the one {@code ?vintage=} names), the members grouped by subregion in
 * DESIGN's fixed order and by code inside each group, those without any listed as having no data. The page shows
 * years only: never a value, never a count of years, never countries in any other order.
 */
public final class IndicatorPage {
    static final String VINTAGE = "vintage";

    private final Pages pages;
    private final SnapshotRepository repository;
    private final Lookups lookups;

    public IndicatorPage(Pages pages, SnapshotRepository repository, Lookups lookups) {
        this.pages = requireNonNull(pages, "pages is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.lookups = requireNonNull(lookups, "lookups is null");
    }

    /**
     * The indicator page's content.
     *
     * @param vintage the snapshot whose coverage is shown; empty before the first publication
     * @param vintages the published snapshot ids, newest first, for the vintage selector
     * @param span every year from the first to the last any member has data for (the columns of the year grid)
     */
    public record View(
            Indicator indicator,
            List<IccsCategory> iccsCategories,
            Optional<String> vintage,
            List<String> vintages,
            List<Integer> span,
            List<SubregionCoverage> coverage) {
        public View {
            requireNonNull(indicator, "indicator is null");
            iccsCategories = List.copyOf(requireNonNull(iccsCategories, "iccsCategories is null"));
            requireNonNull(vintage, "vintage is null");
            vintages = List.copyOf(requireNonNull(vintages, "vintages is null"));
            span = List.copyOf(requireNonNull(span, "span is null"));
            coverage = List.copyOf(requireNonNull(coverage, "coverage is null"));
        }

        /** Whether any member has data for the indicator in the vintage shown. */
        public boolean anyData() {
            return !span.isEmpty();
        }
    }

    /** The members of one subregion, by code, with the years each has data for. */
    public record SubregionCoverage(Subregion subregion, List<MemberCoverage> members) {
        public SubregionCoverage {
            requireNonNull(subregion, "subregion is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
        }
    }

    /**
     * One member's years with data, as runs of consecutive years, and as one flag per year of the page's span (the
     * year grid).
     */
    public record MemberCoverage(MemberState member, List<YearRange> ranges, List<YearCell> cells) {
        public MemberCoverage {
            requireNonNull(member, "member is null");
            ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
            cells = List.copyOf(requireNonNull(cells, "cells is null"));
        }

        public boolean hasData() {
            return !ranges.isEmpty();
        }

        /** The runs as text, e.g. {@code 2010–2015, 2018}. */
        public String rangesText() {
            return ranges.stream().map(YearRange::text).collect(Collectors.joining(", "));
        }
    }

    /** A run of consecutive years, from first to last (the same year for a single year). */
    public record YearRange(int first, int last) {
        public YearRange {
            if (last < first) {
                throw new IllegalArgumentException(
                        "a year range ends (%d) before it starts (%d)".formatted(last, first));
            }
        }

        /** {@code 2018} or {@code 2010–2015} (an en dash; years are never written with a group separator). */
        public String text() {
            return first == last ? Integer.toString(first) : first + "\u2013" + last;
        }
    }

    /** One year of the grid and whether the member has data for it. */
    public record YearCell(int year, boolean covered) {}

    public void show(Context ctx) {
        Localizer t = pages.localizer(ctx);
        Indicator indicator = lookups.indicator(ctx.pathParam("code"));
        Optional<Snapshot> snapshot = snapshot(ctx);
        MemberList members = lookups.codelists().members();
        List<CountryYears> years =
                snapshot.map(chosen -> repository.yearsByCountry(chosen, indicator.code())).orElse(List.of()).stream()
                        .filter(country -> members.isMember(country.iso3()))
                        .toList();
        List<String> vintages = snapshot.isEmpty()
                ? List.of()
                : repository.publishedSnapshots().stream()
                        .map(published -> published.snapshot().id())
                        .collect(Collectors.collectingAndThen(Collectors.toList(), ids -> {
                            Collections.reverse(ids);
                            return List.copyOf(ids);
                        }));
        List<Integer> span = span(years);
        View view = new View(
                indicator,
                lookups.iccsCategories(indicator),
                snapshot.map(Snapshot::id),
                vintages,
                span,
                coverage(members, years, span));
        PageFrame frame = pages.frame(ctx, t, t.indicator(indicator), snapshot);
        pages.render(ctx, "indicator.jte", frame, view);
    }

    /** The snapshot {@code ?vintage=} names (an id or a date), or the current one; none before the first. */
    private Optional<Snapshot> snapshot(Context ctx) {
        String asked = ctx.queryParam(VINTAGE);
        if (asked == null || asked.isBlank()) {
            return repository.current();
        }
        return Optional.of(repository
                .vintage(asked.strip())
                .orElseThrow(() -> new ObservatoryException(
                        ErrorCode.NOT_FOUND,
                        ("No published snapshot has the id or was current on '%s' (query parameter 'vintage'); give a"
                                        + " snapshot id or a date (YYYY-MM-DD) as listed by GET /api/v1/snapshots, or leave"
                                        + " 'vintage' out to see the current snapshot")
                                .formatted(printable(asked)))));
    }

    /** Every year from the first to the last year any of the countries has data for; empty when none has. */
    static List<Integer> span(List<CountryYears> years) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (CountryYears country : years) {
            first = Math.min(first, country.years().get(0));
            last = Math.max(last, country.years().get(country.years().size() - 1));
        }
        List<Integer> span = new ArrayList<>();
        for (int year = first; year <= last && first != Integer.MAX_VALUE; year++) {
            span.add(year);
        }
        return span;
    }

    /**
     * Every member, grouped by subregion in DESIGN's order and by code inside each group, with its years (none for a
     * member without data). Countries that are not members of this deployment are left out.
     */
    static List<SubregionCoverage> coverage(MemberList members, List<CountryYears> years, List<Integer> span) {
        Map<String, List<Integer>> byCountry =
                years.stream().collect(Collectors.toMap(CountryYears::iso3, CountryYears::years));
        return LandingPage.subregions(members).stream()
                .map(group -> new SubregionCoverage(
                        group.subregion(),
                        group.members().stream()
                                .map(member -> {
                                    List<Integer> covered = byCountry.getOrDefault(member.iso3(), List.of());
                                    return new MemberCoverage(member, ranges(covered), cells(covered, span));
                                })
                                .toList()))
                .toList();
    }

    /** Increasing years as runs of consecutive years: 2010, 2011, 2012, 2018 gives 2010–2012 and 2018. */
    static List<YearRange> ranges(List<Integer> years) {
        List<YearRange> ranges = new ArrayList<>();
        Integer first = null;
        Integer last = null;
        for (int year : years) {
            if (last != null && year == last + 1) {
                last = year;
                continue;
            }
            if (first != null) {
                ranges.add(new YearRange(first, last));
            }
            first = year;
            last = year;
        }
        if (first != null) {
            ranges.add(new YearRange(first, last));
        }
        return ranges;
    }

    private static List<YearCell> cells(List<Integer> years, List<Integer> span) {
        var covered = years.stream().collect(Collectors.toSet());
        return span.stream()
                .map(year -> new YearCell(year, covered.contains(year)))
                .toList();
    }

    /** A request's text for a message: control characters dropped, at most 64 characters. */
    private static String printable(String text) {
        String kept = text.codePoints()
                .filter(point -> !Character.isISOControl(point))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return kept.length() > 64 ? kept.substring(0, 64) + "…" : kept;
    }
}
