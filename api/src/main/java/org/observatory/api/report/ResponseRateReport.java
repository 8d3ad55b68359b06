package org.observatory.api.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.observatory.schemas.text.Labels;

/**
 * The secretariat's response-rate and completeness report for one UN-CTS cycle, read from one published snapshot:
 * who was expected to reply (the member list of the cycle), who replied, on time or late against the cycle's
 * deadline, how complete each reply is, totals by subregion, the change in responding states against the previous
 * cycle, and the trend and a country x cycle heatmap over every cycle. The text, CSV, JSON and HTML renderings all
 * show this one model, so they show the same numbers.
 *
 * <p>Nothing here ranks countries (invariant 5): countries are grouped by subregion in the fixed order of
 * {@link org.observatory.schemas.codelist.Subregion} and ordered by code inside each group. Percentages are rounded
 * to one decimal here, once, so every rendering prints the same figure.
 *
 * @param notice the synthetic-data notice, or null when nothing shown is synthetic
 * @param synthetic whether the snapshot or any reply counted here holds synthetic data
 * @param report the report's name, {@value #NAME}
 * @param snapshotId the published snapshot (vintage) the report reads
 * @param previousCycle the closest earlier cycle with replies in the snapshot, or null for the first
 * @param deadline the cycle's reply deadline (ISO date), or null when none is configured
 * @param timelinessAssessed whether a deadline is configured, so that replies are on time or late
 * @param total the totals over every expected reporter, with the change against the previous cycle
 * @param subregions the subregions in their fixed order, each with its totals and its countries by code
 * @param trend one entry per cycle with replies in the snapshot, in cycle order
 * @param heatmap every member state of any cycle x every cycle of the trend
 */
public record ResponseRateReport(
        @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
        boolean synthetic,
        String report,
        String snapshotId,
        int cycle,
        Integer previousCycle,
        String deadline,
        boolean timelinessAssessed,
        ExpectedIndicators expectedIndicators,
        Totals total,
        List<SubregionGroup> subregions,
        List<CycleTotals> trend,
        Heatmap heatmap) {
    /** The name of the report in every rendering. */
    public static final String NAME = "response-rates";

    public ResponseRateReport {
        requireNonNull(report, "report is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(expectedIndicators, "expectedIndicators is null");
        requireNonNull(total, "total is null");
        subregions = List.copyOf(requireNonNull(subregions, "subregions is null"));
        trend = List.copyOf(requireNonNull(trend, "trend is null"));
        requireNonNull(heatmap, "heatmap is null");
        if (timelinessAssessed != (deadline != null)) {
            throw new IllegalArgumentException("timeliness is assessed exactly when a deadline is configured");
        }
    }

    /** The countries of every subregion, in the report's order. */
    public List<CountryResponse> countries() {
        return subregions.stream().flatMap(group -> group.countries().stream()).toList();
    }

    /**
     * The CTS indicators every reporter is expected to answer (those of the catalogue whose source kinds include
     * {@code cts}), in total and per CTS section in the questionnaire's order.
     */
    public record ExpectedIndicators(int total, List<SectionIndicators> sections) {
        public ExpectedIndicators {
            sections = List.copyOf(requireNonNull(sections, "sections is null"));
        }
    }

    /** The expected indicators of one CTS section ({@code police}, {@code prosecution}, ...). */
    public record SectionIndicators(String section, List<String> indicators) {
        public SectionIndicators {
            requireNonNull(section, "section is null");
            indicators = List.copyOf(requireNonNull(indicators, "indicators is null"));
        }
    }

    /**
     * Counts over a group of expected reporters (all of them, or one subregion).
     *
     * @param responseRatePercent responded / expected x 100, or null when nobody is expected
     * @param onTime replies accepted by the deadline, or null when timeliness is not assessed
     * @param late replies accepted after the deadline, or null when timeliness is not assessed
     * @param completeness over the replies of the group (responding states only)
     * @param change against the previous cycle, or null for the first cycle
     */
    public record Totals(
            int expected,
            int responded,
            Double responseRatePercent,
            Integer onTime,
            Integer late,
            Completeness completeness,
            Change change) {
        public Totals {
            requireNonNull(completeness, "completeness is null");
            if (responded > expected) {
                throw new IllegalArgumentException(
                        "responded %d is more than expected %d".formatted(responded, expected));
            }
        }
    }

    /**
     * The share of expected CTS indicators that have at least one value: for a country, over its expected
     * indicators; for a group, over the expected indicators of each responding state (the mean of their
     * completeness).
     *
     * @param percent indicatorsWithValues / indicatorsExpected x 100, or null when nothing is expected (a group
     *     without replies)
     */
    public record Completeness(
            int indicatorsWithValues, int indicatorsExpected, Double percent, List<SectionCompleteness> sections) {
        public Completeness {
            sections = List.copyOf(requireNonNull(sections, "sections is null"));
        }

        /** The completeness of one section, by its code. */
        public SectionCompleteness section(String code) {
            return sections.stream()
                    .filter(section -> section.section().equals(code))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no CTS section " + code));
        }
    }

    /** The completeness of one CTS section. */
    public record SectionCompleteness(
            String section, int indicatorsWithValues, int indicatorsExpected, Double percent) {
        public SectionCompleteness {
            requireNonNull(section, "section is null");
        }
    }

    /**
     * The change in responding states against the previous cycle with replies in the snapshot.
     *
     * @param count responded minus previousResponded
     * @param percent count / previousResponded x 100, or null when nobody responded to the previous cycle
     */
    public record Change(int previousCycle, int previousResponded, int count, Double percent) {}

    /** One subregion: its totals and its expected reporters, ordered by code. */
    public record SubregionGroup(Region subregion, Totals totals, List<CountryResponse> countries) {
        public SubregionGroup {
            requireNonNull(subregion, "subregion is null");
            requireNonNull(totals, "totals is null");
            countries = List.copyOf(requireNonNull(countries, "countries is null"));
        }
    }

    /**
     * A UN M49 subregion.
     *
     * @param names its names in the four languages, for the renderings a person reads (not in the JSON, which keeps
     *     {@code nameEn} and {@code nameEs})
     */
    public record Region(
            String m49,
            String nameEn,
            String nameEs,
            @JsonIgnore Labels names) {
        public Region {
            requireNonNull(m49, "m49 is null");
            requireNonNull(nameEn, "nameEn is null");
            requireNonNull(nameEs, "nameEs is null");
            requireNonNull(names, "names is null");
        }
    }

    /**
     * One expected reporter of the cycle.
     *
     * @param firstAcceptedAt when its first submission with a value for the cycle was accepted (ISO-8601, to the
     *     second), or null
     * @param timeliness {@code on-time}, {@code late}, {@code not-assessed} (no deadline configured) or
     *     {@code no-response}
     * @param submissionIds the submissions of the cycle holding its values, ordered by id
     * @param names the member state's names in the four languages (not in the JSON)
     */
    public record CountryResponse(
            String iso3,
            String nameEn,
            String nameEs,
            boolean responded,
            String firstAcceptedAt,
            String timeliness,
            List<String> submissionIds,
            Completeness completeness,
            boolean synthetic,
            @JsonIgnore Labels names) {
        public static final String ON_TIME = "on-time";
        public static final String LATE = "late";
        public static final String NOT_ASSESSED = "not-assessed";
        public static final String NO_RESPONSE = "no-response";

        public CountryResponse {
            requireNonNull(iso3, "iso3 is null");
            requireNonNull(nameEn, "nameEn is null");
            requireNonNull(nameEs, "nameEs is null");
            requireNonNull(timeliness, "timeliness is null");
            submissionIds = List.copyOf(requireNonNull(submissionIds, "submissionIds is null"));
            requireNonNull(completeness, "completeness is null");
            requireNonNull(names, "names is null");
            if (responded == (firstAcceptedAt == null)) {
                throw new IllegalArgumentException(iso3 + ": a reply has an acceptance time, a non-reply none");
            }
        }
    }

    /** The totals of one cycle of the trend, over every expected reporter of that cycle. */
    public record CycleTotals(int cycle, String deadline, Totals totals) {
        public CycleTotals {
            requireNonNull(totals, "totals is null");
        }
    }

    /** Country x cycle: whether each member state was expected, replied, and how completely. */
    public record Heatmap(List<Integer> cycles, List<HeatmapRow> countries) {
        public Heatmap {
            cycles = List.copyOf(requireNonNull(cycles, "cycles is null"));
            countries = List.copyOf(requireNonNull(countries, "countries is null"));
        }
    }

    /**
     * One member state's cells, one per cycle of the heatmap, in cycle order.
     *
     * @param names the member state's names in the four languages (not in the JSON)
     * @param subregionNames its subregion's names in the four languages (not in the JSON)
     */
    public record HeatmapRow(
            String iso3,
            String nameEn,
            String subregion,
            List<HeatmapCell> cells,
            @JsonIgnore Labels names,
            @JsonIgnore Labels subregionNames) {
        public HeatmapRow {
            requireNonNull(iso3, "iso3 is null");
            requireNonNull(nameEn, "nameEn is null");
            requireNonNull(subregion, "subregion is null");
            requireNonNull(names, "names is null");
            requireNonNull(subregionNames, "subregionNames is null");
            cells = List.copyOf(requireNonNull(cells, "cells is null"));
        }
    }

    /**
     * One country and cycle.
     *
     * @param expected whether the country was a member expected to reply in that cycle
     * @param completenessPercent the completeness of its reply, or null when it did not reply
     */
    public record HeatmapCell(int cycle, boolean expected, boolean responded, Double completenessPercent) {}
}
