package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the synthetic Chilean aggregated submission as a Spanish spreadsheet export: UTF-8 with a byte order
 * mark, {@code ;}, CRLF and decimal commas. Homicide is also given by sex and by mechanism. Two counts of 2020
 * are fractional estimates flagged {@code E} with a note, as a statistics office publishes them.
 */
final class ChileAggregateFileWriter {
    static final String COUNTRY = "CHL";
    static final String FILE = "national/synthetic-chl-agregado-2018-2023.csv";
    static final int FIRST_YEAR = 2018;
    static final int LAST_YEAR = 2023;
    static final String HOMICIDE = "HOM";
    static final int ESTIMATE_YEAR = 2020;
    static final List<String> ESTIMATED_OFFENCES = List.of("ROB-VM", "HUR");
    static final String ESTIMATE_NOTE =
            "Estimación: registros incompletos durante la emergencia sanitaria; cifra ajustada por subregistro.";
    static final List<String> HEADER = List.of(
            "pais", "anio", "codigo_delito", "delito", "cantidad", "sexo", "grupo_edad", "mecanismo", "estado", "nota");

    private final SyntheticModel model;
    private final NationalCounts counts;

    ChileAggregateFileWriter(SyntheticModel model) {
        this.model = requireNonNull(model, "model is null");
        this.counts = new NationalCounts(model);
    }

    void write(Path file, List<NationalOffence> offences) {
        if (offences.stream().noneMatch(offence -> offence.code().equals(HOMICIDE))) {
            throw new IllegalArgumentException(
                    "%s lists no CHL offence %s; the Chilean file needs it for the homicide breakdowns"
                            .formatted(GeneratorInputs.NATIONAL_OFFENCES, HOMICIDE));
        }
        DelimitedFile export = DelimitedFile.withByteOrderMark(StandardCharsets.UTF_8, ';', "\r\n")
                .record(HEADER);
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (NationalOffence offence : offences) {
                if (year == ESTIMATE_YEAR && ESTIMATED_OFFENCES.contains(offence.code())) {
                    export.record(row(year, offence, estimate(offence, year), "Total", "", "E", ESTIMATE_NOTE));
                } else {
                    export.record(row(year, offence, counts.total(COUNTRY, offence, year), "Total", "", "", ""));
                }
                if (offence.code().equals(HOMICIDE)) {
                    NationalCounts.HomicideBreakdown breakdown = counts.homicideBreakdown(COUNTRY, offence, year);
                    export.record(row(year, offence, breakdown.male(), "Hombre", "", "", ""));
                    export.record(row(year, offence, breakdown.female(), "Mujer", "", "", ""));
                    export.record(row(year, offence, breakdown.firearm(), "Total", "Arma de fuego", "", ""));
                    export.record(row(year, offence, breakdown.other(), "Total", "Otro", "", ""));
                }
            }
        }
        export.write(file);
    }

    /** The count adjusted by a few percent and given to one decimal, never a whole number. */
    private BigDecimal estimate(NationalOffence offence, int year) {
        SplittableRandom random = model.random().forKey("chl-estimate", year, offence.code());
        double adjusted = counts.total(COUNTRY, offence, year).doubleValue() * (1 + random.nextDouble(0.02, 0.08));
        long tenths = Math.round(adjusted * 10);
        if (tenths % 10 == 0) {
            tenths += 5;
        }
        return BigDecimal.valueOf(tenths, 1);
    }

    private static List<String> row(
            int year,
            NationalOffence offence,
            BigDecimal count,
            String sex,
            String mechanism,
            String flag,
            String note) {
        return List.of(
                COUNTRY,
                Integer.toString(year),
                offence.code(),
                offence.label(),
                Numbers.withDecimalComma(count),
                sex,
                "Total",
                mechanism,
                flag,
                note);
    }
}
