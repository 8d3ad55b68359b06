package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.record.CorrespondenceEntry;
import org.observatory.schemas.record.CorrespondenceTable;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.StagedRows;

/**
 * Writes a synthetic staging area ({@code <staging>/<submission-id>/rows.parquet} in the columns of {@link
 * StagedRows#SCHEMA}) the way ingest stages accepted files, directly with DuckDB: validating 10 million rows through
 * ingest would take minutes and is what bench/ingest measures. For every member state of the deployment:
 *
 * <ul>
 *   <li>a {@code correspondence} submission: the national codes of the shipped COL table with their ICCS codes, match
 *       qualities and notes (only COL, CHL and JAM ship a default table; the others upload theirs);
 *   <li>a {@code national} incident-level submission, one row per recorded offence (unit {@code incident}, value 1),
 *       as ingest stages the COL sample file: years 2015-2024, sex M/F/_U, five age bands, three mechanisms, the
 *       national codes drawn evenly, and one row in a thousand with a code the table lacks (an {@code
 *       unmapped-national-code} exclusion).
 * </ul>
 *
 * plus one {@code population} submission (every member, year and sex), so that rates are computed. The rows are
 * split evenly between the member states. Values come from DuckDB's {@code hash} of the row number, the seed, the
 * country and a generation number: the same seed and size give the same rows (with the same DuckDB version).
 */
public final class SyntheticStaging {
    public static final int FIRST_YEAR = 2015;
    public static final int YEARS = 10;
    /** The national code of one incident in a thousand, deliberately absent from every correspondence table. */
    public static final String UNMAPPED_CODE = "BENCH-UNMAPPED";

    private static final String SOURCE = "SYNTHETIC benchmark data (bench/pipeline): ";
    private static final int CODE_SLOTS = 1000;

    private final Path staging;
    private final long seed;
    private final Codelists codelists;
    private final List<CorrespondenceEntry> codes;
    private final List<ApprovedSubmission> submissions = new ArrayList<>();
    private final List<String> nationalSubmissionIds = new ArrayList<>();
    private final java.util.Map<String, Long> nationalRows = new java.util.HashMap<>();
    private long incidentRows;
    private long stagedRows;

    public SyntheticStaging(Path staging, long seed, Codelists codelists) {
        this.staging = requireNonNull(staging, "staging is null");
        this.seed = seed;
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.codes = CorrespondenceTable.loadDefault("COL", codelists.iccs())
                .orElseThrow(() -> new IllegalStateException("schemas ships no COL correspondence table"))
                .entries();
    }

    /** Stages the population, one correspondence table per member state and {@code rows} incidents split among them. */
    public void writeAll(long rows) {
        List<String> members =
                codelists.members().all().stream().map(MemberState::iso3).toList();
        writeSmallSubmissions(members);
        long share = rows / members.size();
        long remainder = rows % members.size();
        for (int index = 0; index < members.size(); index++) {
            addNationalSubmission(members.get(index), share + (index < remainder ? 1 : 0), 1);
        }
    }

    /**
     * Stages a national incident-level submission for one country, accepted after every submission staged so far.
     *
     * @param generation 1 for the first submission of the country; a later one draws other rows (a revision)
     */
    public ApprovedSubmission addNationalSubmission(String country, long rows, int generation) {
        String id = nationalSubmissionId(country, generation);
        String codeSlots = codeSlotValues();
        String sql =
                """
                COPY (
                  WITH drawn AS (SELECT i, hash(i, %d, '%s', %d) AS h FROM range(%d) AS t(i)),
                       codes(position, national_code, national_label) AS (VALUES %s)
                  SELECT '%s' AS submission_id, 'national' AS source_kind, (i + 2)::BIGINT AS source_line,
                         'accepted' AS status, NULL::VARCHAR AS skip_reason, '%s' AS country,
                         (%d + (h >> 10) %% %d)::INTEGER AS year,
                         NULL::VARCHAR AS cts_indicator, NULL::VARCHAR AS cts_dimension, NULL::VARCHAR AS cts_category,
                         codes.national_code, codes.national_label, NULL::VARCHAR AS iccs_code,
                         CASE WHEN (h >> 20) %% 100 < 55 THEN 'M' WHEN (h >> 20) %% 100 < 97 THEN 'F' ELSE '_U' END AS sex,
                         CASE WHEN (h >> 27) %% 100 < 6 THEN '0-17' WHEN (h >> 27) %% 100 < 36 THEN '18-29'
                              WHEN (h >> 27) %% 100 < 68 THEN '30-44' WHEN (h >> 27) %% 100 < 88 THEN '45-59'
                              ELSE '60+' END AS age,
                         'mechanism' AS breakdown_type,
                         CASE WHEN (h >> 34) %% 100 < 70 THEN 'sin-empleo-de-armas'
                              WHEN (h >> 34) %% 100 < 85 THEN 'arma-blanca' ELSE 'arma-de-fuego' END AS breakdown,
                         'incident' AS unit, 1.0::DOUBLE AS value, 'A' AS obs_status, NULL::VARCHAR AS footnote,
                         '%s' AS source, NULL::VARCHAR AS match_quality
                  FROM drawn JOIN codes ON codes.position = h %% %d
                  ORDER BY source_line
                ) TO '%s' (FORMAT parquet, COMPRESSION zstd)
                """
                        .formatted(
                                seed,
                                country,
                                generation,
                                rows,
                                codeSlots,
                                id,
                                country,
                                FIRST_YEAR,
                                YEARS,
                                escape(SOURCE + "national incident-level submission of " + country),
                                CODE_SLOTS,
                                escape(file(id).toString()));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            Files.createDirectories(file(id).getParent());
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write " + file(id) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        incidentRows += rows;
        stagedRows += rows;
        nationalSubmissionIds.add(id);
        nationalRows.put(id, rows);
        return accept(id, SourceKind.NATIONAL, List.of(country));
    }

    /** Every submission staged so far, in order of acceptance. */
    public List<ApprovedSubmission> submissions() {
        return List.copyOf(submissions);
    }

    /** The national incident-level submissions staged so far. */
    public List<String> nationalSubmissionIds() {
        return List.copyOf(nationalSubmissionIds);
    }

    /** The incident rows of a national submission staged here, if it is one. */
    public java.util.OptionalLong nationalRows(String submissionId) {
        Long rows = nationalRows.get(submissionId);
        return rows == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(rows);
    }

    /** The id of a country's national submission of a generation. */
    public static String nationalSubmissionId(String country, int generation) {
        return "sub-bench-national-%s-%d".formatted(country, generation);
    }

    /** Every row staged so far: incidents, population and correspondence rows. */
    public long stagedRows() {
        return stagedRows;
    }

    /** The incident rows staged so far. */
    public long incidentRows() {
        return incidentRows;
    }

    public Path staging() {
        return staging;
    }

    /** The Parquet file of a submission. */
    public Path file(String submissionId) {
        return staging.resolve(submissionId).resolve(StagedRows.FILE_NAME);
    }

    /** The bytes of every staged Parquet file. */
    public long bytes() {
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSmallSubmissions(List<String> members) {
        try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE staged " + StagedRows.SCHEMA.duckDbColumnList());
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "staged")) {
                long line = 2;
                for (String country : members) {
                    double total = 100_000 + Long.remainderUnsigned(mix(seed, country.hashCode()), 50_000_000);
                    for (int year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
                        double population = Math.round(total * (1 + 0.01 * (year - FIRST_YEAR)));
                        double male = Math.round(population * 0.49);
                        appendPopulation(appender, line++, country, year, StagedRows.TOTAL, population);
                        appendPopulation(appender, line++, country, year, "M", male);
                        appendPopulation(appender, line++, country, year, "F", population - male);
                    }
                }
                for (String country : members) {
                    long tableLine = 2;
                    for (CorrespondenceEntry entry : codes) {
                        appendCorrespondence(appender, tableLine++, country, entry);
                    }
                }
            }
            try (java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM staged")) {
                count.next();
                stagedRows += count.getLong(1);
            }
            copy(statement, "sub-bench-population", "source_kind = 'population'");
            accept("sub-bench-population", SourceKind.POPULATION, members);
            for (String country : members) {
                String id = "sub-bench-correspondence-" + country;
                copy(statement, id, "source_kind = 'correspondence' AND country = '" + country + "'");
                accept(id, SourceKind.CORRESPONDENCE, List.of(country));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "DuckDB could not stage the population and correspondence tables: " + e.getMessage(), e);
        }
    }

    private void copy(Statement statement, String id, String condition) throws SQLException {
        try {
            Files.createDirectories(file(id).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        statement.execute("COPY (SELECT * REPLACE ('" + id + "' AS submission_id) FROM staged WHERE " + condition
                + " ORDER BY source_line) TO '" + escape(file(id).toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
    }

    private static void appendPopulation(
            DuckDBAppender appender, long line, String country, int year, String sex, double population)
            throws SQLException {
        appender.beginRow();
        appender.append("");
        appender.append(SourceKind.POPULATION.cliName());
        appender.append(line);
        appender.append(StagedRows.STATUS_ACCEPTED);
        appender.appendNull();
        appender.append(country);
        appender.append(year);
        appendNulls(appender, 6); // cts indicator, dimension, category; national code and label; iccs code
        appender.append(sex);
        appender.append(StagedRows.TOTAL);
        appendNulls(appender, 2); // breakdown type and breakdown
        appender.append(StagedRows.UNIT_POPULATION);
        appender.append(population);
        appender.appendNull(); // obs status
        appender.appendNull(); // footnote
        appender.append(SOURCE + "population");
        appender.appendNull(); // match quality
        appender.endRow();
    }

    private static void appendCorrespondence(
            DuckDBAppender appender, long line, String country, CorrespondenceEntry entry) throws SQLException {
        appender.beginRow();
        appender.append("");
        appender.append(SourceKind.CORRESPONDENCE.cliName());
        appender.append(line);
        appender.append(StagedRows.STATUS_ACCEPTED);
        appender.appendNull();
        appender.append(country);
        appender.appendNull(); // year
        appendNulls(appender, 3); // cts indicator, dimension, category
        appender.append(entry.nationalCode());
        appender.append(entry.nationalLabel());
        appender.append(entry.iccsCode());
        appendNulls(appender, 4); // sex, age, breakdown type, breakdown
        appender.append(StagedRows.UNIT_CORRESPONDENCE);
        appender.appendNull(); // value
        appender.appendNull(); // obs status
        if (entry.note().isEmpty()) {
            appender.appendNull();
        } else {
            appender.append(entry.note());
        }
        appender.append(SOURCE + "correspondence table of " + country);
        appender.append(entry.matchQuality().code());
        appender.endRow();
    }

    private static void appendNulls(DuckDBAppender appender, int count) throws SQLException {
        for (int index = 0; index < count; index++) {
            appender.appendNull();
        }
    }

    private ApprovedSubmission accept(String id, SourceKind kind, List<String> countries) {
        ApprovedSubmission submission = new ApprovedSubmission(
                id,
                kind.cliName(),
                null,
                submissions.size() + 1L,
                "2026-01-01T00:00:%02dZ".formatted(submissions.size() % 60),
                countries);
        submissions.add(submission);
        return submission;
    }

    /** {@code (position, code, label)} rows: the table's codes spread evenly over the slots, the last one unmapped. */
    private String codeSlotValues() {
        StringBuilder values = new StringBuilder();
        for (int position = 0; position < CODE_SLOTS; position++) {
            String code;
            String label;
            if (position == CODE_SLOTS - 1) {
                code = UNMAPPED_CODE;
                label = "Código sin correspondencia (benchmark)";
            } else {
                CorrespondenceEntry entry = codes.get(position % codes.size());
                code = entry.nationalCode();
                label = entry.nationalLabel();
            }
            if (position > 0) {
                values.append(", ");
            }
            values.append("(%d, '%s', '%s')".formatted(position, escape(code), escape(label)));
        }
        return values.toString();
    }

    private static long mix(long seed, long value) {
        long mixed = seed * 0x9E3779B97F4A7C15L + value;
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        return mixed;
    }

    private static String escape(String text) {
        return text.replace("'", "''");
    }
}
