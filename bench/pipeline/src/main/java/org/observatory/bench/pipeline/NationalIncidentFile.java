package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.observatory.schemas.classification.Iccs;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;

/**
 * Writes a national incident-level file of Colombia in the layout of sample-data's
 * {@code synthetic-col-incidentes-2022-2023.csv} (one row per recorded offence; {@code ;}-separated, Spanish headers
 * and values, dates {@code dd/mm/yyyy}), UTF-8, for {@code ./observatory ingest FILE --source national --country COL}.
 * The offence codes are those of the COL correspondence table shipped in schemas, drawn evenly, so every row maps;
 * years 2015-2024. The same seed and size give the same bytes.
 */
public final class NationalIncidentFile {
    public static final String COUNTRY = "COL";
    static final String HEADER =
            "id_registro;fecha_hecho;codigo_delito;descripcion_delito;sexo_victima;grupo_edad;arma_empleo;departamento";

    private static final String[] SEXES = {"Hombre", "Mujer", "Sin dato"};
    private static final int[] SEX_PERCENT = {55, 97, 100};
    private static final String[] AGES = {"0-17", "18-29", "30-44", "45-59", "60+"};
    private static final int[] AGE_PERCENT = {6, 36, 68, 88, 100};
    private static final String[] MECHANISMS = {"Sin empleo de armas", "Arma blanca", "Arma de fuego"};
    private static final int[] MECHANISM_PERCENT = {70, 85, 100};
    private static final String[] DEPARTMENTS = {
        "Antioquia",
        "Atlántico",
        "Bogotá D.C.",
        "Bolívar",
        "Boyacá",
        "Caldas",
        "Cauca",
        "Cesar",
        "Córdoba",
        "Cundinamarca",
        "Huila",
        "Magdalena",
        "Meta",
        "Nariño",
        "Norte de Santander",
        "Santander",
        "Tolima",
        "Valle del Cauca"
    };

    private NationalIncidentFile() {}

    /** Writes {@code rows} incidents to {@code file}. */
    public static void write(Path file, long rows, long seed, Iccs iccs) throws IOException {
        requireNonNull(file, "file is null");
        List<CorrespondenceEntry> codes = CorrespondenceTable.loadDefault(COUNTRY, iccs)
                .orElseThrow(() -> new IllegalStateException("schemas ships no COL correspondence table"))
                .entries();
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(HEADER);
            writer.write('\n');
            StringBuilder line = new StringBuilder(160);
            for (long row = 1; row <= rows; row++) {
                CorrespondenceEntry code = codes.get(random.nextInt(codes.size()));
                line.setLength(0);
                line.append("SYN-")
                        .append(row)
                        .append(';')
                        .append(1 + random.nextInt(28))
                        .append('/')
                        .append(1 + random.nextInt(12))
                        .append('/')
                        .append(SyntheticStaging.FIRST_YEAR + random.nextInt(SyntheticStaging.YEARS))
                        .append(';')
                        .append(code.nationalCode())
                        .append(';')
                        .append(code.nationalLabel())
                        .append(';')
                        .append(pick(SEXES, SEX_PERCENT, random))
                        .append(';')
                        .append(pick(AGES, AGE_PERCENT, random))
                        .append(';')
                        .append(pick(MECHANISMS, MECHANISM_PERCENT, random))
                        .append(';')
                        .append(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)])
                        .append('\n');
                writer.append(line);
            }
        }
    }

    private static String pick(String[] values, int[] cumulativePercent, SplittableRandom random) {
        int draw = random.nextInt(100);
        for (int index = 0; index < values.length; index++) {
            if (draw < cumulativePercent[index]) {
                return values[index];
            }
        }
        return values[values.length - 1];
    }
}
