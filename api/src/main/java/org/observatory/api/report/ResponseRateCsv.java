package org.observatory.api.report;

import static org.observatory.api.report.Figures.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.observatory.api.query.SpreadsheetCells;
import org.observatory.api.report.ResponseRateReport.Completeness;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.CycleTotals;
import org.observatory.api.report.ResponseRateReport.SectionIndicators;
import org.observatory.api.report.ResponseRateReport.SubregionGroup;
import org.observatory.api.report.ResponseRateReport.Totals;

/**
 * The report as one CSV table (RFC 4180, UTF-8, LF), one row per {@code level}: {@code cycle} (every expected
 * reporter of the cycle), {@code subregion} (in the fixed order), {@code country} (by subregion, then code; a country
 * is a group of one, so {@code expected} is 1 and {@code responded} 1 or 0) and {@code trend} (one row per cycle).
 * Every row carries {@code synthetic}, and the synthetic-data notice when it applies, so the label survives any
 * filtering of the rows; the notice is the one text in the locale's language. Text cells that start like a formula are neutralised ({@link SpreadsheetCells}).
 */
final class ResponseRateCsv {
    static final String LEVEL_CYCLE = "cycle";
    static final String LEVEL_SUBREGION = "subregion";
    static final String LEVEL_COUNTRY = "country";
    static final String LEVEL_TREND = "trend";

    private ResponseRateCsv() {}

    static String render(ResponseRateReport original, Locale locale) {
        ResponseRateReport report = withNotice(original, locale);
        List<String> sections = report.expectedIndicators().sections().stream()
                .map(SectionIndicators::section)
                .toList();
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(
                "level",
                "cycle",
                "subregion",
                "iso3",
                "country",
                "expected",
                "responded",
                "response_rate_percent",
                "previous_cycle",
                "previous_responded",
                "change_count",
                "change_percent",
                "deadline",
                "on_time",
                "late",
                "timeliness",
                "first_accepted_at",
                "indicators_with_values",
                "indicators_expected",
                "completeness_percent"));
        sections.forEach(section -> header.add(section.replace('-', '_') + "_percent"));
        header.add("synthetic");
        header.add("notice");
        line(csv, header);

        line(csv, totals(report, LEVEL_CYCLE, report.cycle(), "", report.deadline(), report.total()));
        for (SubregionGroup group : report.subregions()) {
            line(
                    csv,
                    totals(
                            report,
                            LEVEL_SUBREGION,
                            report.cycle(),
                            text(group.subregion().nameEn()),
                            report.deadline(),
                            group.totals()));
        }
        for (SubregionGroup group : report.subregions()) {
            for (CountryResponse country : group.countries()) {
                List<String> cells = new ArrayList<>(List.of(
                        LEVEL_COUNTRY,
                        String.valueOf(report.cycle()),
                        text(group.subregion().nameEn()),
                        text(country.iso3()),
                        text(country.nameEn()),
                        "1",
                        country.responded() ? "1" : "0",
                        "",
                        "",
                        "",
                        "",
                        "",
                        text(report.deadline()),
                        flag(country.timeliness(), CountryResponse.ON_TIME, report.timelinessAssessed()),
                        flag(country.timeliness(), CountryResponse.LATE, report.timelinessAssessed()),
                        text(country.timeliness()),
                        text(country.firstAcceptedAt())));
                cells.addAll(completeness(country.completeness()));
                cells.add(String.valueOf(country.synthetic() || report.synthetic()));
                cells.add(text(report.notice()));
                line(csv, cells);
            }
        }
        for (CycleTotals cycle : report.trend()) {
            line(csv, totals(report, LEVEL_TREND, cycle.cycle(), "", cycle.deadline(), cycle.totals()));
        }
        return csv.toString();
    }

    /** The report with its synthetic-data notice (if any) in the locale's language. */
    static ResponseRateReport withNotice(ResponseRateReport report, Locale locale) {
        if (report.notice() == null) {
            return report;
        }
        return new ResponseRateReport(
                new ReportWords(locale).notice(),
                report.synthetic(),
                report.report(),
                report.snapshotId(),
                report.cycle(),
                report.previousCycle(),
                report.deadline(),
                report.timelinessAssessed(),
                report.expectedIndicators(),
                report.total(),
                report.subregions(),
                report.trend(),
                report.heatmap());
    }

    private static List<String> totals(
            ResponseRateReport report, String level, int cycle, String subregion, String deadline, Totals totals) {
        List<String> cells = new ArrayList<>(List.of(
                level,
                String.valueOf(cycle),
                text(subregion),
                "",
                "",
                String.valueOf(totals.expected()),
                String.valueOf(totals.responded()),
                number(totals.responseRatePercent()),
                totals.change() == null ? "" : String.valueOf(totals.change().previousCycle()),
                totals.change() == null ? "" : String.valueOf(totals.change().previousResponded()),
                totals.change() == null ? "" : String.valueOf(totals.change().count()),
                totals.change() == null ? "" : number(totals.change().percent()),
                text(deadline),
                totals.onTime() == null ? "" : String.valueOf(totals.onTime()),
                totals.late() == null ? "" : String.valueOf(totals.late()),
                deadline == null ? CountryResponse.NOT_ASSESSED : "",
                ""));
        cells.addAll(completeness(totals.completeness()));
        cells.add(String.valueOf(report.synthetic()));
        cells.add(text(report.notice()));
        return cells;
    }

    private static List<String> completeness(Completeness completeness) {
        List<String> cells = new ArrayList<>(List.of(
                String.valueOf(completeness.indicatorsWithValues()),
                String.valueOf(completeness.indicatorsExpected()),
                number(completeness.percent())));
        completeness.sections().forEach(section -> cells.add(number(section.percent())));
        return cells;
    }

    /** 1 or 0 for a country's timeliness, empty when timeliness is not assessed or the country did not reply. */
    private static String flag(String timeliness, String value, boolean assessed) {
        if (!assessed || timeliness.equals(CountryResponse.NO_RESPONSE)) {
            return "";
        }
        return timeliness.equals(value) ? "1" : "0";
    }

    /**
     * A text cell: empty for null, and neutralised when it starts like a formula, since the file is for people to open
     * in a spreadsheet ({@link SpreadsheetCells}). Numeric cells are never passed here, so a change of -3 stays a
     * number.
     */
    private static String text(String value) {
        return value == null ? "" : SpreadsheetCells.neutralise(value);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                csv.append(',');
            }
            csv.append(escape(cells.get(index)));
        }
        csv.append('\n');
    }

    private static String escape(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
