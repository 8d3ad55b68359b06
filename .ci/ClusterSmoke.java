import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * The two ends of .ci/cluster-smoke, run with the app's classpath (app/target/observatory.jar and app/target/lib):
 *
 * <pre>
 * fixture DATA MANIFEST                   ingests sample-data files with IngestService and writes the run manifest
 *                                         that `./observatory pipeline run` would hand to the pipeline
 * check DATA REPORT EVENT_LOG WORKER_DIR  checks the run report, the published snapshot and that every task ran on
 *                                         the standalone worker's executor, not in the driver
 * </pre>
 *
 * Exit 0 when everything holds; 1 with one line saying what did not.
 */
public class ClusterSmoke {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Small, and covering what a cluster must get right: incident rows aggregated, a correspondence table, rates. */
    private static final List<Upload> FIXTURE = List.of(
            new Upload("sample-data/data/population/synthetic-population-2000-2024.csv", SourceKind.POPULATION, null),
            new Upload("sample-data/data/national/synthetic-col-incidentes-2022-2023.csv", SourceKind.NATIONAL, "COL"),
            new Upload("sample-data/data/national/synthetic-jam-aggregated-2015-2023.csv", SourceKind.NATIONAL, "JAM"));

    private record Upload(String file, SourceKind kind, String country) {}

    public static void main(String[] args) throws Exception {
        try {
            switch (args.length > 0 ? args[0] : "") {
                case "fixture" -> fixture(Path.of(args[1]), Path.of(args[2]));
                case "check" -> check(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
                default -> throw new Failure("usage: ClusterSmoke fixture DATA MANIFEST | check DATA REPORT EVENT_LOG WORKER_DIR");
            }
        } catch (Failure failure) {
            System.err.println("cluster smoke FAILED: " + failure.getMessage());
            System.exit(1);
        }
    }

    private static void fixture(Path dataPath, Path manifestFile) throws Exception {
        DataDirectory data = new DataDirectory(dataPath);
        Codelists codelists = Codelists.load();
        IngestService ingest = new IngestService(data, codelists);
        for (Upload upload : FIXTURE) {
            IngestResult result = ingest.ingest(IngestRequest.of(
                    Path.of(upload.file()), upload.kind(), Optional.ofNullable(upload.country()), OptionalInt.empty()));
            check(result.accepted(), upload.file() + " was rejected: " + result.issues());
            System.out.printf("staged %s: %d rows (%s)%n", upload.file(), result.rowsRead(), result.submissionId());
        }
        RunManifest manifest = RunManifests.build(
                "run-cluster-smoke", data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE);
        Files.createDirectories(manifestFile.toAbsolutePath().getParent());
        JSON.writeValue(manifestFile.toFile(), manifest);
    }

    private static void check(Path dataPath, Path reportFile, Path eventLog, Path workerDirectory) throws Exception {
        DataDirectory data = new DataDirectory(dataPath);
        JsonNode report = JSON.readTree(reportFile.toFile());
        String snapshotId = report.path("snapshotId").asText();

        // the run report: conservation, against the rows ingest staged
        long rowsIn = report.path("rowsIn").asLong();
        long rowsOut = report.path("rowsOut").asLong();
        long excluded = 0;
        for (JsonNode count : report.path("rowsExcluded")) {
            excluded += count.asLong();
        }
        check(rowsIn > 0 && rowsIn == rowsOut + excluded,
                "rows in %d != rows out %d + rows excluded %d".formatted(rowsIn, rowsOut, excluded));
        long staged = count("SELECT count(*) FROM read_parquet('" + data.staging() + "/*/rows.parquet')");
        check(rowsIn == staged, "the report has %d rows in, ingest staged %d".formatted(rowsIn, staged));
        check(report.path("previousSnapshotId").isNull(), "a first run has no previous snapshot: " + report);

        // the published snapshot: CURRENT moved to it, its tables are there with the row counts it declares
        check(data.currentSnapshotId().equals(Optional.of(snapshotId)),
                "CURRENT is %s, the report published %s".formatted(data.currentSnapshotId(), snapshotId));
        Path snapshot = data.snapshot(snapshotId);
        JsonNode described = JSON.readTree(snapshot.resolve(DataDirectory.SNAPSHOT_MANIFEST).toFile());
        Map<String, Long> rows = new TreeMap<>();
        for (TableSchema table : List.of(SnapshotTables.OBSERVATIONS, SnapshotTables.INDICATORS, SnapshotTables.EXCLUSIONS)) {
            Path directory = snapshot.resolve(table.name());
            check(Files.exists(directory.resolve("_SUCCESS")), "table " + directory + " is missing or incomplete");
            long written = tableRows(directory);
            long declared = described.path("rowCounts").path(table.name()).asLong(-1);
            check(written == declared, "%s holds %d rows, _snapshot.json says %d".formatted(table.name(), written, declared));
            rows.put(table.name(), written);
        }
        check(rows.get(SnapshotTables.EXCLUSIONS.name()) == excluded,
                "exclusions holds %d rows, the report excluded %d".formatted(rows.get(SnapshotTables.EXCLUSIONS.name()), excluded));
        long countries = count("SELECT count(DISTINCT country) FROM read_parquet('" + snapshot.resolve("observations")
                + "/country=*/*.parquet', hive_partitioning = true) WHERE country IN ('COL', 'JAM')");
        check(countries == 2, "observations of COL and JAM expected, found " + countries + " of them");
        long rates = count("SELECT count(*) FROM read_parquet('" + snapshot.resolve("indicators")
                + "/country=*/*.parquet') WHERE rate_per_100k IS NOT NULL");
        check(rates > 0, "no indicator has a rate per 100,000");

        // where the tasks ran: the event log of the application, and the worker's executor logs
        Map<String, Integer> tasksByExecutor = new TreeMap<>();
        String applicationId = null;
        try (BufferedReader lines = Files.newBufferedReader(eventLog)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode event = JSON.readTree(line);
                switch (event.path("Event").asText()) {
                    case "SparkListenerApplicationStart" -> applicationId = event.path("App ID").asText();
                    case "SparkListenerTaskEnd" -> tasksByExecutor.merge(
                            event.path("Task Info").path("Executor ID").asText() + "@"
                                    + event.path("Task Info").path("Host").asText(),
                            1,
                            Integer::sum);
                    default -> {}
                }
            }
        }
        check(applicationId != null && applicationId.startsWith("app-"),
                "application id " + applicationId + " is not a standalone cluster's (local mode says local-...)");
        check(!tasksByExecutor.isEmpty(), "the event log has no task");
        check(tasksByExecutor.keySet().stream().noneMatch(executor -> executor.startsWith("driver@")),
                "tasks ran in the driver: " + tasksByExecutor);
        long executorLogLines;
        Path applicationDirectory = workerDirectory.resolve(applicationId);
        try (Stream<Path> files = Files.walk(applicationDirectory)) {
            executorLogLines = files.filter(file -> file.getFileName().toString().equals("stderr"))
                    .flatMap(ClusterSmoke::lines)
                    .filter(line -> line.contains("Executor: Finished task"))
                    .count();
        }
        check(executorLogLines > 0, "no finished task in the worker's executor logs under " + applicationDirectory);

        System.out.printf(
                "cluster smoke passed: snapshot %s published, CURRENT moved; %d rows in = %d out + %d excluded (= %d staged);"
                        + " tables %s; application %s ran %s task(s) per executor@host on the standalone worker"
                        + " (%d 'Finished task' lines in its executor logs), none in the driver%n",
                snapshotId, rowsIn, rowsOut, excluded, staged, rows, applicationId, tasksByExecutor, executorLogLines);
    }

    /** The rows of a snapshot table; a table without rows is a directory with Spark's _SUCCESS only. */
    private static long tableRows(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            if (files.noneMatch(file -> file.getFileName().toString().endsWith(".parquet"))) {
                return 0;
            }
        }
        return count("SELECT count(*) FROM read_parquet('" + directory + "/country=*/*.parquet')");
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new Failure(message);
        }
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
