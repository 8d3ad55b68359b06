package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.format.FileLayout;
import org.observatory.ingest.format.RawRow;
import org.observatory.schemas.codelist.Country;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.record.ObservationStatus;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * Validates SDMX-CSV 1.0 and 2.0 rows of ICCS-coded series, as national statistical offices publish them; see
 * docs/formats.md, {@code sdmx-csv}. Each row is one annual observation: {@code REF_AREA} (ISO alpha-3, alpha-2 or
 * M49), {@code TIME_PERIOD} (a year), {@code ICCS} (the ICCS code, bare or prefixed {@code ICCS_}), optional
 * {@code SEX} and {@code AGE}, {@code UNIT_MEASURE} and {@code OBS_VALUE}. Coded cells exported with labels
 * ({@code MEX: Mexico}) are read by their code.
 *
 * <p>Decisions: {@code ACTION} {@code D} (delete) is rejected, since values are removed by withdrawing the
 * submission that holds them; {@code I}, {@code A} and {@code R} are read alike, because a newer approved submission
 * replaces every value of its (source kind, country, year) scope anyway. Periods shorter than a year are rejected.
 * An empty {@code OBS_VALUE} whose {@code OBS_STATUS} says the value is missing ({@code M}, {@code L}, {@code O},
 * {@code Q}) gives no observation: the row is staged as skipped with reason {@code missing-value}.
 */
public final class SdmxRowValidator implements RowValidator {
    /** The skip reason of a row whose OBS_STATUS says the value is missing. */
    public static final String MISSING_VALUE = ExclusionReason.MISSING_VALUE.code();

    private static final Set<String> MISSING_STATUSES = Set.of("M", "L", "O", "Q");
    private static final Set<String> STRUCTURE_TYPES =
            Set.of("dataflow", "datastructure", "dataprovision", "dataprovisionagreement");
    private static final Set<String> ACTIONS = Set.of("I", "A", "R");
    private static final String DELETE = "D";
    private static final String ANNUAL = "A";

    /** The accepted UNIT_MEASURE codes (upper case) of each staged unit, in the order messages list them. */
    private static final List<Unit> UNITS = List.of(
            new Unit(StagedRows.UNIT_COUNT, List.of("NUM", "N", "NR", "NUMBER", "COUNT", "COUNTS")),
            new Unit(
                    StagedRows.UNIT_REPORTED_RATE,
                    List.of("RATE_100K", "PER_100000", "PER_100000_POP", "PER_100K", "R_100K")),
            new Unit(StagedRows.UNIT_PERCENT, List.of("PT", "PC", "PERCENT", "PCT")));

    private static final Pattern ICCS_PREFIX = Pattern.compile("(?i)^ICCS[_-]?");
    private static final Pattern AGE_BAND = Pattern.compile("Y(\\d+)T(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGE_AND_OVER = Pattern.compile("Y_?GE(\\d+)|Y(\\d+)T_?INF", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGE_UNDER = Pattern.compile("Y_?LT(\\d+)", Pattern.CASE_INSENSITIVE);

    private final ValidationContext context;
    private final String source;
    private final boolean hasStructureType;
    // STRUCTURE_ID (2.0) or DATAFLOW (1.0): the column that identifies the structure of a row, if the file has one
    private final Optional<String> structureColumn;

    /** A validator of the rows of a file with that layout; {@link #checkHeader} checks the header once per file. */
    public SdmxRowValidator(ValidationContext context, FileLayout layout, String source) {
        this.context = requireNonNull(context, "context is null");
        this.source = requireNonNull(source, "source is null");
        requireNonNull(layout, "layout is null");
        this.structureColumn =
                Stream.of("structure_id", "dataflow").filter(layout::has).findFirst();
        this.hasStructureType = layout.has("structure");
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        long line = row.line();
        ValidationReport report = context.report();
        String action = code(row.cell("action")).toUpperCase(Locale.ROOT);
        if (action.equals(DELETE)) {
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    "ACTION",
                    action,
                    Message.of(
                            IngestMessage.SDMX_ACTION_DELETE,
                            "line",
                            Long.toString(line),
                            "withdraw",
                            "POST /submissions/{id}/withdraw"));
            return;
        }
        String area = code(row.cell("ref_area")).toUpperCase(Locale.ROOT);
        if (area.isEmpty()) {
            report.error(
                    ErrorCode.VALUE_MISSING,
                    line,
                    "REF_AREA",
                    "",
                    Message.of(IngestMessage.SDMX_REF_AREA_MISSING, "line", Long.toString(line)));
            return;
        }
        Optional<String> iso3 = context.codelists().countries().find(area).map(Country::alpha3);
        Optional<ExclusionReason> outOfScope =
                iso3.isEmpty() ? Optional.of(ExclusionReason.UNKNOWN_COUNTRY) : context.scopeOf(iso3.get());
        if (outOfScope.isPresent()) {
            report.skipped(outOfScope.get().code());
            staged.accept(skipped(row, iso3.orElse(area), outOfScope.get().code()));
            return;
        }
        String country = iso3.get();
        if (context.refusesAnotherCountrysRow(line, "REF_AREA", area, country)) {
            return;
        }
        long errorsBefore = report.errorCount();
        if (!action.isEmpty() && !ACTIONS.contains(action)) {
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    "ACTION",
                    action,
                    Message.of(IngestMessage.SDMX_ACTION_UNKNOWN, "line", Long.toString(line), "value", action));
        }
        String structureId = structureId(row);
        OptionalInt year = year(row);
        String iccsCode = iccsCode(row);
        Optional<String> sex = context.sex(line, "SEX", code(row.cell("sex")));
        String age = age(code(row.cell("age")));
        checkUnitMultiplier(row);
        String status = observationStatus(row);
        String valueText = row.cell("obs_value");
        boolean missing = valueText.isEmpty() || valueText.equalsIgnoreCase("NaN");
        boolean missingStatus = MISSING_STATUSES.contains(status);
        OptionalDouble value = OptionalDouble.empty();
        if (missing && !missingStatus) {
            report.error(
                    ErrorCode.VALUE_MISSING,
                    line,
                    "OBS_VALUE",
                    valueText,
                    Message.of(IngestMessage.SDMX_OBS_VALUE_MISSING, "line", Long.toString(line)));
        } else if (!missing && missingStatus) {
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    "OBS_STATUS",
                    status,
                    Message.of(
                            IngestMessage.SDMX_MISSING_STATUS_WITH_VALUE,
                            "line",
                            Long.toString(line),
                            "value",
                            status,
                            "observation",
                            valueText));
        } else if (!missing) {
            value = context.count(line, "OBS_VALUE", valueText);
        }
        String unitText = code(row.cell("unit_measure"));
        String unit = missing && unitText.isEmpty() ? null : unit(line, unitText);
        if (report.errorCount() > errorsBefore) {
            return;
        }
        String footnote = row.cell("comment").isEmpty() ? null : row.cell("comment");
        String provenance = row.cell("source").isEmpty() ? structureId + ", " + source : row.cell("source");
        if (missing) {
            report.skipped(MISSING_VALUE);
        }
        staged.accept(new StagedRow(
                line,
                missing ? StagedRows.STATUS_SKIPPED : StagedRows.STATUS_ACCEPTED,
                missing ? MISSING_VALUE : null,
                country,
                year.getAsInt(),
                null,
                null,
                null,
                null,
                null,
                iccsCode,
                sex.orElseThrow(),
                age,
                StagedRows.TOTAL,
                StagedRows.TOTAL,
                unit,
                missing ? null : value.getAsDouble(),
                status.isEmpty() ? ObservationStatus.NORMAL : status,
                footnote,
                provenance,
                null));
    }

    /**
     * Reports, as a header problem, a file that has neither {@code DATAFLOW} (SDMX-CSV 1.0) nor {@code STRUCTURE}
     * and {@code STRUCTURE_ID} (SDMX-CSV 2.0), which rejects it.
     */
    public static void checkHeader(FileLayout layout, ValidationReport report) {
        boolean structure = layout.has("structure");
        boolean structureId = layout.has("structure_id");
        if (structure && structureId || !structure && !structureId && layout.has("dataflow")) {
            return;
        }
        String line = Long.toString(layout.headerLine());
        Message message = structure || structureId
                ? Message.of(
                        IngestMessage.SDMX_HEADER_STRUCTURE_INCOMPLETE,
                        "line",
                        line,
                        "present",
                        structure ? "STRUCTURE" : "STRUCTURE_ID")
                : Message.of(IngestMessage.SDMX_HEADER_NO_STRUCTURE, "line", line);
        report.error(ErrorCode.REQUIRED_COLUMN_MISSING, layout.headerLine(), null, null, message);
    }

    /**
     * The structure identification of the row ({@code STRUCTURE_ID} or {@code DATAFLOW}), reporting problems; empty
     * when the file has neither column (reported once, for the header).
     */
    private String structureId(RawRow row) {
        long line = row.line();
        if (hasStructureType) {
            String type = code(row.cell("structure"));
            if (!STRUCTURE_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                context.report()
                        .error(
                                ErrorCode.UNKNOWN_CODE,
                                line,
                                "STRUCTURE",
                                type,
                                Message.of(
                                        IngestMessage.SDMX_STRUCTURE_TYPE_UNKNOWN,
                                        "line",
                                        Long.toString(line),
                                        "value",
                                        type));
            }
        }
        if (structureColumn.isEmpty()) {
            return "";
        }
        String id = code(row.cell(structureColumn.get()));
        String column = structureColumn.get().toUpperCase(Locale.ROOT);
        if (id.isEmpty()) {
            context.report()
                    .error(
                            ErrorCode.VALUE_MISSING,
                            line,
                            column,
                            "",
                            Message.of(
                                    IngestMessage.SDMX_STRUCTURE_ID_MISSING,
                                    "line",
                                    Long.toString(line),
                                    "column",
                                    column));
        }
        return id;
    }

    private OptionalInt year(RawRow row) {
        long line = row.line();
        String frequency = code(row.cell("freq")).toUpperCase(Locale.ROOT);
        if (!frequency.isEmpty() && !frequency.equals(ANNUAL)) {
            context.report()
                    .error(
                            ErrorCode.UNKNOWN_CODE,
                            line,
                            "FREQ",
                            frequency,
                            Message.of(
                                    IngestMessage.SDMX_FREQUENCY_NOT_ANNUAL,
                                    "line",
                                    Long.toString(line),
                                    "value",
                                    frequency));
            return OptionalInt.empty();
        }
        String text = code(row.cell("time_period"));
        if (text.isEmpty()) {
            return context.year(line, "TIME_PERIOD", text);
        }
        Period period = Period.of(text, frequency);
        if (period instanceof Period.Annual annual) {
            return context.year(line, "TIME_PERIOD", annual.year());
        }
        IngestMessage problem = ((Period.NotAnnual) period).problem();
        context.report()
                .error(
                        ErrorCode.YEAR_OUT_OF_RANGE,
                        line,
                        "TIME_PERIOD",
                        text,
                        Message.of(problem, "line", Long.toString(line), "value", text));
        return OptionalInt.empty();
    }

    private String iccsCode(RawRow row) {
        long line = row.line();
        String written = code(row.cell("iccs"));
        String candidate = ICCS_PREFIX.matcher(written).replaceFirst("");
        if (written.isEmpty()) {
            context.report()
                    .error(
                            ErrorCode.VALUE_MISSING,
                            line,
                            "ICCS",
                            "",
                            Message.of(IngestMessage.SDMX_ICCS_MISSING, "line", Long.toString(line)));
            return null;
        }
        if (context.codelists().iccs().find(candidate).isPresent()) {
            return candidate;
        }
        Message message = context.codelists().iccs().find("0" + candidate).isPresent()
                ? Message.of(
                        IngestMessage.SDMX_ICCS_LEADING_ZERO,
                        "line",
                        Long.toString(line),
                        "value",
                        written,
                        "code",
                        "0" + candidate)
                : Message.of(IngestMessage.SDMX_ICCS_UNKNOWN, "line", Long.toString(line), "value", written);
        context.report().error(ErrorCode.UNKNOWN_ICCS_CODE, line, "ICCS", written, message);
        return null;
    }

    private void checkUnitMultiplier(RawRow row) {
        String multiplier = code(row.cell("unit_mult"));
        if (multiplier.isEmpty() || multiplier.equals("0")) {
            return;
        }
        context.report()
                .error(
                        ErrorCode.UNKNOWN_CODE,
                        row.line(),
                        "UNIT_MULT",
                        multiplier,
                        Message.of(
                                IngestMessage.SDMX_UNIT_MULTIPLIER,
                                "line",
                                Long.toString(row.line()),
                                "value",
                                multiplier));
    }

    /** The OBS_STATUS code in upper case, empty when there is none; reports a code outside the SDMX codelist. */
    private String observationStatus(RawRow row) {
        String status = code(row.cell("obs_status")).toUpperCase(Locale.ROOT);
        if (!status.isEmpty()
                && context.codelists().observationStatuses().find(status).isEmpty()) {
            context.report()
                    .error(
                            ErrorCode.UNKNOWN_CODE,
                            row.line(),
                            "OBS_STATUS",
                            status,
                            Message.of(
                                    IngestMessage.OBSERVATION_STATUS_UNKNOWN,
                                    "line",
                                    Long.toString(row.line()),
                                    "column",
                                    "OBS_STATUS",
                                    "value",
                                    status));
        }
        return status;
    }

    private String unit(long line, String text) {
        String key = text.toUpperCase(Locale.ROOT);
        for (Unit unit : UNITS) {
            if (unit.codes().contains(key)) {
                return unit.staged();
            }
        }
        Message message = Message.of(
                text.isEmpty() ? IngestMessage.SDMX_UNIT_MISSING : IngestMessage.SDMX_UNIT_UNKNOWN,
                "line",
                Long.toString(line),
                "value",
                text,
                "countCodes",
                String.join(", ", UNITS.get(0).codes()),
                "rateCodes",
                String.join(", ", UNITS.get(1).codes()),
                "percentCodes",
                String.join(", ", UNITS.get(2).codes()));
        context.report()
                .error(
                        text.isEmpty() ? ErrorCode.VALUE_MISSING : ErrorCode.UNKNOWN_CODE,
                        line,
                        "UNIT_MEASURE",
                        text,
                        message);
        return null;
    }

    /** The platform's age code of an SDMX AGE code: {@code Y15T29} is {@code 15-29}, {@code Y_GE60} is {@code 60+}. */
    static String age(String text) {
        Matcher band = AGE_BAND.matcher(text);
        if (band.matches()) {
            return band.group(1) + "-" + band.group(2);
        }
        Matcher andOver = AGE_AND_OVER.matcher(text);
        if (andOver.matches()) {
            return (andOver.group(1) != null ? andOver.group(1) : andOver.group(2)) + "+";
        }
        Matcher under = AGE_UNDER.matcher(text);
        if (under.matches() && Integer.parseInt(under.group(1)) > 0) {
            return "0-" + (Integer.parseInt(under.group(1)) - 1);
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() || trimmed.equalsIgnoreCase("total") || trimmed.equalsIgnoreCase("_T")
                ? StagedRows.TOTAL
                : trimmed;
    }

    /**
     * The code of a coded cell: an export with {@code labels=both} writes {@code ID: Name} (e.g. {@code MEX: Mexico},
     * {@code ESTAT:NA_MAIN(1.6.0): National accounts}); the ID ends at the first {@code ": "}.
     */
    static String code(String cell) {
        int separator = cell.indexOf(": ");
        return (separator > 0 ? cell.substring(0, separator) : cell).strip();
    }

    private StagedRow skipped(RawRow row, String country, String reason) {
        Period period = Period.of(code(row.cell("time_period")), code(row.cell("freq")));
        Integer year = null;
        if (period instanceof Period.Annual annual) {
            try {
                year = Integer.valueOf(annual.year());
            } catch (NumberFormatException e) {
                // a skipped row keeps what can be read of it
            }
        }
        String iccs = ICCS_PREFIX.matcher(code(row.cell("iccs"))).replaceFirst("");
        return new StagedRow(
                row.line(),
                StagedRows.STATUS_SKIPPED,
                reason,
                country.isEmpty() ? null : country,
                year,
                null,
                null,
                null,
                null,
                null,
                iccs.isEmpty() ? null : iccs,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                row.cell("source").isEmpty() ? source : row.cell("source"),
                null);
    }

    /** A unit of the staged rows and the UNIT_MEASURE codes that mean it (messages name them: count, rate, percent). */
    private record Unit(String staged, List<String> codes) {}

    /** A TIME_PERIOD read as a calendar year, or why it is not one. */
    private sealed interface Period {
        Pattern YEAR = Pattern.compile("\\d{4}");
        Pattern REPORTING_YEAR = Pattern.compile("(\\d{4})-A1?", Pattern.CASE_INSENSITIVE);
        Pattern CALENDAR_YEAR_RANGE = Pattern.compile("(\\d{4})-01-01(T00:00(:00)?)?/P1Y", Pattern.CASE_INSENSITIVE);
        Pattern DATE = Pattern.compile("(\\d{4})-\\d{2}-\\d{2}(T[0-9:.]+Z?)?", Pattern.CASE_INSENSITIVE);
        Pattern SEMESTER = Pattern.compile("\\d{4}-?S[12]", Pattern.CASE_INSENSITIVE);
        Pattern TRIMESTER = Pattern.compile("\\d{4}-?T[1-3]", Pattern.CASE_INSENSITIVE);
        Pattern QUARTER = Pattern.compile("\\d{4}-?Q[1-4]", Pattern.CASE_INSENSITIVE);
        Pattern MONTH = Pattern.compile("\\d{4}-?M?\\d{2}", Pattern.CASE_INSENSITIVE);
        Pattern WEEK = Pattern.compile("\\d{4}-?W\\d{2}", Pattern.CASE_INSENSITIVE);
        Pattern DAY_OF_YEAR = Pattern.compile("\\d{4}-?D\\d{3}", Pattern.CASE_INSENSITIVE);
        Pattern RANGE = Pattern.compile(".+/P.+", Pattern.CASE_INSENSITIVE);

        List<Map.Entry<Pattern, IngestMessage>> SHORTER_THAN_A_YEAR = List.of(
                Map.entry(SEMESTER, IngestMessage.SDMX_PERIOD_HALF_YEAR),
                Map.entry(TRIMESTER, IngestMessage.SDMX_PERIOD_FOUR_MONTHS),
                Map.entry(QUARTER, IngestMessage.SDMX_PERIOD_QUARTER),
                Map.entry(MONTH, IngestMessage.SDMX_PERIOD_MONTH),
                Map.entry(WEEK, IngestMessage.SDMX_PERIOD_WEEK),
                Map.entry(DAY_OF_YEAR, IngestMessage.SDMX_PERIOD_DAY_OF_YEAR));

        /** Reads {@code text}; a date stands for its year only in a row whose FREQ is {@code A} (annual). */
        static Period of(String text, String frequency) {
            if (YEAR.matcher(text).matches()) {
                return new Annual(text);
            }
            for (Pattern annual : List.of(REPORTING_YEAR, CALENDAR_YEAR_RANGE)) {
                Matcher matcher = annual.matcher(text);
                if (matcher.matches()) {
                    return new Annual(matcher.group(1));
                }
            }
            Matcher date = DATE.matcher(text);
            if (date.matches()) {
                return frequency.equalsIgnoreCase(ANNUAL)
                        ? new Annual(date.group(1))
                        : new NotAnnual(IngestMessage.SDMX_PERIOD_DATE);
            }
            for (Map.Entry<Pattern, IngestMessage> kind : SHORTER_THAN_A_YEAR) {
                if (kind.getKey().matcher(text).matches()) {
                    return new NotAnnual(kind.getValue());
                }
            }
            if (RANGE.matcher(text).matches()) {
                return new NotAnnual(IngestMessage.SDMX_PERIOD_RANGE);
            }
            return new NotAnnual(IngestMessage.SDMX_PERIOD_NOT_A_PERIOD);
        }

        record Annual(String year) implements Period {}

        record NotAnnual(IngestMessage problem) implements Period {}
    }
}
