package org.observatory.ingest.validate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.function.Consumer;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.format.RawRow;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.record.MatchQuality;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * Validates a country's correspondence table (national code to ICCS); see docs/formats.md, {@code correspondence}.
 * Every ICCS code must exist and every match quality must be one of full, partial, broader, narrower.
 */
public final class CorrespondenceRowValidator implements RowValidator {
    private final ValidationContext context;
    private final String country;
    private final String source;

    public CorrespondenceRowValidator(ValidationContext context, String country, String source) {
        this.context = requireNonNull(context, "context is null");
        this.country = requireNonNull(country, "country is null");
        this.source = requireNonNull(source, "source is null");
    }

    @Override
    public void validate(RawRow row, Consumer<StagedRow> staged) {
        long line = row.line();
        ValidationReport report = context.report();
        long errorsBefore = report.errorCount();
        String iccsCode = row.cell("iccs_code");
        if (context.codelists().iccs().find(iccsCode).isEmpty()) {
            report.error(
                    ErrorCode.UNKNOWN_ICCS_CODE,
                    line,
                    context.column("iccs_code"),
                    iccsCode,
                    Message.of(
                            IngestMessage.ICCS_CODE_NOT_A_CODE,
                            "line",
                            Long.toString(line),
                            "column",
                            context.column("iccs_code"),
                            "value",
                            iccsCode));
        }
        MatchQuality quality = null;
        try {
            quality = MatchQuality.fromCode(row.cell("match_quality"));
        } catch (IllegalArgumentException e) {
            report.error(
                    ErrorCode.UNKNOWN_CODE,
                    line,
                    context.column("match_quality"),
                    row.cell("match_quality"),
                    Message.of(
                            IngestMessage.MATCH_QUALITY_UNKNOWN,
                            "line",
                            Long.toString(line),
                            "column",
                            context.column("match_quality"),
                            "value",
                            row.cell("match_quality"),
                            "qualities",
                            Arrays.stream(MatchQuality.values())
                                    .map(MatchQuality::code)
                                    .toList()
                                    .toString()));
        }
        for (String column : new String[] {"national_code", "national_label"}) {
            if (row.cell(column).isEmpty()) {
                String written = context.column(column);
                report.error(
                        ErrorCode.VALUE_MISSING,
                        line,
                        written,
                        "",
                        Message.of(IngestMessage.CELL_MISSING, "line", Long.toString(line), "column", written));
            }
        }
        if (report.errorCount() > errorsBefore) {
            return;
        }
        staged.accept(new StagedRow(
                line,
                StagedRows.STATUS_ACCEPTED,
                null,
                country,
                null,
                null,
                null,
                null,
                row.cell("national_code"),
                row.cell("national_label"),
                iccsCode,
                null,
                null,
                null,
                null,
                StagedRows.UNIT_CORRESPONDENCE,
                null,
                null,
                row.cell("note").isEmpty() ? null : row.cell("note"),
                source,
                quality.code()));
    }
}
