package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.observatory.pipeline.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SubmissionsConfig;
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
 * Invariant 4 under SIGKILL: the secretariat starts a pipeline run through the running server ({@code POST
 * /api/v1/pipeline-runs}; while a server runs it holds the registry, so it is the one that starts runs), the run goes
 * in a child JVM, and it is killed with {@code kill -9} at several moments of writing its snapshot. After each kill
 * the API still serves the previous snapshot (its values, its id) and reports the run as failed; afterwards an
 * ordinary run succeeds and publishes the new values, and the previous snapshot stays readable as a vintage.
 */
class KilledPipelineRunTest {
    private static final String SERIES = "/api/v1/countries/JAM/indicators/intentional-homicide?from=2021&to=2021";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);

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

    /** A moment to kill the run at, told by what the run has written so far under its new snapshot. */
    private record KillPoint(String name, Predicate<Path> reached, boolean publicationPossible) {}

    @Test
    void aRunKilledWhileWritingLeavesThePreviousSnapshotServingAndTheNextRunSucceeds() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        IngestService ingest = new IngestService(data, codelists);
        accept(ingest, homicides(1463));
        String previous = run(data, ingest, "run-before").snapshotId();
        accept(ingest, homicides(1500));

        List<KillPoint> killPoints = List.of(
                new KillPoint("the new snapshot's directory is claimed", snapshot -> true, false),
                new KillPoint(
                        "a first Parquet file of the new snapshot exists",
                        snapshot -> any(snapshot, ".parquet"),
                        false),
                new KillPoint(
                        "the new snapshot's manifest is written", snapshot -> any(snapshot, "_snapshot.json"), true));

        String secretariat = WriteApi.addAccount(data.root(), "--role", "secretariat");
        ApiConfig config = ApiConfig.of(data, codelists)
                .withSubmissions(SubmissionsConfig.NONE
                        .withIntake(new IngestIntake(data, ingest))
                        .withPipeline(ApprovalEndToEndTest.childPipeline()));
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            WriteApi api = new WriteApi(server);
            assertServes(server, previous, 1463);
            String published = previous;
            for (KillPoint killPoint : killPoints) {
                Set<Path> before = snapshots(data);
                boolean killed = killWhen(api, secretariat, before, killPoint);
                Thread.sleep(600); // longer than the API's CURRENT check interval
                String current = data.currentSnapshotId().orElseThrow();
                if (killed && current.equals(previous)) {
                    assertServes(server, previous, 1463);
                } else {
                    // the run published before the kill arrived: only possible once its manifest is written
                    assertThat(killPoint.publicationPossible())
                            .as("the run published although killed when %s", killPoint.name())
                            .isTrue();
                    assertServes(server, current, 1500);
                    published = current;
                }
            }

            RunReport recovered = run(data, ingest, "run-after");

            assertThat(recovered.previousSnapshotId()).isEqualTo(published);
            assertThat(data.currentSnapshotId()).contains(recovered.snapshotId());
            Thread.sleep(600);
            assertServes(server, recovered.snapshotId(), 1500);
            JsonNode vintage = get(server, SERIES + "&vintage=" + previous);
            assertThat(vintage.get("snapshotId").asText()).isEqualTo(previous);
            assertThat(vintage.get("observations").get(0).get("count").asDouble())
                    .isEqualTo(1463.0);
        }
    }

    /**
     * Starts a run through the API, finds its child JVM and kills it with SIGKILL as soon as the kill point is reached
     * under a snapshot directory that did not exist before; answers false when the run ended first. Either way the
     * API reports how the run ended.
     */
    private boolean killWhen(WriteApi api, String secretariat, Set<Path> before, KillPoint killPoint) throws Exception {
        Set<Long> earlierChildren =
                ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        HttpResponse<String> started = api.post("/api/v1/pipeline-runs", secretariat);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = WriteApi.json(started).get("runId").asText();
        ProcessHandle child = ProcessHandle.current()
                .children()
                .filter(process -> !earlierChildren.contains(process.pid()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pipeline process was started for run " + runId));
        DataDirectory data = new DataDirectory(temporary.resolve("data"));
        long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (Path snapshot : snapshots(data)) {
                    if (!before.contains(snapshot) && killPoint.reached().test(snapshot)) {
                        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook runs
                        child.onExit().get(30, TimeUnit.SECONDS);
                        JsonNode run = finished(api, secretariat, runId);
                        if (run.get("status").asText().equals("succeeded")) {
                            return false; // it ended just before the kill
                        }
                        assertThat(run.get("status").asText()).isEqualTo("failed");
                        assertThat(run.get("exitCode").asInt())
                                .as("exit status of the killed run")
                                .isEqualTo(137);
                        assertThat(run.get("message").asText())
                                .isEqualTo("the pipeline process ended with exit code 137 without a run report; see"
                                        + " runs/%s/pipeline.log in the data directory".formatted(runId));
                        return true;
                    }
                }
                if (!child.isAlive()) {
                    JsonNode run = finished(api, secretariat, runId);
                    assertThat(run.get("status").asText())
                            .as("the run ended before %s: %s", killPoint.name(), run)
                            .isEqualTo("succeeded");
                    return false;
                }
                Thread.sleep(1);
            }
            return fail("the pipeline run did not reach the point '%s' within %s"
                    .formatted(killPoint.name(), CHILD_TIMEOUT));
        } finally {
            child.destroyForcibly();
        }
    }

    /** The run's view once the server has seen its process end. */
    private static JsonNode finished(WriteApi api, String secretariat, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = WriteApi.json(api.get("/api/v1/pipeline-runs/" + runId, secretariat));
            if (run.get("status").asText().matches("succeeded|failed")) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not see run " + runId + " end");
    }

    private static Set<Path> snapshots(DataDirectory data) throws Exception {
        Path snapshots = data.snapshots();
        if (!Files.isDirectory(snapshots)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(snapshots)) {
            return Set.copyOf(entries.toList());
        }
    }

    private static boolean any(Path snapshot, String suffix) {
        try (Stream<Path> files = Files.walk(snapshot)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(suffix));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false; // a file vanished while walking: look again
        }
    }

    private Path homicides(int count2021) throws Exception {
        Path file = temporary.resolve("cts-" + count2021 + ".csv");
        Files.writeString(
                file,
                """
                Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,1323,CTS
                JAM,Jamaica,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,%d,CTS
                COL,Colombia,Americas,Latin America and the Caribbean,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,13709,CTS
                """
                        .formatted(count2021),
                StandardCharsets.UTF_8);
        return file;
    }

    private static void accept(IngestService ingest, Path file) throws Exception {
        IngestResult result =
                ingest.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));
        assertThat(result.accepted()).as(result.issues().toString()).isTrue();
    }

    private static RunReport run(DataDirectory data, IngestService ingest, String runId) throws Exception {
        return new PipelineJob(engine, codelists)
                .run(RunManifests.build(
                        runId, data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE));
    }

    private static void assertServes(ApiServer server, String snapshotId, int count2021) throws Exception {
        JsonNode series = get(server, SERIES);
        assertThat(series.get("snapshotId").asText()).isEqualTo(snapshotId);
        assertThat(series.get("observations").get(0).get("count").asDouble()).isEqualTo(count2021);
    }

    private static JsonNode get(ApiServer server, String path) throws Exception {
        return TestSupport.getJson(server, path);
    }
}
