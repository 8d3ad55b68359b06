package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.format.RawRow;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/** Validates dataUNODC long-format rows (UN-CTS replies); see docs/formats.md, {@code cts}. */
public final class CtsRowValidator implements RowValidator {
    private final ValidationContext context;
    private Cells cells;
    /** The staged unit of each recent spelling, or "" for a spelling that is no unit. */
    private final RecentValues<String> units = new RecentValues<>();

    public CtsRowValidator(ValidationContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        Cells cells = cells(row);
        long line = row.line();
        String iso3 = row.cell(cells.iso3).toUpperCase(Locale.ROOT);
        Optional<ExclusionReason> outOfScope = context.scopeOf(iso3);
        if (outOfScope.isPresent()) {
            context.report().skipped(outOfScope.get().code());
            staged.accept(skipped(row, iso3, outOfScope.get()));
            return;
        }
        if (context.refusesAnotherCountrysRow(line, "Iso3_code", row.cell(cells.iso3), iso3)) {
            return;
        }
        ValidationReport report = context.report();
        long errorsBefore = report.errorCount();
        OptionalInt year = context.year(line, "Year", row.cell(cells.year));
        OptionalDouble value = context.count(line, "VALUE", row.cell(cells.value));
        Optional<String> sex = context.sex(line, "Sex", row.cell(cells.sex));
        ValidationContext.AgeBand age = context.ageBand(line, "Age", row.cell(cells.age));
        String unit = unit(line, row.cell(cells.unit));
        String indicator = named(row.cell(cells.indicator), line, "indicator");
        String dimension = named(row.cell(cells.dimension), line, "dimension");
        String category = named(row.cell(cells.category), line, "category");
        if (report.errorCount() > errorsBefore) {
            return;
        }
        String source = row.cell(cells.source);
        staged.accept(new StagedRow(
                line,
                StagedRows.STATUS_ACCEPTED,
                null,
                iso3,
                year.getAsInt(),
                indicator,
                dimension,
                category,
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
                source.isEmpty() ? "CTS" : source,
                null));
    }

    /** The cells of every row of a file are where the first row's are: their positions are looked up once. */
    private Cells cells(RawRow row) {
        if (cells == null || cells.columns != row.columns()) {
            cells = new Cells(row);
        }
        return cells;
    }

    /** Where each column of a dataUNODC row is. */
    private static final class Cells {
        private final java.util.Map<String, Integer> columns;
        private final int iso3;
        private final int year;
        private final int value;
        private final int sex;
        private final int age;
        private final int unit;
        private final int indicator;
        private final int dimension;
        private final int category;
        private final int source;

        Cells(RawRow row) {
            this.columns = row.columns();
            this.iso3 = row.positionOf("iso3_code");
            this.year = row.positionOf("year");
            this.value = row.positionOf("value");
            this.sex = row.positionOf("sex");
            this.age = row.positionOf("age");
            this.unit = row.positionOf("unit_of_measurement");
            this.indicator = row.positionOf("indicator");
            this.dimension = row.positionOf("dimension");
            this.category = row.positionOf("category");
            this.source = row.positionOf("source");
        }
    }

    /** The cell of a column that names the series, reporting it when empty. */
    private String named(String text, long line, String column) {
        if (text.isEmpty()) {
            context.report()
                    .error(
                            ErrorCode.VALUE_MISSING,
                            line,
                            column,
                            "",
                            Message.of(
                                    IngestMessage.SERIES_NAME_MISSING, "line", Long.toString(line), "column", column));
        }
        return text;
    }

    private String unit(long line, String text) {
        String unit = units.get(text, CtsRowValidator::stagedUnit);
        if (!unit.isEmpty()) {
            return unit;
        }
        context.report()
                .error(
                        ErrorCode.UNKNOWN_CODE,
                        line,
                        "Unit of measurement",
                        text,
                        Message.of(IngestMessage.CTS_UNIT_UNKNOWN, "line", Long.toString(line), "value", text));
        return null;
    }

    /** The staged unit a spelling stands for, or "" when it is none. */
    private static String stagedUnit(String text) {
        String key = text.toLowerCase(Locale.ROOT).replace(" ", "");
        if (key.equals("counts") || key.equals("count")) {
            return StagedRows.UNIT_COUNT;
        }
        if (key.startsWith("rateper100,000") || key.startsWith("rateper100000")) {
            return StagedRows.UNIT_REPORTED_RATE;
        }
        return "";
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
