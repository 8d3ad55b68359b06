package org.observatory.api.report;

import org.observatory.schemas.text.MessageCode;

/**
 * Every text of the response-rate report a person reads, in its text and HTML renderings (family {@code report},
 * bundles {@code org/observatory/messages/report_<language>.properties}). The CSV and the JSON keep their codes and
 * machine names; only the synthetic-data notice is a text there.
 */
public enum ReportMessage implements MessageCode {
    SYNTHETIC_NOTICE,
    SYNTHETIC_DATA,
    NOT_AVAILABLE,
    NONE,
    SHARE,
    TITLE,
    PAGE_TITLE,
    PAGE_TITLE_SYNTHETIC,
    HEADING,
    META,
    EXPECTED_INDICATORS,
    RESPONDING,
    CHANGE,
    CHANGE_NONE,
    DEADLINE_SUMMARY,
    TIMELINESS_SUMMARY_NOT_ASSESSED,
    COMPLETENESS_SUMMARY,
    COMPLETENESS_DETAIL,
    LABEL_RESPONDING,
    LABEL_CHANGE,
    LABEL_TIMELINESS,
    LABEL_COMPLETENESS,
    HTML_CHANGE,
    HTML_CHANGE_NONE,
    HTML_TIMELINESS,
    HTML_TIMELINESS_NOT_ASSESSED,
    BY_SUBREGION,
    TOTALS_BY_SUBREGION,
    ALL_EXPECTED,
    EXPECTED_REPORTERS,
    COUNTRIES_HEADING,
    TREND_HEADING,
    HEATMAP_HEADING,
    COLUMN_SUBREGION,
    COLUMN_EXPECTED,
    COLUMN_RESPONDED,
    COLUMN_RATE,
    COLUMN_CHANGE,
    COLUMN_ON_TIME,
    COLUMN_LATE,
    COLUMN_COMPLETENESS,
    COLUMN_CYCLE,
    COLUMN_DEADLINE,
    COLUMN_CODE,
    COLUMN_MEMBER_STATE,
    COLUMN_REPLY,
    COLUMN_FIRST_ACCEPTED,
    COLUMN_TIMELINESS,
    REPLY_RESPONDED,
    REPLY_NONE,
    COUNTRY_COMPLETENESS,
    TIMELINESS_ON_TIME,
    TIMELINESS_LATE,
    TIMELINESS_NOT_ASSESSED,
    TIMELINESS_NO_RESPONSE,
    CHART_TITLE,
    CHART_DESCRIPTION,
    CHART_AXIS,
    CHART_POINT,
    CHART_LEGEND_RESPONDING,
    CHART_LEGEND_EXPECTED,
    HEATMAP_LEGEND,
    HEATMAP_LEGEND_NO_REPLY,
    HEATMAP_LEGEND_NOT_MEMBER,
    CELL_NOT_MEMBER,
    CELL_NO_REPLY,
    CELL_REPLIED,
    TEXT_NOTE,
    HTML_NOTE,
    NO_REPLIES_FOR_CYCLE,
    NO_REPLIES_IN_SNAPSHOT;

    @Override
    public String family() {
        return "report";
    }

    @Override
    public String key() {
        return MessageCode.keyOf(this);
    }
}
