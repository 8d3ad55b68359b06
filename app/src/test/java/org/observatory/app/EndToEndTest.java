package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.observatory.pipeline.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * A small fixture through every stage with the real components: ingest (DuckDB staging) -> Spark pipeline in
 * local mode -> published Parquet snapshot -> Javalin API over DuckDB, and a rate checked by hand.
 */
class EndToEndTest {
    private static Codelists codelists;
    private static Engine engine;

    @TempDir
    Path temporary;

    @BeforeAll
    static void start() {
        codelists = Codelists.load();
        engine = TestSupport.duckDb();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void takesAFixtureThroughIngestPipelineAndApiAndServesRatesComputedFromPopulation() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        IngestService ingest = new IngestService(data, codelists);
        Path population = write(
                "population.csv",
                """
                country,year,sex,population,source
                JAM,2020,_T,2820982,Test population
                JAM,2021,_T,2827695,Test population
                """,
                StandardCharsets.UTF_8);
        Path cts = write(
                "cts-2022.csv",
                """
                UNODC,test@example.org,,,,,,,,,,,\r
                06/06/2022,,,,,,,,,,,,\r
                Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,1323,CTS\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,1463,CTS\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,"Rate per 100,000 population",51.74,CTS\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2019,Counts,1339,CTS\r
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Male,Total,2021,Counts,1300,CTS\r
                BMU,Bermuda,Americas,Northern America,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,7,CTS\r
                """,
                Charset.forName("windows-1252"));

        IngestResult populationResult = ingest.ingest(
                IngestRequest.of(population, SourceKind.POPULATION, Optional.empty(), OptionalInt.empty()));
        IngestResult ctsResult =
                ingest.ingest(IngestRequest.of(cts, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));
        assertThat(populationResult.accepted())
                .as(populationResult.issues().toString())
                .isTrue();
        assertThat(ctsResult.accepted()).as(ctsResult.issues().toString()).isTrue();
        assertThat(ctsResult.rowsSkipped()).containsEntry("out-of-scope-country", 1L);

        RunManifest manifest = RunManifests.build(
                "run-test", data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE);
        RunReport report = new PipelineJob(engine, codelists).run(manifest);

        assertThat(report.rowsIn()).isEqualTo(2 + 6);
        assertThat(report.rowsIn()).isEqualTo(report.rowsOut() + report.rowsExcludedTotal());
        assertThat(report.rowsExcluded()).containsEntry("out-of-scope-country", 1L);
        assertThat(data.currentSnapshotId()).contains(report.snapshotId());

        try (ApiServer server = ApiServer.start(ApiConfig.of(data, codelists), "127.0.0.1", 0)) {
            JsonNode series = get(server, "/api/v1/countries/JAM/indicators/intentional-homicide");
            List<String> years = new ArrayList<>();
            series.get("observations")
                    .forEach(observation -> years.add(observation.get("year").asText()));
            assertThat(years).containsExactly("2019", "2020", "2021");

            JsonNode year2021 = series.get("observations").get(2);
            assertThat(year2021.get("count").asDouble()).isEqualTo(1463.0);
            assertThat(year2021.get("population").asDouble()).isEqualTo(2827695.0);
            // 1463 / 2,827,695 x 100,000, by hand: 51.73825324...
            assertThat(year2021.get("ratePer100k").asDouble()).isCloseTo(51.738253241, within(1e-8));
            assertThat(year2021.get("reportedRate").asDouble()).isEqualTo(51.74);
            assertThat(year2021.get("source").asText()).isEqualTo("CTS");
            assertThat(year2021.get("unit").asText()).isEqualTo("victims");
            assertThat(series.get("observations").get(1).get("ratePer100k").asDouble())
                    .isCloseTo(46.898562273, within(1e-8));
            // no population for 2019: the rate is null, never zero
            assertThat(series.get("observations").get(0).get("ratePer100k").isNull())
                    .isTrue();

            JsonNode males = get(server, "/api/v1/countries/JAM/indicators/intentional-homicide?sex=M");
            assertThat(males.get("observations")).hasSize(1);
            assertThat(males.get("observations").get(0).get("count").asDouble()).isEqualTo(1300.0);

            JsonNode countries = get(server, "/api/v1/countries");
            assertThat(countries.isArray() ? countries : countries.get("countries"))
                    .hasSize(35);
        }
    }

    private Path write(String name, String text, Charset charset) throws Exception {
        Path file = temporary.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }

    private static JsonNode get(ApiServer server, String path) throws Exception {
        return TestSupport.getJson(server, path);
    }
}
