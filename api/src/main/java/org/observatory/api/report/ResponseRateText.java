package org.observatory.api.report;

import static org.observatory.api.report.ReportMessage.BY_SUBREGION;
import static org.observatory.api.report.ReportMessage.CHANGE;
import static org.observatory.api.report.ReportMessage.CHANGE_NONE;
import static org.observatory.api.report.ReportMessage.COLUMN_CHANGE;
import static org.observatory.api.report.ReportMessage.COLUMN_COMPLETENESS;
import static org.observatory.api.report.ReportMessage.COLUMN_CYCLE;
import static org.observatory.api.report.ReportMessage.COLUMN_DEADLINE;
import static org.observatory.api.report.ReportMessage.COLUMN_EXPECTED;
import static org.observatory.api.report.ReportMessage.COLUMN_LATE;
import static org.observatory.api.report.ReportMessage.COLUMN_ON_TIME;
import static org.observatory.api.report.ReportMessage.COLUMN_RATE;
import static org.observatory.api.report.ReportMessage.COLUMN_RESPONDED;
import static org.observatory.api.report.ReportMessage.COLUMN_SUBREGION;
import static org.observatory.api.report.ReportMessage.COMPLETENESS_SUMMARY;
import static org.observatory.api.report.ReportMessage.COUNTRIES_HEADING;
import static org.observatory.api.report.ReportMessage.COUNTRY_COMPLETENESS;
import static org.observatory.api.report.ReportMessage.DEADLINE_SUMMARY;
import static org.observatory.api.report.ReportMessage.EXPECTED_INDICATORS;
import static org.observatory.api.report.ReportMessage.REPLY_NONE;
import static org.observatory.api.report.ReportMessage.REPLY_RESPONDED;
import static org.observatory.api.report.ReportMessage.RESPONDING;
import static org.observatory.api.report.ReportMessage.SYNTHETIC_DATA;
import static org.observatory.api.report.ReportMessage.TEXT_NOTE;
import static org.observatory.api.report.ReportMessage.TIMELINESS_SUMMARY_NOT_ASSESSED;
import static org.observatory.api.report.ReportMessage.TITLE;
import static org.observatory.api.report.ReportMessage.TREND_HEADING;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.SectionIndicators;
import org.observatory.api.report.ResponseRateReport.SubregionGroup;
import org.observatory.api.report.ResponseRateReport.Totals;

/**
 * The report for people at a terminal, in one locale: the headline figures, then tables by subregion, country and
 * cycle. Texts come from the {@link ReportMessage} bundles, numbers and dates follow the locale ({@link ReportWords});
 * the columns are as wide as their widest cell, so every language lines up.
 */
final class ResponseRateText {
    private ResponseRateText() {}

    static String render(ResponseRateReport report, Locale locale) {
        ReportWords words = new ReportWords(locale);
        String cycle = String.valueOf(report.cycle());
        StringBuilder text = new StringBuilder();
        if (report.synthetic()) {
            text.append(words.notice()).append("\n\n");
        }
        Totals total = report.total();
        text.append(words.text(TITLE, "cycle", cycle, "snapshot", report.snapshotId()))
                .append(report.synthetic() ? " - " + words.text(SYNTHETIC_DATA) : "")
                .append('\n');
        text.append(words.text(
                        EXPECTED_INDICATORS,
                        "indicators",
                        report.expectedIndicators().total(),
                        "sections",
                        report.expectedIndicators().sections().stream()
                                .map(section -> words.section(section.section()) + " "
                                        + words.integer(section.indicators().size()))
                                .collect(Collectors.joining(", "))))
                .append("\n\n");
        text.append(words.text(
                        RESPONDING,
                        "share",
                        words.share(total.responded(), total.expected()),
                        "percent",
                        words.percent(total.responseRatePercent())))
                .append('\n');
        if (total.change() == null) {
            text.append(words.text(CHANGE_NONE, "cycle", cycle));
        } else {
            text.append(words.text(
                    CHANGE,
                    "previousCycle",
                    String.valueOf(total.change().previousCycle()),
                    "change",
                    words.change(total.change()),
                    "previousResponded",
                    total.change().previousResponded()));
        }
        text.append('\n');
        if (report.timelinessAssessed()) {
            text.append(words.text(
                    DEADLINE_SUMMARY,
                    "deadline",
                    words.date(report.deadline()),
                    "onTime",
                    total.onTime(),
                    "late",
                    total.late()));
        } else {
            text.append(words.text(TIMELINESS_SUMMARY_NOT_ASSESSED, "cycle", cycle));
        }
        text.append('\n');
        text.append(words.text(COMPLETENESS_SUMMARY, "completeness", words.completeness(total.completeness())))
                .append('\n');

        text.append('\n').append(words.text(BY_SUBREGION)).append('\n');
        List<String> sections = report.expectedIndicators().sections().stream()
                .map(SectionIndicators::section)
                .toList();
        List<String> header = new ArrayList<>(List.of(
                words.text(COLUMN_SUBREGION),
                words.text(COLUMN_EXPECTED),
                words.text(COLUMN_RESPONDED),
                words.text(COLUMN_RATE),
                words.text(COLUMN_CHANGE),
                words.text(COLUMN_ON_TIME),
                words.text(COLUMN_LATE),
                words.text(COLUMN_COMPLETENESS)));
        sections.forEach(section -> header.add(words.section(section)));
        Table bySubregion = new Table(header, 1);
        for (SubregionGroup group : report.subregions()) {
            Totals totals = group.totals();
            List<String> row = new ArrayList<>(List.of(
                    words.label(group.subregion().names()),
                    words.integer(totals.expected()),
                    words.integer(totals.responded()),
                    words.percent(totals.responseRatePercent()),
                    words.change(totals.change()),
                    words.count(totals.onTime()),
                    words.count(totals.late()),
                    words.percent(totals.completeness().percent())));
            totals.completeness().sections().forEach(section -> row.add(words.percent(section.percent())));
            bySubregion.add(row);
        }
        text.append(bySubregion);

        text.append('\n').append(words.text(COUNTRIES_HEADING)).append('\n');
        for (SubregionGroup group : report.subregions()) {
            text.append(words.label(group.subregion().names())).append('\n');
            Table countries = new Table(null, 0);
            for (CountryResponse country : group.countries()) {
                countries.add(List.of(
                        country.iso3(),
                        words.label(country.names()),
                        words.text(country.responded() ? REPLY_RESPONDED : REPLY_NONE),
                        words.instant(country.firstAcceptedAt()),
                        words.timeliness(country.timeliness()),
                        country.responded()
                                ? words.text(
                                        COUNTRY_COMPLETENESS,
                                        "completeness",
                                        words.completeness(country.completeness()))
                                : "-"));
            }
            text.append(countries.indented("  "));
        }

        text.append('\n').append(words.text(TREND_HEADING)).append('\n');
        Table trend = new Table(
                List.of(
                        words.text(COLUMN_CYCLE),
                        words.text(COLUMN_EXPECTED),
                        words.text(COLUMN_RESPONDED),
                        words.text(COLUMN_RATE),
                        words.text(COLUMN_CHANGE),
                        words.text(COLUMN_DEADLINE),
                        words.text(COLUMN_ON_TIME),
                        words.text(COLUMN_LATE),
                        words.text(COLUMN_COMPLETENESS)),
                1);
        for (CycleTotals row : report.trend()) {
            Totals totals = row.totals();
            trend.add(List.of(
                    String.valueOf(row.cycle()),
                    words.integer(totals.expected()),
                    words.integer(totals.responded()),
                    words.percent(totals.responseRatePercent()),
                    words.change(totals.change()),
                    words.date(row.deadline()),
                    words.count(totals.onTime()),
                    words.count(totals.late()),
                    words.percent(totals.completeness().percent())));
        }
        text.append(trend);
        text.append('\n').append(words.text(TEXT_NOTE, "cycle", cycle)).append('\n');
        if (report.synthetic()) {
            text.append(words.notice()).append('\n');
        }
        return text.toString();
    }

    /**
     * A table of text: every column as wide as its widest cell, the first {@code textColumns} left-aligned and the
     * others (figures) right-aligned, two spaces between columns.
     */
    private static final class Table {
        private final List<List<String>> rows = new ArrayList<>();
        private final int textColumns;

        Table(List<String> header, int textColumns) {
            this.textColumns = textColumns;
            if (header != null) {
                rows.add(header);
            }
        }

        void add(List<String> row) {
            rows.add(row);
        }

        String indented(String indent) {
            List<Integer> widths = new ArrayList<>();
            for (List<String> row : rows) {
                for (int index = 0; index < row.size(); index++) {
                    int width = row.get(index).codePointCount(0, row.get(index).length());
                    if (index == widths.size()) {
                        widths.add(width);
                    } else {
                        widths.set(index, Math.max(widths.get(index), width));
                    }
                }
            }
            StringBuilder text = new StringBuilder();
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder(indent);
                for (int index = 0; index < row.size(); index++) {
                    String cell = row.get(index);
                    String padding = " ".repeat(widths.get(index) - cell.codePointCount(0, cell.length()));
                    if (index > 0) {
                        line.append("  ");
                    }
                    boolean left = textColumns == 0 || index < textColumns;
                    line.append(left ? cell + padding : padding + cell);
                }
                text.append(line.toString().stripTrailing()).append('\n');
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return indented("");
        }
    }
}
