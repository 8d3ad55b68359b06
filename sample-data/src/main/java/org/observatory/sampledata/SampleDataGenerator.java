package org.observatory.sampledata;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.codelist.MemberState;

/**
 * Generates the observatory's SYNTHETIC demo data with a fixed seed: the same inputs give the same bytes on every
 * run and machine. Inputs are the files of {@code sample-data/generator/} (see {@link GeneratorInputs}); the
 * output, committed as {@code sample-data/data/}, is a population table, one dataUNODC-style CTS export per cycle,
 * three national submissions (Colombia incident-level, Jamaica and Chile aggregated) and {@code manifest.csv},
 * the order in which the demo loads them. No value is a real statistic.
 *
 * <p>Usage: {@code SampleDataGenerator OUTPUT_DIR [INPUT_DIR]}; the input directory defaults to
 * {@code generator} next to the output directory ({@code sample-data/data} reads {@code sample-data/generator}).
 */
public final class SampleDataGenerator {
    /** The fixed seed of every synthetic value. */
    public static final long SEED = 20_240_601L;

    public static final String MANIFEST = "manifest.csv";

    private SampleDataGenerator() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: SampleDataGenerator OUTPUT_DIR [INPUT_DIR]");
            System.err.println("  e.g. SampleDataGenerator sample-data/data sample-data/generator");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Path input = args.length == 2 ? Path.of(args[1]) : defaultInputDirectory(output);
        try {
            List<String> files = generate(input, output);
            System.out.printf("Wrote %d synthetic files to %s (seed %d)%n", files.size(), output, SEED);
        } catch (IllegalArgumentException e) {
            System.err.println("Cannot generate sample data: " + e.getMessage());
            System.exit(1);
        }
    }

    static Path defaultInputDirectory(Path outputDirectory) {
        Path parent = outputDirectory.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of("") : parent).resolve("generator");
    }

    /**
     * Reads the inputs in {@code inputDirectory} and writes every demo file into {@code outputDirectory}, creating
     * folders as needed and replacing files of the same name.
     *
     * @return the files written, relative to the output directory, in load order and ending with the manifest
     */
    public static List<String> generate(Path inputDirectory, Path outputDirectory) {
        requireNonNull(inputDirectory, "inputDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        Countries countries = Countries.load();
        MemberList members = MemberList.load(countries);
        GeneratorInputs inputs = GeneratorInputs.read(inputDirectory, members, countries);
        SyntheticModel model = new SyntheticModel(inputs.profiles(), SEED);

        List<ManifestEntry> manifest = new ArrayList<>();
        new PopulationFileWriter(model)
                .write(
                        outputDirectory.resolve(PopulationFileWriter.FILE),
                        members.all().stream().map(MemberState::iso3).toList());
        manifest.add(ManifestEntry.population(PopulationFileWriter.FILE));

        CtsExportWriter cts = new CtsExportWriter(model);
        for (CycleResponse response : inputs.responses()) {
            String file = CtsExportWriter.fileName(response.cycle());
            cts.write(outputDirectory.resolve(file), response);
            manifest.add(ManifestEntry.cts(file, response.cycle()));
        }

        new ColombiaIncidentFileWriter(model)
                .write(
                        outputDirectory.resolve(ColombiaIncidentFileWriter.FILE),
                        inputs.nationalOffences(ColombiaIncidentFileWriter.COUNTRY));
        manifest.add(ManifestEntry.national(ColombiaIncidentFileWriter.FILE, ColombiaIncidentFileWriter.COUNTRY));
        new JamaicaAggregateFileWriter(model)
                .write(
                        outputDirectory.resolve(JamaicaAggregateFileWriter.FILE),
                        inputs.nationalOffences(JamaicaAggregateFileWriter.COUNTRY));
        manifest.add(ManifestEntry.national(JamaicaAggregateFileWriter.FILE, JamaicaAggregateFileWriter.COUNTRY));
        new ChileAggregateFileWriter(model)
                .write(
                        outputDirectory.resolve(ChileAggregateFileWriter.FILE),
                        inputs.nationalOffences(ChileAggregateFileWriter.COUNTRY));
        manifest.add(ManifestEntry.national(ChileAggregateFileWriter.FILE, ChileAggregateFileWriter.COUNTRY));

        DelimitedFile manifestFile = DelimitedFile.withoutByteOrderMark(StandardCharsets.UTF_8, ',', "\n")
                .record(ManifestEntry.HEADER);
        manifest.forEach(entry -> manifestFile.record(entry.cells()));
        manifestFile.write(outputDirectory.resolve(MANIFEST));

        List<String> written =
                new ArrayList<>(manifest.stream().map(ManifestEntry::file).toList());
        written.add(MANIFEST);
        return List.copyOf(written);
    }
}
