package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes the synthetic Jamaican aggregated submission in the observatory's template (English, UTF-8, {@code ,}):
 * one row per count; murder also by sex and by mechanism. Two values of the last year are flagged provisional.
 * Murder equals the JAM homicide series of the CTS files, so the two sources agree.
 */
final class JamaicaAggregateFileWriter {
    static final String COUNTRY = "JAM";
    static final String FILE = "national/synthetic-jam-aggregated-2015-2023.csv";
    static final int FIRST_YEAR = 2015;
    static final int LAST_YEAR = 2023;
    static final String MURDER = "MUR";
    static final Set<String> PROVISIONAL_IN_LAST_YEAR = Set.of("MUR", "SHO");
    static final String PROVISIONAL_NOTE = "Provisional figure; final figures follow the annual review of case files.";
    static final List<String> HEADER = List.of(
            "country",
            "year",
            "offence_code",
            "offence_label",
            "count",
            "sex",
            "age_group",
            "mechanism",
            "flag",
            "note");

    private final NationalCounts counts;

    JamaicaAggregateFileWriter(SyntheticModel model) {
        this.counts = new NationalCounts(requireNonNull(model, "model is null"));
    }

    void write(Path file, List<NationalOffence> offences) {
        if (offences.stream().noneMatch(offence -> offence.code().equals(MURDER))) {
            throw new IllegalArgumentException(
                    "%s lists no JAM offence %s; the Jamaican file needs it for the murder breakdowns"
                            .formatted(GeneratorInputs.NATIONAL_OFFENCES, MURDER));
        }
        DelimitedFile export = DelimitedFile.withoutByteOrderMark(StandardCharsets.UTF_8, ',', "\n")
                .record(HEADER);
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (NationalOffence offence : offences) {
                boolean provisional = year == LAST_YEAR && PROVISIONAL_IN_LAST_YEAR.contains(offence.code());
                export.record(row(
                        year,
                        offence,
                        counts.total(COUNTRY, offence, year),
                        "Total",
                        "",
                        provisional ? "P" : "",
                        provisional ? PROVISIONAL_NOTE : ""));
                if (offence.code().equals(MURDER)) {
                    NationalCounts.HomicideBreakdown breakdown = counts.homicideBreakdown(COUNTRY, offence, year);
                    export.record(row(year, offence, breakdown.male(), "Male", "", "", ""));
                    export.record(row(year, offence, breakdown.female(), "Female", "", "", ""));
                    export.record(row(year, offence, breakdown.firearm(), "Total", "Firearm", "", ""));
                    export.record(row(year, offence, breakdown.other(), "Total", "Other", "", ""));
                }
            }
        }
        export.write(file);
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
                Numbers.plain(count),
                sex,
                "Total",
                mechanism,
                flag,
                note);
    }
}
