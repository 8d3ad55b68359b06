package org.observatory.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.sampledata.CommittedData.DATA;
import static org.observatory.sampledata.CommittedData.GENERATOR;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {
    private static final String REGENERATE =
            "regenerate with ./mvnw -q -B -pl sample-data -am package -DskipTests -Pgenerate-sample-data"
                    + " and commit sample-data/data";

    @Test
    void regeneratesTheCommittedDataByteForByte(@TempDir Path output) throws IOException {
        List<String> written = SampleDataGenerator.generate(GENERATOR, output);

        assertThat(CommittedData.filesUnder(output))
                .as("files generated vs committed in sample-data/data; " + REGENERATE)
                .isEqualTo(CommittedData.filesUnder(DATA))
                .containsExactlyInAnyOrderElementsOf(written);
        for (String file : written) {
            assertThat(Files.mismatch(output.resolve(file), DATA.resolve(file)))
                    .as("first differing byte of %s (-1 means identical); %s", file, REGENERATE)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void producesTheSameBytesOnEveryRun(@TempDir Path first, @TempDir Path second) throws IOException {
        List<String> written = SampleDataGenerator.generate(GENERATOR, first);
        SampleDataGenerator.generate(GENERATOR, second);

        for (String file : written) {
            assertThat(Files.mismatch(first.resolve(file), second.resolve(file)))
                    .as(file)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void everyDataFileNameSaysSynthetic() {
        assertThat(CommittedData.filesUnder(DATA))
                .filteredOn(file -> !file.equals(SampleDataGenerator.MANIFEST))
                .hasSize(20)
                .allSatisfy(file ->
                        assertThat(Path.of(file).getFileName().toString()).contains("synthetic"));
    }

    @Test
    void keepsTheCommittedDataSmall() {
        long bytes = CommittedData.filesUnder(DATA).stream()
                .mapToLong(file -> CommittedData.bytes(DATA.resolve(file)).length)
                .sum();

        assertThat(bytes).isLessThan(3_500_000L);
    }

    @Test
    void manifestLoadsPopulationThenEveryCycleInOrderThenNationalFiles() {
        List<Map<String, String>> manifest =
                CommittedData.rows(DATA.resolve(SampleDataGenerator.MANIFEST), StandardCharsets.UTF_8, ',');

        List<String> expected = new ArrayList<>();
        expected.add("population/synthetic-population-2000-2024.csv,population,,");
        IntStream.rangeClosed(2009, 2024)
                .forEach(cycle -> expected.add("cts/synthetic-cts-cycle-%d.csv,cts,,%d".formatted(cycle, cycle)));
        expected.add("national/synthetic-col-incidentes-2022-2023.csv,national,COL,");
        expected.add("national/synthetic-jam-aggregated-2015-2023.csv,national,JAM,");
        expected.add("national/synthetic-chl-agregado-2018-2023.csv,national,CHL,");
        assertThat(CommittedData.headerOf(DATA.resolve(SampleDataGenerator.MANIFEST), StandardCharsets.UTF_8, ','))
                .containsExactly("file", "source", "country", "cycle");
        assertThat(manifest)
                .extracting(row ->
                        String.join(",", row.get("file"), row.get("source"), row.get("country"), row.get("cycle")))
                .containsExactlyElementsOf(expected);
        assertThat(manifest)
                .allSatisfy(row -> assertThat(DATA.resolve(row.get("file"))).isRegularFile());
    }

    @Test
    void readsTheInputsNextToTheOutputDirectoryByDefault() {
        assertThat(SampleDataGenerator.defaultInputDirectory(Path.of("sample-data", "data")))
                .isEqualTo(Path.of("sample-data", "generator").toAbsolutePath());
    }
}
