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

/** Validates resident population rows, the denominators of rates; see docs/formats.md, {@code population}. */
public final class PopulationRowValidator implements RowValidator {
    private final ValidationContext context;
    private final String defaultSource;

    public PopulationRowValidator(ValidationContext context, String defaultSource) {
        this.context = requireNonNull(context, "context is null");
        this.defaultSource = requireNonNull(defaultSource, "defaultSource is null");
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        long line = row.line();
        ValidationReport report = context.report();
        String written = row.cell("country");
        String countryColumn = context.column("country");
        Optional<String> iso3 = context.codelists().countries().find(written).map(found -> found.alpha3());
        if (iso3.isEmpty()) {
            report.error(
                    ErrorCode.UNKNOWN_COUNTRY,
                    line,
                    countryColumn,
                    written,
                    Message.of(
                            IngestMessage.COUNTRY_UNKNOWN,
                            "line",
                            Long.toString(line),
                            "column",
                            countryColumn,
                            "value",
                            written,
                            "example",
                            "JAM"));
            return;
        }
        String source = row.cell("source").isEmpty() ? defaultSource : row.cell("source");
        Optional<ExclusionReason> outOfScope = context.scopeOf(iso3.get());
        if (outOfScope.isPresent()) {
            report.skipped(outOfScope.get().code());
            staged.accept(new StagedRow(
                    line,
                    StagedRows.STATUS_SKIPPED,
                    outOfScope.get().code(),
                    iso3.get(),
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
                    StagedRows.UNIT_POPULATION,
                    null,
                    null,
                    null,
                    source,
                    null));
            return;
        }
        if (context.refusesAnotherCountrysRow(line, countryColumn, written, iso3.get())) {
            return;
        }
        long errorsBefore = report.errorCount();
        OptionalInt year = context.year(line, context.column("year"), row.cell("year"));
        OptionalDouble population = context.count(line, context.column("population"), row.cell("population"));
        Optional<String> sex = context.sex(line, context.column("sex"), row.cell("sex"));
        if (population.isPresent() && population.getAsDouble() == 0) {
            report.error(
                    ErrorCode.VALUE_NOT_A_NUMBER,
                    line,
                    context.column("population"),
                    row.cell("population"),
                    Message.of(
                            IngestMessage.POPULATION_ZERO,
                            "line",
                            Long.toString(line),
                            "column",
                            context.column("population")));
        }
        if (report.errorCount() > errorsBefore) {
            return;
        }
        staged.accept(new StagedRow(
                line,
                StagedRows.STATUS_ACCEPTED,
                null,
                iso3.get().toUpperCase(Locale.ROOT),
                year.getAsInt(),
                null,
                null,
                null,
                null,
                null,
                null,
                sex.orElseThrow(),
                StagedRows.TOTAL,
                null,
                null,
                StagedRows.UNIT_POPULATION,
                population.getAsDouble(),
                null,
                null,
                source,
                null));
    }
}
