package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.IndicatorRow;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Issue 14, defect 5: text cells that start like a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab,
 * carriage return) are neutralised with a leading single quote in the CSV files for people ({@code format=csv}, the
 * vintage archive's {@code csv/} files), and kept as they are in JSON and SDMX-CSV (machine formats that round-trip).
 */
class FormulaInjectionApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String SNAPSHOT = "20261101T100000Z-aaaa";
    private static final String SERIES = "/api/v1/countries/ARG/indicators/intentional-homicide?from=2020&to=2020";

    private static final String FOOTNOTE = "=HYPERLINK(\"http://x\",\"y\")";
    private static final String SOURCE = "+1";
    private static final String LABEL = "@SUM(A1)";
    private static final String CAVEAT = "\tcmd|' /C calc'!A0";
    private static final String POPULATION_SOURCE = "\rsource on a new line";
    private static final String NATIONAL_CODE = "-HOM-01";

    @TempDir
    static Path root;

    private static ApiConfig config;

    @BeforeAll
    static void publishHostileTexts() {
        DataDirectory data = new DataDirectory(root.resolve("data"));
        IndicatorRow plain = IndicatorRow.total("ARG", 2020, "intentional-homicide", 2_200, 45_376_763.0);
        IndicatorRow hostile = new IndicatorRow(
                plain.country(),
                plain.year(),
                plain.indicator(),
                plain.sex(),
                plain.age(),
                plain.breakdownType(),
                plain.breakdown(),
                plain.count(),
                plain.ratePer100k(),
                plain.population(),
                POPULATION_SOURCE,
                -5.0,
                plain.unit(),
                plain.obsStatus(),
                plain.obsConf(),
                FOOTNOTE,
                SOURCE,
                plain.sourceKind(),
                NATIONAL_CODE,
                LABEL,
                plain.matchQuality(),
                CAVEAT,
                plain.submissionId(),
                false);
        new SnapshotFixture(data).writeAndPublish(SNAPSHOT, false, List.of(hostile));
        config = ApiConfig.of(data, CODELISTS);
    }

    @Test
    void csvForPeopleNeutralisesFormulaLikeTextCells() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            List<CSVRecord> rows = csv(client.get(SERIES + "&format=csv").body().string());
            assertThat(rows).hasSize(1);
            CSVRecord row = rows.get(0);
            assertTextCellsNeutralised(row);
            assertThat(row.get("reported_rate"))
                    .as("a numeric column is never prefixed")
                    .isEqualTo("-5");
            assertThat(row.get("count")).isEqualTo("2200");
            assertThat(row.get("country")).isEqualTo("ARG");
        });
    }

    @Test
    void vintageArchiveCsvFilesNeutraliseFormulaLikeTextCells() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Map<String, byte[]> entries = unzip(client.get("/api/v1/snapshots/" + SNAPSHOT + "/download")
                    .body()
                    .byteStream());
            List<CSVRecord> rows =
                    csv(new String(entries.get(SNAPSHOT + "/csv/indicators.csv"), StandardCharsets.UTF_8));
            assertThat(rows).hasSize(1);
            CSVRecord row = rows.get(0);
            assertTextCellsNeutralised(row);
            assertThat(row.get("reported_rate"))
                    .as("a numeric column is never prefixed")
                    .isEqualTo("-5.0");
            assertThat(row.get("country")).isEqualTo("ARG");
            assertThat(row.get("sex")).isEqualTo("_T");
        });
    }

    @Test
    void jsonAndSdmxCsvKeepTextCellsAsPublished() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            JsonNode observation = json(client.get(SERIES)).get("observations").get(0);
            assertThat(observation.get("footnote").asText()).isEqualTo(FOOTNOTE);
            assertThat(observation.get("source").asText()).isEqualTo(SOURCE);
            assertThat(observation.get("nationalLabel").asText()).isEqualTo(LABEL);
            assertThat(observation.get("caveat").asText()).isEqualTo(CAVEAT);
            assertThat(observation.get("populationSource").asText()).isEqualTo(POPULATION_SOURCE);

            List<CSVRecord> rows =
                    csv(client.get(SERIES + "&format=sdmx-csv").body().string());
            assertThat(rows).extracting(row -> row.get("MEASURE")).containsExactly("COUNT", "RATE", "REPORTED_RATE");
            for (CSVRecord row : rows) {
                assertThat(row.get("COMMENT")).isEqualTo(FOOTNOTE);
                assertThat(row.get("SOURCE")).isEqualTo(SOURCE);
                assertThat(row.get("NATIONAL_LABEL")).isEqualTo(LABEL);
                assertThat(row.get("NATIONAL_CODE")).isEqualTo(NATIONAL_CODE);
                assertThat(row.get("CAVEAT")).isEqualTo(CAVEAT);
            }
            assertThat(rows.get(1).get("POPULATION_SOURCE")).isEqualTo(POPULATION_SOURCE);
        });
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }

    private static Map<String, byte[]> unzip(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Each formula-like text cell of the CSV row comes back behind a single quote. */
    private static void assertTextCellsNeutralised(CSVRecord row) {
        assertThat(row.get("footnote")).isEqualTo("'" + FOOTNOTE);
        assertThat(row.get("source")).isEqualTo("'" + SOURCE);
        assertThat(row.get("national_label")).isEqualTo("'" + LABEL);
        assertThat(row.get("national_code")).isEqualTo("'" + NATIONAL_CODE);
        assertThat(row.get("caveat")).isEqualTo("'" + CAVEAT);
        assertThat(row.get("population_source")).isEqualTo("'" + POPULATION_SOURCE);
    }
}
