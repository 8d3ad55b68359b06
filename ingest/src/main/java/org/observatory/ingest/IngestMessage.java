package org.observatory.ingest;

import java.util.Arrays;
import java.util.Optional;
import org.observatory.schemas.text.Message;
import org.observatory.schemas.text.MessageCode;

/**
 * The codes of ingest's user-facing texts: every validation issue and every error an upload can get. Their texts in
 * Spanish, English, Portuguese and French are in {@code org/observatory/messages/ingest_<language>.properties};
 * each says what is wrong, where (line, column) and how to fix it. The code ({@code ingest.value-not-a-number})
 * travels in the JSON of a report with the message's arguments, so a stored report can be shown in any language.
 */
public enum IngestMessage implements MessageCode {
    COUNTRY_NOT_SUBMITTER,
    YEAR_MISSING,
    YEAR_NOT_A_YEAR,
    YEAR_OUT_OF_RANGE,
    VALUE_MISSING,
    VALUE_NOT_A_NUMBER,
    VALUE_NEGATIVE,
    SEX_UNKNOWN,
    AGE_BAND_REPAIRED,
    OFFENCE_CODE_MISSING,
    OBSERVATION_STATUS_UNKNOWN,
    NO_CORRESPONDENCE_TABLE,
    NATIONAL_CODE_UNKNOWN,
    COUNTRY_MISSING,
    COUNTRY_UNKNOWN,
    DATE_NOT_A_DATE,
    SERIES_NAME_MISSING,
    CTS_UNIT_UNKNOWN,
    POPULATION_ZERO,
    ICCS_CODE_NOT_A_CODE,
    MATCH_QUALITY_UNKNOWN,
    CELL_MISSING,
    SDMX_ACTION_DELETE,
    SDMX_REF_AREA_MISSING,
    SDMX_ACTION_UNKNOWN,
    SDMX_OBS_VALUE_MISSING,
    SDMX_MISSING_STATUS_WITH_VALUE,
    SDMX_HEADER_STRUCTURE_INCOMPLETE,
    SDMX_HEADER_NO_STRUCTURE,
    SDMX_STRUCTURE_TYPE_UNKNOWN,
    SDMX_STRUCTURE_ID_MISSING,
    SDMX_FREQUENCY_NOT_ANNUAL,
    SDMX_PERIOD_DATE,
    SDMX_PERIOD_HALF_YEAR,
    SDMX_PERIOD_FOUR_MONTHS,
    SDMX_PERIOD_QUARTER,
    SDMX_PERIOD_MONTH,
    SDMX_PERIOD_WEEK,
    SDMX_PERIOD_DAY_OF_YEAR,
    SDMX_PERIOD_RANGE,
    SDMX_PERIOD_NOT_A_PERIOD,
    SDMX_ICCS_MISSING,
    SDMX_ICCS_LEADING_ZERO,
    SDMX_ICCS_UNKNOWN,
    SDMX_UNIT_MULTIPLIER,
    SDMX_UNIT_MISSING,
    SDMX_UNIT_UNKNOWN,
    FILE_UNREADABLE,
    DECIMAL_SEPARATORS_MIXED,
    DECIMAL_SEPARATORS_MIXED_NO_LINE,
    DECIMAL_SEPARATOR_AMBIGUOUS,
    DECIMAL_SEPARATOR_AMBIGUOUS_NO_LINE,
    FILE_EMPTY,
    FILE_BLANK,
    HEADER_NOT_FOUND,
    HEADER_COLUMNS_MISSING,
    HEADER_COLUMNS_MISSING_QUOTE_NOT_CLOSED,
    HEADER_COLUMNS_MISSING_HEADER_RUNS_ON,
    HEADER_COLUMNS_BOTH,
    HEADER_COLUMNS_ALL,
    HEADER_QUOTE_NOT_CLOSED,
    HEADER_RUNS_ON,
    NO_DATA_ROWS,
    ROW_FIELDS_RUN_ON,
    ROW_FIELDS,
    ENCODING_FAILS_FROM_LINE,
    ROW_NOT_CSV,
    QUOTE_NEVER_CLOSED,
    TEXT_AFTER_CLOSING_QUOTE,
    CONTROL_AFTER_CLOSING_QUOTE,
    QUOTE_RUNS_ON_THEN_TEXT,
    QUOTE_RUNS_ON_THEN_CONTROL,
    ENCODING_BYTE_ORDER_MARK_NOT_UTF8,
    ENCODING_UNDEFINED_BYTE,
    ENCODING_UTF16_BYTE_ORDER_MARK,
    ENCODING_UTF16,
    ENCODING_NUL_BYTE,
    FILE_IS_ZIP,
    FILE_IS_OFFICE_DOCUMENT,
    FILE_IS_GZIP,
    FILE_IS_PDF,
    FILE_IS_PNG,
    FILE_IS_JPEG,
    ENCODING_MIXED_WITH_WINDOWS_1252,
    ENCODING_MIXED_WITH_ANOTHER,
    CORRESPONDENCE_CONFLICT,
    DUPLICATES_CONFLICTING,
    DUPLICATES_CONFLICTING_AND_MORE,
    DUPLICATES_EXACT,
    DUPLICATES_EXACT_AND_MORE,
    SEXES_ABOVE_TOTAL,
    MECHANISMS_ABOVE_TOTAL,
    SUBCATEGORIES_ABOVE_TOTAL,
    JUSTICE_STAGE_ABOVE_EARLIER,
    YEAR_ON_YEAR_CHANGE,
    YEAR_ON_YEAR_FROM_ZERO,
    RATE_INCONSISTENT_WITH_POPULATION,
    CORRESPONDENCE_WITHOUT_COUNTRY,
    COUNTRY_NOT_A_MEMBER,
    STORED;

    @Override
    public String family() {
        return "ingest";
    }

    @Override
    public String key() {
        return MessageCode.keyOf(this);
    }

    /** The code of a stored {@link #code()} ({@code ingest.value-not-a-number}), if ingest declares it. */
    public static Optional<IngestMessage> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(message -> message.code().equals(code))
                .findFirst();
    }

    /**
     * A text that has no code: an issue stored before messages had codes, or an internal failure. It reads the
     * same, in English, in every language.
     */
    public static Message stored(String text) {
        return Message.of(STORED, "text", text);
    }
}
