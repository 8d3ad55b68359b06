package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.observatory.api.query.ResponseRecord;
import org.observatory.api.report.ResponseRateReport.Change;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.ExpectedIndicators;
import org.observatory.api.report.ResponseRateReport.Heatmap;
import org.observatory.api.report.ResponseRateReport.HeatmapCell;
import org.observatory.api.report.ResponseRateReport.HeatmapRow;
import org.observatory.api.report.ResponseRateReport.Region;
import org.observatory.api.report.ResponseRateReport.SectionCompleteness;
import org.observatory.api.report.ResponseRateReport.SectionIndicators;
import org.observatory.api.report.ResponseRateReport.SubregionGroup;
import org.observatory.api.report.ResponseRateReport.Totals;
import org.observatory.api.web.JsonViews;
import org.observatory.schemas.codelist.CtsSection;
import org.observatory.schemas.codelist.IndicatorCatalogue;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.codelist.Subregion;

/**
 * Builds a {@link ResponseRateReport} from the rows of a snapshot's {@code responses} table, the member list, the
 * indicator catalogue and the reply deadlines. Pure: no I/O, so the numbers can be checked on a few rows.
 *
 * <p>Definitions. A member state <em>responded</em> to cycle Y when a {@code cts} submission loaded with
 * {@code --cycle Y} holds at least one value for it. The <em>expected reporters</em> of cycle Y are the member states
 * of cycle Y ({@link MemberList#forCycle}). Its reply is <em>on time</em> when its first such submission was accepted
 * by the end of the cycle's deadline day (UTC). Its <em>completeness</em> is the share of the expected CTS indicators
 * (the catalogue's indicators with source kind {@code cts}) that have at least one value in its replies to the
 * cycle, per CTS section and overall. The <em>previous cycle</em> is the closest earlier cycle with replies in the
 * snapshot.
 */
public final class ResponseRateReports {
    private ResponseRateReports() {}

    /** The cycles with at least one reply in the rows, in order. */
    public static List<Integer> cycles(List<ResponseRecord> responses) {
        return responses.stream().map(ResponseRecord::cycle).collect(Collectors.toCollection(TreeSet::new)).stream()
                .toList();
    }

    /**
     * @param snapshotId the snapshot the rows come from
     * @param snapshotSynthetic whether the snapshot's manifest says it holds synthetic data
     * @throws NoRepliesForCycleException when no row is of that cycle
     */
    public static ResponseRateReport build(
            int cycle,
            String snapshotId,
            boolean snapshotSynthetic,
            List<ResponseRecord> responses,
            MemberList members,
            IndicatorCatalogue catalogue,
            ResponseDeadlines deadlines) {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(responses, "responses is null");
        requireNonNull(members, "members is null");
        requireNonNull(catalogue, "catalogue is null");
        requireNonNull(deadlines, "deadlines is null");
        List<Integer> cycles = cycles(responses);
        if (!cycles.contains(cycle)) {
            throw new NoRepliesForCycleException(cycle, snapshotId, cycles);
        }
        Expected expected = Expected.of(catalogue);
        Replies replies = new Replies(responses);

        List<CycleTotals> trend = new ArrayList<>();
        for (int index = 0; index < cycles.size(); index++) {
            int trendCycle = cycles.get(index);
            Optional<LocalDate> deadline = deadlines.deadline(trendCycle);
            Integer earlier = index == 0 ? null : cycles.get(index - 1);
            trend.add(new CycleTotals(
                    trendCycle,
                    deadline.map(LocalDate::toString).orElse(null),
                    totals(member -> true, trendCycle, earlier, members, replies, expected, deadline)));
        }

        int index = cycles.indexOf(cycle);
        Integer previousCycle = index == 0 ? null : cycles.get(index - 1);
        Optional<LocalDate> deadline = deadlines.deadline(cycle);
        Totals total = trend.get(index).totals();
        Map<Subregion, List<MemberState>> bySubregion = new EnumMap<>(Subregion.class);
        members.forCycle(cycle).stream()
                .sorted(MemberList.BY_SUBREGION_THEN_CODE)
                .forEach(member -> bySubregion
                        .computeIfAbsent(member.subregion(), key -> new ArrayList<>())
                        .add(member));
        List<SubregionGroup> subregions = new ArrayList<>();
        bySubregion.forEach((subregion, group) -> subregions.add(new SubregionGroup(
                new Region(subregion.m49(), subregion.nameEn(), subregion.nameEs(), subregion.names()),
                totals(
                        member -> member.subregion() == subregion,
                        cycle,
                        previousCycle,
                        members,
                        replies,
                        expected,
                        deadline),
                group.stream()
                        .map(member -> country(member, cycle, replies, expected, deadline))
                        .toList())));

        boolean synthetic = snapshotSynthetic || responses.stream().anyMatch(ResponseRecord::synthetic);
        return new ResponseRateReport(
                synthetic ? JsonViews.SYNTHETIC_NOTICE : null,
                synthetic,
                ResponseRateReport.NAME,
                snapshotId,
                cycle,
                previousCycle,
                deadline.map(LocalDate::toString).orElse(null),
                deadline.isPresent(),
                expected.view(),
                total,
                subregions,
                trend,
                heatmap(cycles, members, replies, expected));
    }

    /**
     * The totals of a group of expected reporters (every member of the cycle that the predicate accepts), with the
     * change against the same group in the previous cycle.
     */
    private static Totals totals(
            Predicate<MemberState> inGroup,
            int cycle,
            Integer previousCycle,
            MemberList members,
            Replies replies,
            Expected expected,
            Optional<LocalDate> deadline) {
        List<MemberState> group =
                members.forCycle(cycle).stream().filter(inGroup).toList();
        List<MemberState> responding = group.stream()
                .filter(member -> replies.responded(member, cycle))
                .toList();
        Integer onTime = null;
        Integer late = null;
        if (deadline.isPresent()) {
            int inTime = (int) responding.stream()
                    .filter(member -> ResponseDeadlines.onTime(replies.firstAcceptedAt(member, cycle), deadline.get()))
                    .count();
            onTime = inTime;
            late = responding.size() - inTime;
        }
        Change change = null;
        if (previousCycle != null) {
            int previousResponded = (int) members.forCycle(previousCycle).stream()
                    .filter(inGroup)
                    .filter(member -> replies.responded(member, previousCycle))
                    .count();
            int count = responding.size() - previousResponded;
            change = new Change(previousCycle, previousResponded, count, percent(count, previousResponded));
        }
        return new Totals(
                group.size(),
                responding.size(),
                percent(responding.size(), group.size()),
                onTime,
                late,
                expected.completeness(responding.stream()
                        .map(member -> replies.indicators(member, cycle))
                        .toList()),
                change);
    }

    private static CountryResponse country(
            MemberState member, int cycle, Replies replies, Expected expected, Optional<LocalDate> deadline) {
        boolean responded = replies.responded(member, cycle);
        Instant first = responded ? replies.firstAcceptedAt(member, cycle) : null;
        String timeliness;
        if (!responded) {
            timeliness = CountryResponse.NO_RESPONSE;
        } else if (deadline.isEmpty()) {
            timeliness = CountryResponse.NOT_ASSESSED;
        } else {
            timeliness =
                    ResponseDeadlines.onTime(first, deadline.get()) ? CountryResponse.ON_TIME : CountryResponse.LATE;
        }
        return new CountryResponse(
                member.iso3(),
                member.nameEn(),
                member.nameEs(),
                responded,
                first == null ? null : first.truncatedTo(ChronoUnit.SECONDS).toString(),
                timeliness,
                replies.submissions(member, cycle),
                expected.completeness(List.of(replies.indicators(member, cycle))),
                replies.synthetic(member, cycle),
                member.names());
    }

    private static Heatmap heatmap(List<Integer> cycles, MemberList members, Replies replies, Expected expected) {
        List<HeatmapRow> rows = members.all().stream()
                .sorted(MemberList.BY_SUBREGION_THEN_CODE)
                .map(member -> new HeatmapRow(
                        member.iso3(),
                        member.nameEn(),
                        member.subregion().nameEn(),
                        cycles.stream()
                                .map(cycle -> {
                                    boolean responded = replies.responded(member, cycle);
                                    return new HeatmapCell(
                                            cycle,
                                            member.isMemberIn(cycle),
                                            responded,
                                            responded
                                                    ? expected.completeness(List.of(replies.indicators(member, cycle)))
                                                            .percent()
                                                    : null);
                                })
                                .toList(),
                        member.names(),
                        member.subregion().names()))
                .toList();
        return new Heatmap(cycles, rows);
    }

    /** numerator / denominator x 100, rounded half up to one decimal; null when the denominator is 0. */
    static Double percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return Math.round(numerator * 1000.0 / denominator) / 10.0;
    }

    /** The expected CTS indicators, by section in the questionnaire's order. */
    private record Expected(Map<CtsSection, List<String>> bySection, int total) {
        static Expected of(IndicatorCatalogue catalogue) {
            Map<CtsSection, List<String>> bySection = new EnumMap<>(CtsSection.class);
            Arrays.stream(CtsSection.values()).forEach(section -> bySection.put(section, new ArrayList<>()));
            catalogue.all().stream()
                    .filter(indicator -> indicator.sourceKinds().contains(SourceKind.CTS))
                    .forEach(indicator -> bySection.get(indicator.ctsSection()).add(indicator.code()));
            int total = bySection.values().stream().mapToInt(List::size).sum();
            return new Expected(bySection, total);
        }

        ExpectedIndicators view() {
            return new ExpectedIndicators(
                    total,
                    bySection.entrySet().stream()
                            .map(entry -> new SectionIndicators(entry.getKey().code(), entry.getValue()))
                            .toList());
        }

        /** Completeness over the replies given (one set of indicators with values per responding state). */
        Completeness completeness(List<Set<String>> replies) {
            int withValues = 0;
            List<SectionCompleteness> sections = new ArrayList<>();
            for (Map.Entry<CtsSection, List<String>> section : bySection.entrySet()) {
                int sectionWithValues = 0;
                for (Set<String> reply : replies) {
                    sectionWithValues += (int)
                            section.getValue().stream().filter(reply::contains).count();
                }
                int sectionExpected = section.getValue().size() * replies.size();
                sections.add(new SectionCompleteness(
                        section.getKey().code(),
                        sectionWithValues,
                        sectionExpected,
                        percent(sectionWithValues, sectionExpected)));
                withValues += sectionWithValues;
            }
            int expectedTotal = total * replies.size();
            return new Completeness(withValues, expectedTotal, percent(withValues, expectedTotal), sections);
        }
    }

    /** The rows of the responses table by country and cycle. */
    private static final class Replies {
        private final Map<String, List<ResponseRecord>> byCountryAndCycle = new LinkedHashMap<>();

        Replies(List<ResponseRecord> responses) {
            for (ResponseRecord response : responses) {
                byCountryAndCycle
                        .computeIfAbsent(key(response.country(), response.cycle()), key -> new ArrayList<>())
                        .add(response);
            }
        }

        private static String key(String country, int cycle) {
            return country + "|" + cycle;
        }

        private List<ResponseRecord> of(MemberState member, int cycle) {
            return byCountryAndCycle.getOrDefault(key(member.iso3(), cycle), List.of());
        }

        boolean responded(MemberState member, int cycle) {
            return !of(member, cycle).isEmpty();
        }

        Instant firstAcceptedAt(MemberState member, int cycle) {
            return of(member, cycle).stream()
                    .map(ResponseRecord::acceptedAt)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
        }

        Set<String> indicators(MemberState member, int cycle) {
            return of(member, cycle).stream()
                    .map(ResponseRecord::indicator)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        List<String> submissions(MemberState member, int cycle) {
            return of(member, cycle).stream()
                    .map(ResponseRecord::submissionId)
                    .distinct()
                    .sorted()
                    .toList();
        }

        boolean synthetic(MemberState member, int cycle) {
            return of(member, cycle).stream().anyMatch(ResponseRecord::synthetic);
        }
    }
}
