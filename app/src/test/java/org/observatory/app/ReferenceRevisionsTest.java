package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
import org.observatory.pipeline.engine.DuckDbEngine;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;

/**
 * An acceptance layer on the real dataUNODC exports kept beside the repository ({@code ../shared/reference-data},
 * skipped where that folder does not exist): the two corruption and economic crime releases, loaded one after the
 * other with a pipeline run after each, publish two vintages; the second run reports the real revisions between the
 * releases, lists them in the second snapshot's {@code changes} table, and both vintages stay readable through the
 * API. The violent and sexual crime file rides along in the first run, so conservation is checked on every reference
 * file. The pipeline runs on the DuckDB engine.
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

    @TempDir
    Path temporary;

    @BeforeAll
    static void start() {
        assumeTrue(
                Files.isReadable(EARLIER) && Files.isReadable(LATER) && Files.isReadable(VIOLENT),
                "the reference data folder ../shared/reference-data is not beside this checkout");
        codelists = Codelists.load();
    }

    @Test
    void theLaterCorruptionReleaseRevisesAddsAndWithdrawsValuesAndBothVintagesStayReadable() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        IngestService ingest = new IngestService(data, codelists);

        String earlierId = accept(ingest, EARLIER);
        accept(ingest, VIOLENT);
        RunReport first = run(data, ingest, "run-earlier");
        assertThat(first.previousSnapshotId()).isNull();

        String laterId = accept(ingest, LATER);
        RunReport second = run(data, ingest, "run-later");

        assertThat(second.previousSnapshotId()).isEqualTo(first.snapshotId());
        assertThat(second.engine()).isEqualTo("duckdb");
        assertThat(data.currentSnapshotId()).contains(second.snapshotId());
        assertThat(second.changedValues()).as("revised values").isPositive();
        assertThat(second.addedValues()).as("added values").isPositive();
        assertThat(second.withdrawnValues()).as("withdrawn values").isPositive();
        assertThat(second.rowsExcluded()).containsKey("superseded");

        Path changes = data.snapshot(second.snapshotId()).resolve(SnapshotTables.CHANGES.name());
        assertThat(change(changes, "BHS", "corruption", 2019))
                .containsExactly("revised 259.0 -> 800.0 (%s -> %s)".formatted(earlierId, laterId));
        assertThat(change(changes, "ARG", "theft", 2021))
                .containsExactly("added null -> 266920.0 (null -> %s)".formatted(laterId));
        assertThat(change(changes, "DMA", "corruption", 2014))
                .containsExactly("withdrawn 0.0 -> null (%s -> null)".formatted(earlierId));
        try (ApiServer server = ApiServer.start(ApiConfig.of(data, codelists), "127.0.0.1", 0)) {
            String earlier = "&vintage=" + first.snapshotId();
            assertThat(count(server, "BHS", "corruption", 2019, earlier)).hasValue(259);
            assertThat(count(server, "BHS", "corruption", 2019, "")).hasValue(800);

            assertThat(count(server, "ARG", "theft", 2021, earlier)).isEmpty();
            assertThat(count(server, "ARG", "theft", 2021, "")).hasValue(266_920);

            assertThat(count(server, "DMA", "corruption", 2014, earlier)).hasValue(0);
            assertThat(count(server, "DMA", "corruption", 2014, "")).isEmpty();

            // the same three changes as a researcher reads them through the API
            String route = "/api/v1/snapshots/" + second.snapshotId() + "/changes";
            assertThat(changeThroughApi(server, route, "BHS", "corruption", 2019))
                    .isEqualTo("revised 259.0 -> 800.0");
            assertThat(changeThroughApi(server, route, "ARG", "theft", 2021)).isEqualTo("added null -> 266920.0");
            assertThat(changeThroughApi(server, route, "DMA", "corruption", 2014))
                    .isEqualTo("withdrawn 0.0 -> null");
            JsonNode firstChanges = TestSupport.getJson(server, "/api/v1/snapshots/" + first.snapshotId() + "/changes");
            assertThat(firstChanges.get("changes")).isEmpty();
        }
    }

    /** The national total's change of one year as the changes route lists it: "<change> <old> -> <new>". */
    private static String changeThroughApi(ApiServer server, String route, String country, String indicator, int year)
            throws Exception {
        JsonNode changes = TestSupport.getJson(server, route + "?country=" + country + "&indicator=" + indicator)
                .get("changes");
        List<String> found = new ArrayList<>();
        for (JsonNode change : changes) {
            if (change.get("year").asInt() == year
                    && change.get("sex").asText().equals("_T")
                    && change.get("age").asText().equals("_T")
                    && change.get("breakdown").asText().equals("_T")) {
                found.add("%s %s -> %s"
                        .formatted(
                                change.get("change").asText(),
                                change.get("oldCount").isNull()
                                        ? "null"
                                        : change.get("oldCount").asDouble(),
                                change.get("newCount").isNull()
                                        ? "null"
                                        : change.get("newCount").asDouble()));
            }
        }
        assertThat(found)
                .as("changes of %s %s %d in %s", country, indicator, year, changes)
                .hasSize(1);
        return found.get(0);
    }

    /** Ingests a dataUNODC file and returns its submission id. */
    private static String accept(IngestService ingest, Path file) throws Exception {
        IngestResult result =
                ingest.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));
        assertThat(result.accepted()).as("%s: %s", file, result.issues()).isTrue();
        return result.submissionId();
    }

    /**
     * The changes table's rows of one national total (all sexes and ages, no breakdown), read with DuckDB from the
     * snapshot's Parquet files, each as {@code "<change> <old count> -> <new count> (<old submission> -> <new
     * submission>)"}.
     */
    private static List<String> change(Path changes, String country, String indicator, int year) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement statement = duckdb.prepareStatement(
                        """
                        SELECT change, old_count, new_count, old_submission_id, new_submission_id
                        FROM read_parquet(?, hive_partitioning = true, hive_types = {'country': VARCHAR})
                        WHERE country = ? AND indicator = ? AND year = ? AND sex = '_T' AND age = '_T'
                          AND breakdown_type = '_T' AND breakdown = '_T'
                        """)) {
            statement.setString(1, changes.resolve("*").resolve("*.parquet").toString());
            statement.setString(2, country);
            statement.setString(3, indicator);
            statement.setInt(4, year);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add("%s %s -> %s (%s -> %s)"
                            .formatted(
                                    row.getString(1),
                                    row.getObject(2),
                                    row.getObject(3),
                                    row.getString(4),
                                    row.getString(5)));
                }
            }
            return rows;
        }
    }

    /** Runs the pipeline; a run that breaks conservation throws, so a report means rows in = out + excluded. */
    private RunReport run(DataDirectory data, IngestService ingest, String runId) throws Exception {
        RunReport report;
        try (Engine engine = new DuckDbEngine(Optional.empty(), temporary)) {
            report = new PipelineJob(engine, codelists)
                    .run(RunManifests.build(
                            runId, data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE));
        }
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
