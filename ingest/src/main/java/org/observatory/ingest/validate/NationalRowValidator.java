package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Validates a national observatory's submission, aggregated (with a count column) or incident-level (one row per
 * recorded offence, no count column); see docs/formats.md, {@code national}. National offence codes are kept as
 * written: the pipeline normalises them to ICCS through the country's correspondence table.
 */
public final class NationalRowValidator implements RowValidator {
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d{1,2}[/.-]\\d{1,2}[/.-](\\d{4})( .*)?");
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile("(\\d{4})-\\d{1,2}-\\d{1,2}([T ].*)?");

    private final ValidationContext context;
    private final boolean incidentLevel;
    private final String yearColumn;
    private final String source;
    private final KnownNationalCodes knownCodes;

    public NationalRowValidator(
            ValidationContext context, FileLayout layout, String source, KnownNationalCodes knownCodes) {
        this.context = requireNonNull(context, "context is null");
        this.knownCodes = requireNonNull(knownCodes, "knownCodes is null");
        this.incidentLevel = !layout.has("count");
        this.yearColumn = layout.has("year") ? "year" : "date";
        this.source = requireNonNull(source, "source is null");
    }

    public boolean incidentLevel() {
        return incidentLevel;
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        long line = row.line();
        ValidationReport report = context.report();
        long errorsBefore = report.errorCount();
        Optional<String> country = country(row);
        if (country.isEmpty()) {
            return;
        }
        Optional<ExclusionReason> outOfScope = context.scopeOf(country.get());
        if (outOfScope.isPresent()) {
            report.skipped(outOfScope.get().code());
            staged.accept(new StagedRow(
                    line,
                    StagedRows.STATUS_SKIPPED,
                    outOfScope.get().code(),
                    country.get(),
                    null,
                    null,
                    null,
                    null,
                    row.cell("offence_code"),
                    row.cell("offence_label"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    source,
                    null));
            return;
        }
        OptionalInt year = yearColumn.equals("year")
                ? context.year(line, context.column("year"), row.cell("year"))
                : yearOfDate(line, row.cell("date"));
        OptionalDouble value =
                incidentLevel ? OptionalDouble.of(1) : context.count(line, context.column("count"), row.cell("count"));
        Optional<String> sex = context.sex(line, context.column("sex"), row.cell("sex"));
        ValidationContext.AgeBand age = context.ageBand(line, context.column("age_group"), row.cell("age_group"));
        String code = row.cell("offence_code");
        if (code.isEmpty()) {
            String column = context.column("offence_code");
            report.error(
                    ErrorCode.VALUE_MISSING,
                    line,
                    column,
                    "",
                    Message.of(IngestMessage.OFFENCE_CODE_MISSING, "line", Long.toString(line), "column", column));
        }
        String flag = row.cell("flag").toUpperCase(Locale.ROOT);
        if (!flag.isEmpty()
                && context.codelists().observationStatuses().find(flag).isEmpty()) {
            String column = context.column("flag");
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    column,
                    flag,
                    Message.of(
                            IngestMessage.OBSERVATION_STATUS_UNKNOWN,
                            "line",
                            Long.toString(line),
                            "column",
                            column,
                            "value",
                            flag));
        }
        if (report.errorCount() > errorsBefore) {
            return;
        }
        checkKnownCode(line, country.get(), code);
        String mechanism = row.cell("mechanism");
        String mechanismCode =
                mechanism.isEmpty() || ValidationContext.slug(mechanism).equals("total")
                        ? StagedRows.TOTAL
                        : ValidationContext.slug(mechanism);
        staged.accept(new StagedRow(
                line,
                StagedRows.STATUS_ACCEPTED,
                null,
                country.get(),
                year.getAsInt(),
                null,
                null,
                null,
                code,
                row.cell("offence_label"),
                null,
                sex.orElseThrow(),
                age.code(),
                mechanismCode.equals(StagedRows.TOTAL) ? StagedRows.TOTAL : "mechanism",
                mechanismCode,
                incidentLevel ? StagedRows.UNIT_INCIDENT : StagedRows.UNIT_COUNT,
                value.getAsDouble(),
                flag.isEmpty() ? ObservationStatus.NORMAL : flag,
                footnote(row.cell("note"), age.footnote()),
                source,
                null));
    }

    /** A code the correspondence table does not map is a warning: the pipeline excludes its rows until it is added. */
    private void checkKnownCode(long line, String country, String code) {
        Optional<java.util.Set<String>> known = knownCodes.of(country);
        if (known.isEmpty()) {
            context.report()
                    .warningOncePerFile(
                            "no correspondence table for " + country,
                            ErrorCode.UNKNOWN_NATIONAL_CODE,
                            line,
                            context.column("offence_code"),
                            code,
                            Message.of(
                                    IngestMessage.NO_CORRESPONDENCE_TABLE,
                                    "line",
                                    Long.toString(line),
                                    "country",
                                    country));
            return;
        }
        if (!known.get().contains(code)) {
            context.report()
                    .warning(
                            ErrorCode.UNKNOWN_NATIONAL_CODE,
                            line,
                            context.column("offence_code"),
                            code,
                            Message.of(
                                    IngestMessage.NATIONAL_CODE_UNKNOWN,
                                    "line",
                                    Long.toString(line),
                                    "column",
                                    context.column("offence_code"),
                                    "value",
                                    code,
                                    "country",
                                    country));
        }
    }

    private static String footnote(String note, Optional<String> correction) {
        if (correction.isEmpty()) {
            return note.isEmpty() ? null : note;
        }
        return note.isEmpty() ? correction.get() : note + "; " + correction.get();
    }

    private Optional<String> country(RawRow row) {
        String written = row.cell("country");
        String column = context.column("country");
        Optional<String> declared = context.declaredCountry();
        if (written.isEmpty()) {
            if (declared.isEmpty()) {
                context.report()
                        .error(
                                ErrorCode.VALUE_MISSING,
                                row.line(),
                                column,
                                "",
                                Message.of(
                                        IngestMessage.COUNTRY_MISSING,
                                        "line",
                                        Long.toString(row.line()),
                                        "column",
                                        column));
            }
            return declared;
        }
        Optional<String> iso3 = context.codelists().countries().find(written).map(Country::alpha3);
        if (iso3.isEmpty()) {
            context.report()
                    .error(
                            ErrorCode.UNKNOWN_COUNTRY,
                            row.line(),
                            column,
                            written,
                            Message.of(
                                    IngestMessage.COUNTRY_UNKNOWN,
                                    "line",
                                    Long.toString(row.line()),
                                    "column",
                                    column,
                                    "value",
                                    written,
                                    "example",
                                    "MEX"));
            return Optional.empty();
        }
        // a national file is one country's: a row of any other country is refused, a member state's or not
        if (context.refusesAnotherCountrysRow(row.line(), column, written, iso3.get())) {
            return Optional.empty();
        }
        return iso3;
    }

    private OptionalInt yearOfDate(long line, String text) {
        Matcher dayFirst = DAY_MONTH_YEAR.matcher(text);
        if (dayFirst.matches()) {
            return context.year(line, context.column("date"), dayFirst.group(1));
        }
        Matcher yearFirst = YEAR_MONTH_DAY.matcher(text);
        if (yearFirst.matches()) {
            return context.year(line, context.column("date"), yearFirst.group(1));
        }
        context.report()
                .error(
                        ErrorCode.VALUE_NOT_A_NUMBER,
                        line,
                        context.column("date"),
                        text,
                        Message.of(
                                IngestMessage.DATE_NOT_A_DATE,
                                "line",
                                Long.toString(line),
                                "column",
                                context.column("date"),
                                "value",
                                text));
        return OptionalInt.empty();
    }
}
