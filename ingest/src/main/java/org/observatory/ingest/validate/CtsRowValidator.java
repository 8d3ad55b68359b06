package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.observatory.ingest.format.RawRow;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.StagedRows;

/** Validates dataUNODC long-format rows (UN-CTS replies); see docs/formats.md, {@code cts}. */
public final class CtsRowValidator implements RowValidator {
    private final ValidationContext context;

    public CtsRowValidator(ValidationContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        long line = row.line();
        String iso3 = row.cell("iso3_code").toUpperCase(Locale.ROOT);
        Optional<ExclusionReason> outOfScope = context.scopeOf(iso3);
        if (outOfScope.isPresent()) {
            context.report().skipped(outOfScope.get().code());
            staged.accept(skipped(row, iso3, outOfScope.get()));
            return;
        }
        ValidationReport report = context.report();
        long errorsBefore = report.errorCount();
        OptionalInt year = context.year(line, "Year", row.cell("year"));
        OptionalDouble value = context.count(line, "VALUE", row.cell("value"));
        Optional<String> sex = context.sex(line, "Sex", row.cell("sex"));
        ValidationContext.AgeBand age = context.ageBand(line, "Age", row.cell("age"));
        String unit = unit(line, row.cell("unit_of_measurement"));
        for (String column : new String[] {"indicator", "dimension", "category"}) {
            if (row.cell(column).isEmpty()) {
                report.error(
                        ErrorCode.VALUE_MISSING,
                        line,
                        column,
                        "",
                        "Line %d, column '%s' is empty; every dataUNODC row names its %s"
                                .formatted(line, column, column));
            }
        }
        if (report.errorCount() > errorsBefore) {
            return;
        }
        staged.accept(new StagedRow(
                line,
                StagedRows.STATUS_ACCEPTED,
                null,
                iso3,
                year.getAsInt(),
                row.cell("indicator"),
                row.cell("dimension"),
                row.cell("category"),
                null,
                null,
                null,
                sex.orElseThrow(),
                age.code(),
                null,
                null,
                unit,
                value.getAsDouble(),
                null,
                age.footnote().orElse(null),
                row.cell("source").isEmpty() ? "CTS" : row.cell("source"),
                null));
    }

    private String unit(long line, String text) {
        String key = text.toLowerCase(Locale.ROOT).replace(" ", "");
        if (key.equals("counts") || key.equals("count")) {
            return StagedRows.UNIT_COUNT;
        }
        if (key.startsWith("rateper100,000") || key.startsWith("rateper100000")) {
            return StagedRows.UNIT_REPORTED_RATE;
        }
        context.report()
                .error(
                        ErrorCode.UNKNOWN_CODE,
                        line,
                        "Unit of measurement",
                        text,
                        "Line %d, column 'Unit of measurement': unknown unit '%s'; use 'Counts' or 'Rate per 100,000 population'"
                                .formatted(line, text));
        return null;
    }

    private static StagedRow skipped(RawRow row, String iso3, ExclusionReason reason) {
        Integer year = null;
        try {
            year = Integer.valueOf(row.cell("year"));
        } catch (NumberFormatException e) {
            // a skipped row keeps what can be read of it
        }
        return new StagedRow(
                row.line(),
                StagedRows.STATUS_SKIPPED,
                reason.code(),
                iso3.isEmpty() ? null : iso3,
                year,
                row.cell("indicator"),
                row.cell("dimension"),
                row.cell("category"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                row.cell("source"),
                null);
    }
}
