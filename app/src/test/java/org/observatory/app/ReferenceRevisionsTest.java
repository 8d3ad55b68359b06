package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
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
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;

/**
 * An acceptance layer on the real dataUNODC exports kept beside the repository ({@code ../shared/reference-data},
 * skipped where that folder does not exist): the two corruption and economic crime releases, loaded one after the
 * other with a pipeline run after each, publish two vintages; the second run reports the real revisions between the
 * releases, and both vintages stay readable through the API. The violent and sexual crime file rides along in the
 * first run, so conservation is checked on every reference file.
 *
 * <p>The values checked were read from the two files by hand (member-state national totals, unit {@code Counts}):
 * the Bahamas' corruption offences of 2019 were 259 in the June 2022 release and 800 in the later one; Argentina's
 * thefts of 2021 (266,920) exist only in the later release; Dominica's corruption offences of 2014 (0) exist only in
 * the earlier one, although the later release covers Dominica in 2014: they are withdrawn.
 */
class ReferenceRevisionsTest {
    private static final Path REFERENCE_DATA = Path.of("..", "..", "shared", "reference-data");
    private static final Path EARLIER = REFERENCE_DATA.resolve("unodc-cts-corruption-economic-crime.2022-06.csv");
    private static final Path LATER = REFERENCE_DATA.resolve("unodc-cts-corruption-economic-crime.later.csv");
    private static final Path VIOLENT = REFERENCE_DATA.resolve("unodc-cts-violent-sexual-crime.2022-06.csv");

    private static Codelists codelists;
    private static Engine engine;

    @TempDir
    Path temporary;

    @BeforeAll
    static void start() {
        assumeTrue(
                Files.isReadable(EARLIER) && Files.isReadable(LATER) && Files.isReadable(VIOLENT),
                "the reference data folder ../shared/reference-data is not beside this checkout");
        codelists = Codelists.load();
        engine = TestSupport.duckDb();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theLaterCorruptionReleaseRevisesAddsAndWithdrawsValuesAndBothVintagesStayReadable() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        IngestService ingest = new IngestService(data, codelists);

        accept(ingest, EARLIER);
        accept(ingest, VIOLENT);
        RunReport first = run(data, ingest, "run-earlier");
        assertThat(first.previousSnapshotId()).isNull();

        accept(ingest, LATER);
        RunReport second = run(data, ingest, "run-later");

        assertThat(second.previousSnapshotId()).isEqualTo(first.snapshotId());
        assertThat(data.currentSnapshotId()).contains(second.snapshotId());
        assertThat(second.changedValues()).as("revised values").isPositive();
        assertThat(second.addedValues()).as("added values").isPositive();
        assertThat(second.withdrawnValues()).as("withdrawn values").isPositive();
        assertThat(second.rowsExcluded()).containsKey("superseded");

        try (ApiServer server = ApiServer.start(ApiConfig.of(data, codelists), "127.0.0.1", 0)) {
            String earlier = "&vintage=" + first.snapshotId();
            assertThat(count(server, "BHS", "corruption", 2019, earlier)).hasValue(259);
            assertThat(count(server, "BHS", "corruption", 2019, "")).hasValue(800);

            assertThat(count(server, "ARG", "theft", 2021, earlier)).isEmpty();
            assertThat(count(server, "ARG", "theft", 2021, "")).hasValue(266_920);

            assertThat(count(server, "DMA", "corruption", 2014, earlier)).hasValue(0);
            assertThat(count(server, "DMA", "corruption", 2014, "")).isEmpty();
        }
    }

    private static void accept(IngestService ingest, Path file) throws Exception {
        IngestResult result =
                ingest.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));
        assertThat(result.accepted()).as("%s: %s", file, result.issues()).isTrue();
    }

    /** Runs the pipeline; a run that breaks conservation throws, so a report means rows in = out + excluded. */
    private RunReport run(DataDirectory data, IngestService ingest, String runId) throws Exception {
        RunReport report = new PipelineJob(engine, codelists)
                .run(RunManifests.build(
                        runId, data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE));
        assertThat(report.rowsIn()).isEqualTo(report.rowsOut() + report.rowsExcludedTotal());
        return report;
    }

    /** The national total count of one year in a vintage, or empty when that vintage has no value for it. */
    private static OptionalDouble count(ApiServer server, String country, String indicator, int year, String vintage)
            throws Exception {
        String path =
                "/api/v1/countries/%s/indicators/%s?from=%d&to=%d%s".formatted(country, indicator, year, year, vintage);
        JsonNode observations = TestSupport.getJson(server, path).get("observations");
        assertThat(observations.size()).as(path).isLessThanOrEqualTo(1);
        return observations.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(observations.get(0).get("count").asDouble());
    }
}
