package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one synthetic CTS cycle as a dataUNODC long-format export: the replies of the cycle's member states and
 * a few rows of non-member territories, all for the reference year (cycle - 1), each count followed by its rate
 * per 100,000 population. Cycles up to {@value #LAST_LEGACY_CYCLE} imitate the 2022 download (Windows-1252,
 * CRLF, two preamble lines padded to 13 fields); later cycles are UTF-8 with LF and the header on line 1.
 */
final class CtsExportWriter {
    static final List<String> HEADER = List.of(
            "Iso3_code",
            "Country",
            "Region",
            "Subregion",
            "Indicator",
            "Dimension",
            "Category",
            "Sex",
            "Age",
            "Year",
            "Unit of measurement",
            "VALUE",
            "Source");
    static final String SOURCE = "SYNTHETIC CTS (demo data, not real statistics)";
    static final String COUNTS = "Counts";
    static final String RATE = "Rate per 100,000 population";
    static final int LAST_LEGACY_CYCLE = 2015;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The chance that a member state leaves a block it usually answers blank in one cycle. */
    private static final double OMISSION_PROBABILITY = 0.08;

    private final SyntheticModel model;

    CtsExportWriter(SyntheticModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    static String fileName(int cycle) {
        return "cts/synthetic-cts-cycle-" + cycle + ".csv";
    }

    void write(Path file, CycleResponse response) {
        DelimitedFile export;
        if (response.cycle() <= LAST_LEGACY_CYCLE) {
            export = DelimitedFile.withoutByteOrderMark(WINDOWS_1252, ',', "\r\n")
                    .preambleLine(padded("UNODC,SYNTHETIC demo data - not a UNODC release"))
                    .preambleLine(padded("15/12/" + response.cycle()));
        } else {
            export = DelimitedFile.withoutByteOrderMark(StandardCharsets.UTF_8, ',', "\n");
        }
        export.record(HEADER);
        for (String iso3 : response.countriesInExport()) {
            boolean member = response.memberStates().contains(iso3);
            CountryProfile profile = model.profile(iso3);
            for (CtsBlock block : CtsBlock.values()) {
                if (profile.answers(block) && !(member && leftBlank(response.cycle(), iso3, block))) {
                    block.rows().forEach(row -> rows(profile, row, response.referenceYear())
                            .forEach(export::record));
                }
            }
        }
        export.write(file);
    }

    private boolean leftBlank(int cycle, String iso3, CtsBlock block) {
        return block != CtsBlock.HOMICIDE
                && model.random().forKey("blank", cycle, iso3, block.code()).nextDouble() < OMISSION_PROBABILITY;
    }

    private List<List<String>> rows(CountryProfile profile, CtsBlock.CtsRow row, int year) {
        BigDecimal count = model.value(profile.iso3(), row.series(), year);
        long population = model.population(profile.iso3(), row.sex(), year);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row(profile, row, year, COUNTS, count));
        rows.add(row(profile, row, year, RATE, Numbers.ratePer100k(count, population)));
        return rows;
    }

    private static List<String> row(
            CountryProfile profile, CtsBlock.CtsRow row, int year, String unit, BigDecimal value) {
        return List.of(
                profile.iso3(),
                profile.country(),
                "Americas",
                profile.unodcSubregion(),
                row.indicator(),
                row.dimension(),
                row.category(),
                row.sex().unodcLabel(),
                "Total",
                Integer.toString(year),
                unit,
                Numbers.plain(value),
                SOURCE);
    }

    /** A preamble line padded with commas to as many fields as the header, as dataUNODC writes it. */
    private static String padded(String line) {
        int fields = line.split(",", -1).length;
        return line + ",".repeat(HEADER.size() - fields);
    }
}
