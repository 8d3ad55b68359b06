package org.observatory.api.report;

import static org.observatory.api.report.Figures.change;
import static org.observatory.api.report.Figures.percent;
import static org.observatory.api.report.Figures.share;

import java.util.List;
import java.util.stream.Collectors;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.SectionIndicators;
import org.observatory.api.report.ResponseRateReport.SubregionGroup;
import org.observatory.api.report.ResponseRateReport.Totals;

/** The report for people at a terminal: the headline figures, then tables by subregion, country and cycle. */
final class ResponseRateText {
    private ResponseRateText() {}

    static String render(ResponseRateReport report) {
        StringBuilder text = new StringBuilder();
        if (report.synthetic()) {
            text.append(report.notice()).append("\n\n");
        }
        Totals total = report.total();
        text.append("Response rates and completeness, UN-CTS cycle %d (snapshot %s)%s%n"
                .formatted(report.cycle(), report.snapshotId(), report.synthetic() ? " - SYNTHETIC DATA" : ""));
        text.append("Expected CTS indicators: %d (%s)%n"
                .formatted(
                        report.expectedIndicators().total(),
                        report.expectedIndicators().sections().stream()
                                .map(section -> section.section() + " "
                                        + section.indicators().size())
                                .collect(Collectors.joining(", "))));
        text.append('\n');
        text.append("Responding member states: %s (%s)%n"
                .formatted(share(total.responded(), total.expected()), percent(total.responseRatePercent())));
        if (total.change() == null) {
            text.append(("Change against the previous cycle: none to compare (%d is the first cycle with replies in"
                            + " this snapshot)%n")
                    .formatted(report.cycle()));
        } else {
            text.append("Change against cycle %d: %s, from %d responding%n"
                    .formatted(
                            total.change().previousCycle(),
                            change(total.change()),
                            total.change().previousResponded()));
        }
        if (report.timelinessAssessed()) {
            text.append("Deadline %s: %d on time, %d late (accepted by the end of the deadline day, UTC)%n"
                    .formatted(report.deadline(), total.onTime(), total.late()));
        } else {
            text.append("Timeliness: not assessed, no reply deadline is configured for cycle %d%n"
                    .formatted(report.cycle()));
        }
        text.append("Completeness of the replies: %s%n".formatted(completeness(total.completeness())));

        text.append("\nBy subregion\n");
        List<String> sections = sections(report);
        text.append(row(
                "Subregion",
                "Expected",
                "Responded",
                "Rate",
                "Change",
                "On time",
                "Late",
                "Completeness",
                sections,
                sections));
        for (SubregionGroup group : report.subregions()) {
            Totals totals = group.totals();
            text.append(row(
                    group.subregion().nameEn(),
                    String.valueOf(totals.expected()),
                    String.valueOf(totals.responded()),
                    percent(totals.responseRatePercent()),
                    totals.change() == null ? "-" : change(totals.change()),
                    count(totals.onTime()),
                    count(totals.late()),
                    percent(totals.completeness().percent()),
                    sectionPercents(totals.completeness()),
                    sections));
        }

        text.append("\nCountries, grouped by subregion and ordered by code\n");
        for (SubregionGroup group : report.subregions()) {
            text.append(group.subregion().nameEn()).append('\n');
            for (CountryResponse country : group.countries()) {
                text.append("  %-3s  %-34s  %-12s  %-20s  %-12s  %s%n"
                        .formatted(
                                country.iso3(),
                                country.nameEn(),
                                country.responded() ? "responded" : "no response",
                                country.firstAcceptedAt() == null ? "-" : country.firstAcceptedAt(),
                                country.timeliness(),
                                country.responded() ? "completeness " + completeness(country.completeness()) : "-"));
            }
        }

        text.append("\nTrend over every cycle with replies\n");
        text.append(String.format(
                "%-6s  %8s  %9s  %8s  %-14s  %-10s  %7s  %4s  %s%n",
                "Cycle", "Expected", "Responded", "Rate", "Change", "Deadline", "On time", "Late", "Completeness"));
        for (CycleTotals cycle : report.trend()) {
            Totals totals = cycle.totals();
            text.append(String.format(
                    "%-6d  %8d  %9d  %8s  %-14s  %-10s  %7s  %4s  %s%n",
                    cycle.cycle(),
                    totals.expected(),
                    totals.responded(),
                    percent(totals.responseRatePercent()),
                    totals.change() == null ? "-" : change(totals.change()),
                    cycle.deadline() == null ? "none" : cycle.deadline(),
                    count(totals.onTime()),
                    count(totals.late()),
                    percent(totals.completeness().percent())));
        }
        text.append(("%nA member state responded to cycle %d when a CTS submission loaded with --cycle %d holds at"
                        + " least one value for it. Completeness: share of the expected CTS indicators with at least"
                        + " one value (for a group, over its replies). Countries are grouped by subregion and ordered"
                        + " by code, never ranked.%n")
                .formatted(report.cycle(), report.cycle()));
        if (report.synthetic()) {
            text.append(report.notice()).append('\n');
        }
        return text.toString();
    }

    private static String completeness(Completeness completeness) {
        return "%s (%s; %s)"
                .formatted(
                        percent(completeness.percent()),
                        share(completeness.indicatorsWithValues(), completeness.indicatorsExpected()),
                        completeness.sections().stream()
                                .map(section -> section.section() + " " + percent(section.percent()))
                                .collect(Collectors.joining(", ")));
    }

    private static List<String> sections(ResponseRateReport report) {
        return report.expectedIndicators().sections().stream()
                .map(SectionIndicators::section)
                .toList();
    }

    private static List<String> sectionPercents(Completeness completeness) {
        return completeness.sections().stream()
                .map(section -> percent(section.percent()))
                .toList();
    }

    private static String count(Integer value) {
        return value == null ? "-" : String.valueOf(value);
    }

    private static String row(
            String subregion,
            String expected,
            String responded,
            String rate,
            String change,
            String onTime,
            String late,
            String completeness,
            List<String> sectionCells,
            List<String> sections) {
        StringBuilder row = new StringBuilder(String.format(
                "%-17s  %8s  %9s  %8s  %-14s  %7s  %4s  %12s",
                subregion, expected, responded, rate, change, onTime, late, completeness));
        for (int index = 0; index < sections.size(); index++) {
            int width = Math.max(8, sections.get(index).length());
            row.append("  ").append(String.format("%" + width + "s", sectionCells.get(index)));
        }
        return row.append('\n').toString();
    }
}
