package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.api.ApiTestSupport.contentType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;
import org.observatory.api.fixture.SnapshotFixture;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/** {@code format=csv} and {@code format=sdmx-csv} of a series, read back with Commons CSV, over real Parquet. */
class SeriesFormatsApiTest {
    private static final Codelists CODELISTS = Codelists.load();
    private static final String HOMICIDE = "/api/v1/countries/ARG/indicators/intentional-homicide";

    @TempDir
    static Path root;

    private static ApiConfig config;
    private static ApiConfig synthetic;

    @BeforeAll
    static void publishSnapshots() {
        DataDirectory data = new DataDirectory(root.resolve("real"));
        new SnapshotFixture(data).writeAndPublish("2026-11-01-a", false, Fixtures.realLooking());
        config = ApiConfig.of(data, CODELISTS);
        DataDirectory demo = new DataDirectory(root.resolve("demo"));
        new SnapshotFixture(demo).writeAndPublish("demo-1", true, Fixtures.synthetic());
        synthetic = ApiConfig.of(demo, CODELISTS);
    }

    private static List<CSVRecord> csv(Response response) throws IOException {
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(response.body().string()))) {
            return parser.getRecords();
        }
    }

    @Test
    void servesTheSeriesAsCsvWithEveryFieldOfAnObservation() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get(HOMICIDE + "?from=2019");
            assertThat(response.code()).isEqualTo(200);
            response = client.get(HOMICIDE + "?from=2019&format=csv");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo("text/csv; charset=utf-8");
            assertThat(response.header("Content-Disposition"))
                    .isEqualTo("inline; filename=\"ARG-intentional-homicide-2026-11-01-a.csv\"");
            List<CSVRecord> rows = csv(response);
            assertThat(rows).hasSize(2);
            CSVRecord latest = rows.get(1);
            assertThat(latest.get("country")).isEqualTo("ARG");
            assertThat(latest.get("country_name")).isEqualTo("Argentina");
            assertThat(latest.get("indicator")).isEqualTo("intentional-homicide");
            assertThat(latest.get("year")).isEqualTo("2020");
            assertThat(latest.get("sex")).isEqualTo("_T");
            assertThat(latest.get("count")).isEqualTo("2200");
            assertThat(Double.parseDouble(latest.get("rate_per_100k")))
                    .isEqualTo(2_200 / Fixtures.ARG_POPULATION_2020 * 100_000);
            assertThat(latest.get("population")).isEqualTo("45376763");
            assertThat(latest.get("population_source")).isEqualTo("UN WPP 2024");
            assertThat(latest.get("reported_rate")).isEmpty();
            assertThat(latest.get("obs_status")).isEqualTo("A");
            assertThat(latest.get("source")).isEqualTo("CTS 2024 reply of ARG");
            assertThat(latest.get("national_code")).isEqualTo("HOM-01");
            assertThat(latest.get("national_label")).isEqualTo("Homicidio doloso");
            assertThat(latest.get("match_quality")).isEqualTo("full");
            assertThat(latest.get("submission_id")).isEqualTo("sub-arg-2020");
            assertThat(latest.get("snapshot_id")).isEqualTo("2026-11-01-a");
            assertThat(latest.get("synthetic")).isEqualTo("false");
            assertThat(latest.get("notice")).isEmpty();
        });
    }

    @Test
    void servesDisaggregationsAsCsvWhenAskedFor() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            List<CSVRecord> rows = csv(client.get(HOMICIDE + "?from=2020&sex=all&format=csv"));
            assertThat(rows).extracting(row -> row.get("sex")).containsExactly("_T", "F", "M");
            assertThat(rows).extracting(row -> row.get("count")).containsExactly("2200", "400", "1800");
        });
    }

    @Test
    void servesSdmxCsvWithIccsCodedDimensionsAndOneRowPerMeasure() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            Response response = client.get(HOMICIDE + "?from=2020&to=2020&format=sdmx-csv");
            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo("text/csv; charset=utf-8");
            List<CSVRecord> rows = csv(response);
            assertThat(rows.get(0).getParser().getHeaderNames())
                    .startsWith(
                            "DATAFLOW",
                            "REF_AREA",
                            "INDICATOR",
                            "ICCS",
                            "SEX",
                            "AGE",
                            "BREAKDOWN_TYPE",
                            "BREAKDOWN",
                            "MEASURE",
                            "UNIT_MEASURE",
                            "FREQ",
                            "TIME_PERIOD",
                            "OBS_VALUE",
                            "OBS_STATUS")
                    .contains("NATIONAL_CODE", "MATCH_QUALITY", "SNAPSHOT_ID", "SYNTHETIC");
            assertThat(rows).hasSize(2);
            CSVRecord count = rows.get(0);
            assertThat(count.get("DATAFLOW")).isEqualTo("OBSERVATORY:DF_CRIME_ICCS(1.0)");
            assertThat(count.get("REF_AREA")).isEqualTo("ARG");
            assertThat(count.get("ICCS")).isEqualTo("0101");
            assertThat(count.get("MEASURE")).isEqualTo("COUNT");
            assertThat(count.get("UNIT_MEASURE")).isEqualTo("NUM");
            assertThat(count.get("FREQ")).isEqualTo("A");
            assertThat(count.get("TIME_PERIOD")).isEqualTo("2020");
            assertThat(count.get("OBS_VALUE")).isEqualTo("2200");
            assertThat(count.get("OBS_STATUS")).isEqualTo("A");
            assertThat(count.get("POPULATION")).isEmpty();
            CSVRecord rate = rows.get(1);
            assertThat(rate.get("MEASURE")).isEqualTo("RATE");
            assertThat(rate.get("UNIT_MEASURE")).isEqualTo("PER_100000_POP");
            assertThat(Double.parseDouble(rate.get("OBS_VALUE")))
                    .isEqualTo(2_200 / Fixtures.ARG_POPULATION_2020 * 100_000);
            assertThat(rate.get("POPULATION")).isEqualTo("45376763");
            assertThat(rate.get("SNAPSHOT_ID")).isEqualTo("2026-11-01-a");
        });
    }

    @Test
    void keepsAReportedRateWithItsPartialMatchCaveatInSdmxCsv() {
        ApiTestSupport.withServer(ObservatoryApp.create(config), client -> {
            List<CSVRecord> rows = csv(client.get("/api/v1/countries/ARG/indicators/robbery?format=sdmx-csv"));
            assertThat(rows).extracting(row -> row.get("MEASURE")).containsExactly("COUNT", "REPORTED_RATE");
            CSVRecord reported = rows.get(1);
            assertThat(reported.get("ICCS")).isEqualTo("0401");
            assertThat(reported.get("OBS_VALUE")).isEqualTo("780.5");
            assertThat(reported.get("MATCH_QUALITY")).isEqualTo("partial");
            assertThat(reported.get("CAVEAT")).startsWith("The national definition only partly matches");
        });
    }

    @Test
    void labelsSyntheticDataOnEveryCsvRow() {
        ApiTestSupport.withServer(ObservatoryApp.create(synthetic), client -> {
            List<CSVRecord> rows = csv(client.get(HOMICIDE + "?format=csv"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("synthetic")).isEqualTo("true");
            assertThat(rows.get(0).get("notice")).startsWith("SYNTHETIC DEMO DATA - not real crime statistics.");
            List<CSVRecord> sdmx = csv(client.get(HOMICIDE + "?format=sdmx-csv"));
            assertThat(sdmx).isNotEmpty().allSatisfy(row -> assertThat(row.get("SYNTHETIC"))
                    .isEqualTo("true"));
        });
    }
}
