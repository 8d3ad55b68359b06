package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the synthetic population table ({@code country,year,sex,population,source}) for the member states, every
 * year of the synthetic world, total, male and female. It is the denominator of every rate in the CTS files.
 */
final class PopulationFileWriter {
    static final String FILE = "population/synthetic-population-2000-2024.csv";
    static final String SOURCE = "SYNTHETIC population (demo data, magnitudes modelled on UN WPP)";

    private final SyntheticModel model;

    PopulationFileWriter(SyntheticModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    void write(Path file, List<String> memberStates) {
        DelimitedFile table = DelimitedFile.withoutByteOrderMark(StandardCharsets.UTF_8, ',', "\n")
                .record("country", "year", "sex", "population", "source");
        for (String iso3 : memberStates.stream().sorted().toList()) {
            for (int year = SyntheticModel.FIRST_YEAR; year <= SyntheticModel.LAST_YEAR; year++) {
                for (PopulationSex sex : PopulationSex.values()) {
                    table.record(
                            iso3,
                            Integer.toString(year),
                            sex.code(),
                            Long.toString(model.population(iso3, sex, year)),
                            SOURCE);
                }
            }
        }
        table.write(file);
    }
}
