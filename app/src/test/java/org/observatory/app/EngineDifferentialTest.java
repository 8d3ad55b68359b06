package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.engine.DuckDbEngine;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.SparkEngine;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Warehouse;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.record.RunReport;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.table.TableSchema;

/**
 * The pipeline's one SQL definition means the same on both engines: DuckDB and Spark run the same staged inputs,
 * each into a warehouse of its own, and must publish the same snapshots. For every table the rows are the same
 * (as multisets; DOUBLE columns within a relative 1e-9, every other column exact), the Parquet files have the same
 * column types, and the country partitions are the same; the run reports are equal but for what names the run
 * (ids, seconds, engine). Each scenario runs twice where a second run exercises the comparison with the previous
 * snapshot ({@code changes}) and the carrying over of unchanged partitions. Both engines check conservation (a run
 * that breaks it fails), and every report says rows in = rows out + excluded.
 */
class EngineDifferentialTest {
    private static final Path SAMPLE_MANIFEST = Path.of("..").resolve(DemoCommand.SAMPLE_MANIFEST);
    private static final Path REFERENCE_DATA = Path.of("..", "..", "shared", "reference-data");
    private static final Path EARLIER = REFERENCE_DATA.resolve("unodc-cts-corruption-economic-crime.2022-06.csv");
    private static final Path LATER = REFERENCE_DATA.resolve("unodc-cts-corruption-economic-crime.later.csv");
    private static final Path VIOLENT = REFERENCE_DATA.resolve("unodc-cts-violent-sexual-crime.2022-06.csv");
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final List<TableSchema> TABLES = List.of(
            SnapshotTables.OBSERVATIONS,
            SnapshotTables.INDICATORS,
            SnapshotTables.EXCLUSIONS,
            SnapshotTables.RESPONSES,
            SnapshotTables.CHANGES);

    @TempDir
    static Path temporary;

    private static Codelists codelists;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        codelists = Codelists.load();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("engine-differential-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void bothEnginesPublishTheSameSnapshotOfTheSampleData() throws Exception {
        DataDirectory data = new DataDirectory(temporary.resolve("sample"));
        DemoCommand.load(data, codelists, SAMPLE_MANIFEST, new PrintWriter(new StringWriter()));
        Pair pair = new Pair(temporary.resolve("sample-warehouses"));

        RunReport report = pair.run(RunManifests.build(
                "run-sample",
                data,
                new IngestService(data, codelists).acceptedSubmissions(),
                ApprovalPolicy.AUTOMATIC,
                Approvals.NONE));

        assertThat(report.rowsIn()).isGreaterThan(10_000);
        assertThat(report.rowsExcluded()).containsKey("out-of-scope-country");
    }

    @Test
    void bothEnginesPublishTheSameSnapshotsOfTheReferenceReleasesAndTheirRevisions() throws Exception {
        assumeTrue(
                Files.isReadable(EARLIER) && Files.isReadable(LATER) && Files.isReadable(VIOLENT),
                "the reference data folder ../shared/reference-data is not beside this checkout");
        DataDirectory data = new DataDirectory(temporary.resolve("reference"));
        IngestService ingest = new IngestService(data, codelists);
        Pair pair = new Pair(temporary.resolve("reference-warehouses"));

        accept(ingest, EARLIER);
        accept(ingest, VIOLENT);
        RunReport first = pair.run(RunManifests.build(
                "run-earlier", data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE));
        accept(ingest, LATER);
        RunReport second = pair.run(RunManifests.build(
                "run-later", data, ingest.acceptedSubmissions(), ApprovalPolicy.AUTOMATIC, Approvals.NONE));

        assertThat(first.rowsIn()).isPositive();
        assertThat(second.changedValues()).as("revised values").isPositive();
        assertThat(second.addedValues()).as("added values").isPositive();
        assertThat(second.withdrawnValues()).as("withdrawn values").isPositive();
        assertThat(second.countriesCarriedOver()).as("partitions carried over").isNotEmpty();
    }

    @Test
    void bothEnginesPublishTheSameSnapshotsOfGeneratedIncidentsWithRevisionsAndSmallCells() {
        Path staging = temporary.resolve("generated-staging");
        Incidents generated = new Incidents(new Random(16));
        Pair pair = new Pair(temporary.resolve("generated-warehouses"));

        generated.stage(staging, "gen-correspondence-mex", generated.mexicanCorrespondence());
        generated.stage(staging, "gen-population", generated.populations());
        generated.stage(staging, "gen-national-1", generated.firstSubmission());
        List<ApprovedSubmission> submissions = new ArrayList<>(List.of(
                submission("gen-correspondence-mex", "correspondence", 1, "MEX"),
                submission("gen-population", "population", 2, "CHL", "COL", "JAM"),
                submission("gen-national-1", "national", 3, "CHL", "COL", "JAM", "MEX")));
        RunReport first = pair.run(manifest("run-generated-1", staging, submissions));

        generated.stage(staging, "gen-national-2", generated.revisionOfColombia2021());
        submissions.add(submission("gen-national-2", "national", 4, "COL"));
        RunReport second = pair.run(manifest("run-generated-2", staging, submissions));

        assertThat(first.suppressedValues())
                .as("values suppressed by the small-cell rule")
                .isPositive();
        assertThat(first.unmappedNationalCodes()).containsKeys("CHL", "COL", "JAM", "MEX");
        assertThat(first.rowsExcluded()).containsKeys("unmapped-national-code", "invalid-date");
        assertThat(second.rowsExcluded()).containsKey("superseded");
        assertThat(second.changedValues()).as("revised values").isPositive();
        assertThat(second.addedValues()).as("added values").isPositive();
        assertThat(second.withdrawnValues()).as("withdrawn values").isPositive();
        assertThat(second.countriesRecomputed()).contains("COL").doesNotContain("JAM", "MEX");
        assertThat(second.countriesCarriedOver()).contains("CHL", "JAM", "MEX");
    }

    private static void accept(IngestService ingest, Path file) throws Exception {
        IngestResult result =
                ingest.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.empty()));
        assertThat(result.accepted()).as("%s: %s", file, result.issues()).isTrue();
    }

    private static ApprovedSubmission submission(String id, String sourceKind, long sequence, String... countries) {
        return new ApprovedSubmission(
                id, sourceKind, null, sequence, "2026-11-0%dT10:00:00Z".formatted(sequence), List.of(countries));
    }

    private static RunManifest manifest(String runId, Path staging, List<ApprovedSubmission> submissions) {
        return new RunManifest(
                runId,
                "2026-11-10T10:00:00Z",
                staging.toUri().toString(),
                staging.resolveSibling("unused-warehouse").toUri().toString(),
                submissions);
    }

    /**
     * The two warehouses of a scenario, one per engine: each run of the scenario runs on both, and what they
     * published is compared at once.
     */
    private static final class Pair {
        private final Warehouse duckDb;
        private final Warehouse spark;
        private final Path spill;

        Pair(Path root) {
            this.duckDb = new Warehouse(Location.local(root.resolve("duckdb")));
            this.spark = new Warehouse(Location.local(root.resolve("spark")));
            this.spill = root.resolve("spill");
        }

        /** Runs the manifest on both engines, compares reports and tables, and returns DuckDB's report. */
        RunReport run(RunManifest manifest) {
            RunReport duckDbReport;
            try {
                Files.createDirectories(spill);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (Engine engine = new DuckDbEngine(Optional.empty(), spill)) {
                duckDbReport = runOn(engine, manifest, duckDb);
            }
            RunReport sparkReport;
            try (Engine engine = new SparkEngine(EngineDifferentialTest.spark)) {
                sparkReport = runOn(engine, manifest, spark);
            }
            assertThat(duckDbReport.engine()).isEqualTo("duckdb");
            assertThat(sparkReport.engine()).isEqualTo("spark");
            assertThat(comparable(sparkReport))
                    .as("the run reports of %s (Spark, then DuckDB)", manifest.runId())
                    .isEqualTo(comparable(duckDbReport));
            for (TableSchema table : TABLES) {
                compare(
                        manifest.runId() + " " + table.name(),
                        duckDb.table(duckDbReport.snapshotId(), table).localPath(),
                        spark.table(sparkReport.snapshotId(), table).localPath());
            }
            return duckDbReport;
        }

        private static RunReport runOn(Engine engine, RunManifest manifest, Warehouse warehouse) {
            RunManifest located = new RunManifest(
                    manifest.runId(),
                    manifest.createdAt(),
                    manifest.stagingUri(),
                    warehouse.root().uri(),
                    manifest.submissions(),
                    manifest.settings(),
                    manifest.approvalPolicy());
            RunReport report = new PipelineJob(engine, codelists).run(located);
            assertThat(report.rowsIn())
                    .as("rows in = rows out + excluded on %s", report.engine())
                    .isEqualTo(report.rowsOut() + report.rowsExcludedTotal());
            return report;
        }

        /** The report without what names the run: ids, seconds, engine (removed snapshots by their number). */
        private static RunReport comparable(RunReport report) {
            return new RunReport(
                    "run",
                    "snapshot",
                    report.previousSnapshotId() == null ? null : "previous",
                    report.rowsIn(),
                    report.rowsOut(),
                    report.rowsExcluded(),
                    report.changedValues(),
                    report.addedValues(),
                    report.withdrawnValues(),
                    report.countriesRecomputed(),
                    report.unmappedNationalCodes(),
                    0,
                    report.countriesCarriedOver(),
                    report.rowsInRecomputed(),
                    report.smallCellThreshold(),
                    report.suppressedValues(),
                    Collections.nCopies(report.snapshotsRemoved().size(), "removed"),
                    Collections.nCopies(report.orphansRemoved().size(), "orphan"),
                    report.warnings(),
                    "engine");
        }
    }

    /** Compares one table of the two snapshots: partitions, Parquet column types and rows. */
    private static void compare(String what, Path expected, Path actual) {
        assertThat(partitions(actual)).as("%s: partitions", what).isEqualTo(partitions(expected));
        if (partitions(expected).isEmpty()) {
            return;
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(columnTypes(duckdb, actual))
                    .as("%s: column types (Spark, then DuckDB)", what)
                    .isEqualTo(columnTypes(duckdb, expected));
            assertThat(parquetTypes(duckdb, actual))
                    .as("%s: Parquet types of the columns (Spark, then DuckDB)", what)
                    .isEqualTo(parquetTypes(duckdb, expected));
            Table duckDbRows = Table.read(duckdb, expected);
            Table sparkRows = Table.read(duckdb, actual);
            duckDbRows.assertSameRows(what, sparkRows);
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    /** The {@code country=...} directories of a table. */
    private static List<String> partitions(Path table) {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(table)) {
            return children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String files(Path table) {
        return table.resolve("*").resolve("*.parquet").toString().replace("'", "''");
    }

    /** The columns of the files as DuckDB reads them (name and type), in their order. */
    private static List<String> columnTypes(Connection duckdb, Path table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(
                        "DESCRIBE SELECT * FROM read_parquet('" + files(table) + "', hive_partitioning = false)")) {
            while (result.next()) {
                columns.add(result.getString("column_name") + " " + result.getString("column_type"));
            }
        }
        return columns;
    }

    /**
     * The physical Parquet type of each leaf column over every file of the table, and for byte arrays their
     * annotation (UTF8: text). The writers annotate differently what means the same: DuckDB marks an INT32 as
     * INT_32 (a converted type) where Spark leaves the plain INT32 (which is a signed 32-bit integer), and Spark adds
     * the logical type String to its UTF8 columns; {@link #columnTypes} checks that every reader types them alike.
     */
    private static List<String> parquetTypes(Connection duckdb, Path table) throws SQLException {
        TreeSet<String> types = new TreeSet<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT DISTINCT name, type, CASE WHEN type = 'BYTE_ARRAY' THEN converted_type END"
                                + " FROM parquet_schema('" + files(table) + "') WHERE coalesce(num_children, 0) = 0")) {
            while (result.next()) {
                types.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        }
        return List.copyOf(types);
    }

    /** A table's rows read with DuckDB, sorted by its exact columns first and its DOUBLE columns last. */
    private record Table(List<String> columns, List<Boolean> doubles, List<List<Object>> rows) {
        static Table read(Connection duckdb, Path table) throws SQLException {
            String source =
                    "read_parquet('" + files(table) + "', hive_partitioning = true, hive_types = {'country': VARCHAR})";
            List<String> columns = new ArrayList<>();
            List<Boolean> doubles = new ArrayList<>();
            try (Statement statement = duckdb.createStatement();
                    ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (result.next()) {
                    columns.add(result.getString("column_name"));
                    doubles.add(result.getString("column_type").equals("DOUBLE"));
                }
            }
            List<String> order = new ArrayList<>();
            for (int index = 0; index < columns.size(); index++) {
                if (!doubles.get(index)) {
                    order.add(columns.get(index));
                }
            }
            for (int index = 0; index < columns.size(); index++) {
                if (doubles.get(index)) {
                    order.add(columns.get(index));
                }
            }
            String orderBy = order.stream()
                    .map(column -> "\"" + column + "\" ASC NULLS FIRST")
                    .collect(Collectors.joining(", "));
            List<List<Object>> rows = new ArrayList<>();
            try (Statement statement = duckdb.createStatement();
                    ResultSet result = statement.executeQuery("SELECT "
                            + columns.stream()
                                    .map(column -> "\"" + column + "\"")
                                    .collect(Collectors.joining(", ")) + " FROM " + source + " ORDER BY " + orderBy)) {
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int column = 1; column <= columns.size(); column++) {
                        row.add(result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return new Table(columns, doubles, rows);
        }

        void assertSameRows(String what, Table other) {
            assertThat(other.columns).as("%s: columns", what).isEqualTo(columns);
            List<String> differences = new ArrayList<>();
            if (other.rows.size() != rows.size()) {
                differences.add("DuckDB wrote %d rows, Spark %d".formatted(rows.size(), other.rows.size()));
            }
            for (int index = 0; index < Math.min(rows.size(), other.rows.size()) && differences.size() < 6; index++) {
                if (!same(rows.get(index), other.rows.get(index))) {
                    differences.add("row %d:%n  duckdb %s%n  spark  %s"
                            .formatted(index, describe(rows.get(index)), describe(other.rows.get(index))));
                }
            }
            assertThat(differences)
                    .as("%s: rows differ between the engines (%d rows)%n%s", what, rows.size(), onlyInOne(other))
                    .isEmpty();
        }

        private boolean same(List<Object> row, List<Object> other) {
            for (int column = 0; column < row.size(); column++) {
                Object value = row.get(column);
                Object otherValue = other.get(column);
                if (doubles.get(column) && value instanceof Double number && otherValue instanceof Double second) {
                    double scale = Math.max(Math.abs(number), Math.abs(second));
                    if (Math.abs(number - second) > RELATIVE_TOLERANCE * scale) {
                        return false;
                    }
                } else if (!Objects.equals(value, otherValue)) {
                    return false;
                }
            }
            return true;
        }

        private String describe(List<Object> row) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < row.size(); column++) {
                cells.add(columns.get(column) + "=" + row.get(column));
            }
            return String.join(", ", cells);
        }

        /** Up to a few rows of each engine the other lacks (doubles to 10 significant digits), for the message. */
        private String onlyInOne(Table other) {
            Function<List<Object>, String> key = row -> row.stream()
                    .map(value -> value instanceof Double number ? "%.10g".formatted(number) : String.valueOf(value))
                    .collect(Collectors.joining("|"));
            Map<String, Integer> counts = new HashMap<>();
            rows.forEach(row -> counts.merge(key.apply(row), 1, Integer::sum));
            other.rows.forEach(row -> counts.merge(key.apply(row), -1, Integer::sum));
            String onlyDuckDb = counts.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .limit(5)
                    .collect(Collectors.joining("\n    "));
            String onlySpark = counts.entrySet().stream()
                    .filter(entry -> entry.getValue() < 0)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .limit(5)
                    .collect(Collectors.joining("\n    "));
            return "columns " + String.join("|", columns) + "\n  only DuckDB:\n    " + onlyDuckDb
                    + "\n  only Spark:\n    " + onlySpark;
        }
    }

    /**
     * A deterministic incident-level data set: national incident files of Chile, Colombia and Jamaica (whose
     * correspondence tables ship with the observatory) and Mexico (whose table is a staged correspondence
     * submission), two years each, by sex and age, with national codes no table maps, footnotes and sources that
     * vary within a cell, counts below the small-cell threshold (also in nested indicators: motor vehicle theft in
     * theft, rape in sexual violence), skipped rows (one without a country), populations for three countries, and
     * a later submission that revises Colombia's 2021 (other counts, one code withdrawn, one added).
     */
    private static final class Incidents {
        private static final List<String> SEXES = java.util.Arrays.asList("M", "F", null);
        private static final List<String> AGES = java.util.Arrays.asList("15-29", "30-44", null);
        private static final Map<String, List<String>> CODES = Map.of(
                "CHL", List.of("HOM", "ROB-VI", "ROB-VM", "HUR", "VIO", "CHL-X9"),
                "COL", List.of("ART-103", "ART-103-T", "ART-168", "ART-239", "ART-242", "COL-X9"),
                "JAM", List.of("MUR", "SHO", "RAP", "LAR", "JAM-X9"),
                "MEX", List.of("HOM-01", "ROB-02", "HUR-03", "HUR-04", "MEX-X9"));
        private static final List<String> FOOTNOTES = java.util.Arrays.asList(null, null, "Preliminary", "Revised");
        private static final List<String> SOURCES = List.of("National police", "National police", "Prosecutor");
        private final Random random;
        private long line;

        Incidents(Random random) {
            this.random = random;
        }

        List<Map<String, Object>> mexicanCorrespondence() {
            line = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(correspondence("HOM-01", "Homicidio doloso", "0101", "full"));
            rows.add(correspondence("ROB-02", "Robo con violencia", "0401", "partial"));
            rows.add(correspondence("HUR-03", "Hurto simple", "0502", "broader"));
            rows.add(correspondence("HUR-04", "Robo de vehículo", "05021", "narrower"));
            // a code staged twice keeps its first line
            rows.add(correspondence("HUR-04", "Robo de vehículo (bis)", "0502", "full"));
            return rows;
        }

        List<Map<String, Object>> populations() {
            line = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String country : List.of("CHL", "COL", "JAM")) {
                for (int year : List.of(2020, 2021)) {
                    double total = 1_000_000 + random.nextInt(50_000_000);
                    double men = Math.floor(total * (0.47 + random.nextDouble() / 20));
                    rows.add(population(country, year, null, total));
                    rows.add(population(country, year, "M", men));
                    rows.add(population(country, year, "F", total - men));
                }
            }
            return rows;
        }

        List<Map<String, Object>> firstSubmission() {
            line = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String country : List.of("CHL", "COL", "JAM", "MEX")) {
                for (int year : List.of(2020, 2021)) {
                    rows.addAll(incidents(country, year, CODES.get(country)));
                }
            }
            rows.add(skipped("COL", 2021, "invalid-date"));
            rows.add(skipped("JAM", 2020, "invalid-date"));
            rows.add(skipped(null, null, "invalid-country"));
            return rows;
        }

        List<Map<String, Object>> revisionOfColombia2021() {
            line = 0;
            List<String> codes = new ArrayList<>(CODES.get("COL"));
            codes.remove("ART-168");
            codes.add("ART-205");
            List<Map<String, Object>> rows = new ArrayList<>(incidents("COL", 2021, codes));
            rows.add(skipped("COL", 2021, "invalid-date"));
            return rows;
        }

        private List<Map<String, Object>> incidents(String country, int year, List<String> codes) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String code : codes) {
                for (String sex : SEXES) {
                    for (String age : AGES) {
                        int cell = random.nextInt(10);
                        int incidents = cell < 3 ? cell : 3 + random.nextInt(cell * 2);
                        for (int incident = 0; incident < incidents; incident++) {
                            Map<String, Object> row = row("national", country, year);
                            row.put(StagedRows.UNIT, StagedRows.UNIT_INCIDENT);
                            row.put(StagedRows.VALUE, 1.0);
                            row.put(StagedRows.NATIONAL_CODE, random.nextInt(20) == 0 ? " " + code + " " : code);
                            row.put(StagedRows.NATIONAL_LABEL, random.nextInt(4) == 0 ? null : "Label " + code);
                            row.put(StagedRows.SEX, sex);
                            row.put(StagedRows.AGE, age);
                            row.put(StagedRows.FOOTNOTE, FOOTNOTES.get(random.nextInt(FOOTNOTES.size())));
                            row.put(StagedRows.SOURCE, SOURCES.get(random.nextInt(SOURCES.size())));
                            row.put(StagedRows.OBS_STATUS, random.nextInt(15) == 0 ? "p" : null);
                            if (code.startsWith("HOM") || code.equals("MUR")) {
                                row.put(StagedRows.BREAKDOWN_TYPE, random.nextBoolean() ? "mechanism" : null);
                                row.put(
                                        StagedRows.BREAKDOWN,
                                        row.get(StagedRows.BREAKDOWN_TYPE) == null ? null : "firearm");
                            }
                            rows.add(row);
                        }
                    }
                }
            }
            return rows;
        }

        private Map<String, Object> correspondence(String code, String label, String iccs, String quality) {
            Map<String, Object> row = row("correspondence", "MEX", null);
            row.put(StagedRows.UNIT, StagedRows.UNIT_CORRESPONDENCE);
            row.put(StagedRows.NATIONAL_CODE, code);
            row.put(StagedRows.NATIONAL_LABEL, label);
            row.put(StagedRows.ICCS_CODE, iccs);
            row.put(StagedRows.MATCH_QUALITY, quality);
            return row;
        }

        private Map<String, Object> population(String country, int year, String sex, double value) {
            Map<String, Object> row = row("population", country, year);
            row.put(StagedRows.UNIT, StagedRows.UNIT_POPULATION);
            row.put(StagedRows.VALUE, value);
            row.put(StagedRows.SEX, sex);
            row.put(StagedRows.SOURCE, "National statistics office");
            return row;
        }

        private Map<String, Object> skipped(String country, Integer year, String reason) {
            Map<String, Object> row = row("national", country, year);
            row.put(StagedRows.STATUS, StagedRows.STATUS_SKIPPED);
            row.put(StagedRows.SKIP_REASON, reason);
            return row;
        }

        private Map<String, Object> row(String sourceKind, String country, Integer year) {
            Map<String, Object> row = new HashMap<>();
            row.put(StagedRows.SOURCE_KIND, sourceKind);
            row.put(StagedRows.SOURCE_LINE, ++line + 1);
            row.put(StagedRows.STATUS, StagedRows.STATUS_ACCEPTED);
            row.put(StagedRows.COUNTRY, country);
            row.put(StagedRows.YEAR, year);
            return row;
        }

        /** Writes {@code <staging>/<id>/rows.parquet} with DuckDB, in the columns of {@link StagedRows#SCHEMA}. */
        void stage(Path staging, String submissionId, List<Map<String, Object>> rows) {
            Path file = staging.resolve(submissionId).resolve(StagedRows.FILE_NAME);
            List<String> names = StagedRows.SCHEMA.columnNames();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
                Files.createDirectories(file.getParent());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE staged " + StagedRows.SCHEMA.duckDbColumnList());
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO staged VALUES ("
                        + String.join(", ", Collections.nCopies(names.size(), "?")) + ")")) {
                    for (Map<String, Object> row : rows) {
                        for (int index = 0; index < names.size(); index++) {
                            String name = names.get(index);
                            insert.setObject(
                                    index + 1, name.equals(StagedRows.SUBMISSION_ID) ? submissionId : row.get(name));
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COPY staged TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot stage " + submissionId + ": " + e.getMessage(), e);
            }
        }
    }
}
