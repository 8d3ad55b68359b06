package org.observatory.ingest.staging;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.table.ExclusionReason;

/**
 * Checks that need the whole file, run as SQL over the staged rows in DuckDB (which spills to disk, so memory
 * stays bounded whatever the file's size): duplicate keys (exact repeats are skipped, conflicting values are all
 * excluded, each reported with every line), disaggregations above their total, counts and reported rates that
 * disagree with the known population, a later criminal-justice stage above an earlier one, and year-on-year
 * changes beyond the configured factor. Only duplicates change what is staged; the others are warnings.
 */
final class FileChecks {
    private static final String TABLE = "staged_rows";
    private static final String ACCEPTED = "status = 'accepted'";
    /** How many lines of one duplicated key a message names (all are counted). */
    private static final int LINES_SHOWN = 10;

    private final Connection connection;
    private final SourceKind kind;
    private final ValidationReport report;
    private final IngestSettings settings;

    FileChecks(Connection connection, SourceKind kind, ValidationReport report, IngestSettings settings) {
        this.connection = requireNonNull(connection, "connection is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.report = requireNonNull(report, "report is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    void run(List<Path> populationFiles) throws SQLException {
        List<String> key = duplicateKey();
        if (!key.isEmpty()) {
            duplicates(key);
        }
        if (kind == SourceKind.CTS || kind == SourceKind.NATIONAL || kind == SourceKind.SDMX_CSV) {
            sexAboveTotal();
            yearOnYear();
        }
        if (kind == SourceKind.CTS) {
            categoriesAboveParent();
            justiceStages();
            if (!populationFiles.isEmpty()) {
                ratesAgainstPopulation(populationFiles);
            }
        }
        if (kind == SourceKind.NATIONAL) {
            mechanismsAboveTotal();
        }
    }

    /** The columns that identify one value of the kind; empty when rows have no key (incident-level rows). */
    private List<String> duplicateKey() {
        return switch (kind) {
            case CTS ->
                List.of("country", "cts_indicator", "cts_dimension", "cts_category", "sex", "age", "year", "unit");
            case NATIONAL ->
                List.of("country", "year", "national_code", "sex", "age", "breakdown_type", "breakdown", "unit");
            case POPULATION -> List.of("country", "year", "sex");
            case SDMX_CSV ->
                List.of("country", "year", "iccs_code", "sex", "age", "breakdown_type", "breakdown", "unit");
            case CORRESPONDENCE -> List.of("national_code");
        };
    }

    private void duplicates(List<String> key) throws SQLException {
        String columns = String.join(", ", key);
        String signature =
                "coalesce(CAST(value AS VARCHAR), '') || '|' || coalesce(iccs_code, '') || '|' || coalesce(match_quality, '')";
        String incidentFilter = kind == SourceKind.NATIONAL ? " AND unit <> 'incident'" : "";
        try (Statement statement = connection.createStatement()) {
            // one row per duplicated key; only the first lines are kept for the message, so a key repeated a
            // million times costs no more memory than one repeated twice
            // first the keys that repeat, with aggregates DuckDB can spill to disk (no lists over the whole file),
            // then the first lines and values of those keys only
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_keys AS SELECT " + columns
                    + ", min(" + signature + ") <> max(" + signature + ") AS conflicting, count(*) AS occurrences,"
                    + " min(source_line) AS first_line"
                    + " FROM " + TABLE + " WHERE " + ACCEPTED + incidentFilter + " GROUP BY " + columns
                    + " HAVING count(*) > 1");
            String keyMatch = key.stream()
                    .map(column -> "r." + column + " IS NOT DISTINCT FROM k." + column)
                    .collect(Collectors.joining(" AND "));
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_groups AS SELECT "
                    + key.stream().map(column -> "k." + column).collect(Collectors.joining(", "))
                    + ", CASE WHEN k.conflicting THEN 2 ELSE 1 END AS signatures, k.occurrences, k.first_line,"
                    + " list(r.source_line ORDER BY r.source_line)[1:" + LINES_SHOWN + "] AS lines,"
                    + " list(coalesce(CAST(r.value AS VARCHAR), r.iccs_code) ORDER BY r.source_line)[1:" + LINES_SHOWN
                    + "] AS shown"
                    + " FROM duplicate_keys k JOIN " + TABLE + " r ON " + keyMatch
                    + " AND r." + ACCEPTED + ""
                    + " GROUP BY ALL");
            String match = key.stream()
                    .map(column -> "s." + column + " IS NOT DISTINCT FROM d." + column)
                    .collect(Collectors.joining(" AND "));
            statement.execute("UPDATE " + TABLE
                    + " AS s SET status = 'skipped', skip_reason = CASE WHEN d.signatures > 1 THEN '"
                    + ExclusionReason.CONFLICTING_DUPLICATE.code() + "' ELSE '" + ExclusionReason.EXACT_DUPLICATE.code()
                    + "' END FROM duplicate_groups AS d WHERE " + match + " AND s." + ACCEPTED
                    + " AND (d.signatures > 1 OR s.source_line <> d.first_line)");
            try (ResultSet groups = statement.executeQuery("SELECT " + columns
                    + ", signatures, occurrences, lines, shown FROM duplicate_groups ORDER BY first_line")) {
                while (groups.next()) {
                    List<Long> lines = longs(groups.getArray("lines"));
                    List<String> shown = strings(groups.getArray("shown"));
                    long occurrences = groups.getLong("occurrences");
                    String more =
                            occurrences > lines.size() ? " and %d more".formatted(occurrences - lines.size()) : "";
                    String described = describeKey(groups, key);
                    if (groups.getLong("signatures") > 1) {
                        if (kind == SourceKind.CORRESPONDENCE) {
                            report.error(
                                    ErrorCode.DUPLICATE_KEY,
                                    lines.get(0),
                                    "national_code",
                                    groups.getString("national_code"),
                                    "Lines %s map the same national code (%s) to different ICCS codes (%s); keep one row per national code"
                                            .formatted(join(lines), described, String.join(" and ", shown)));
                            continue;
                        }
                        report.skipped(ExclusionReason.CONFLICTING_DUPLICATE.code(), occurrences);
                        report.warning(
                                ErrorCode.DUPLICATE_KEY,
                                lines.get(0),
                                null,
                                String.join(" | ", shown),
                                "Lines %s%s have the same key (%s) with different values (%s); all of them are excluded as conflicting duplicates. Keep one row per key with the correct value"
                                        .formatted(join(lines), more, described, String.join(" and ", shown)));
                    } else {
                        report.skipped(ExclusionReason.EXACT_DUPLICATE.code(), occurrences - 1);
                        report.warning(
                                ErrorCode.DUPLICATE_KEY,
                                lines.get(1),
                                null,
                                shown.get(0),
                                "Line(s) %s%s repeat line %d exactly (%s, value %s); the repeats are skipped. Remove the repeated rows"
                                        .formatted(
                                                join(lines.subList(1, lines.size())),
                                                more,
                                                lines.get(0),
                                                described,
                                                shown.get(0)));
                    }
                }
            }
        }
    }

    private void sexAboveTotal() throws SQLException {
        List<String> same =
                switch (kind) {
                    case CTS ->
                        List.of("country", "cts_indicator", "cts_dimension", "cts_category", "age", "year", "unit");
                    default ->
                        List.of(
                                "country",
                                "year",
                                "national_code",
                                "iccs_code",
                                "age",
                                "breakdown_type",
                                "breakdown",
                                "unit");
                };
        partsAboveWhole("t.sex = '_T' AND p.sex IN ('M', 'F', '_U')", same, "sexes", "Sex");
    }

    private void mechanismsAboveTotal() throws SQLException {
        partsAboveWhole(
                "t.breakdown_type = '_T' AND p.breakdown_type = 'mechanism'",
                List.of("country", "year", "national_code", "sex", "age", "unit"),
                "mechanisms",
                "mechanism");
    }

    private void categoriesAboveParent() throws SQLException {
        partsAboveWhole(
                "p.cts_category LIKE t.cts_category || ': %' AND position(':' IN t.cts_category) = 0",
                List.of("country", "cts_indicator", "cts_dimension", "sex", "age", "year", "unit"),
                "sub-categories",
                "Category");
    }

    /** Reports every total whose parts (same key but the part columns) add up to more than the total. */
    private void partsAboveWhole(String parts, List<String> same, String what, String column) throws SQLException {
        String join = same.stream()
                .map(c -> "p." + c + " IS NOT DISTINCT FROM t." + c)
                .collect(Collectors.joining(" AND "));
        String sql =
                "SELECT t.source_line, t.value, sum(p.value) AS parts, list(p.source_line ORDER BY p.source_line) AS lines, "
                        + same.stream().map(c -> "t." + c).collect(Collectors.joining(", "))
                        + " FROM " + TABLE + " t JOIN " + TABLE + " p ON " + join + " AND " + parts
                        + " WHERE t." + ACCEPTED + " AND p." + ACCEPTED
                        + " AND t.unit = 'count' AND t.value IS NOT NULL"
                        + " GROUP BY ALL HAVING sum(p.value) > t.value + 1e-9 ORDER BY t.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("source_line");
                report.warning(
                        ErrorCode.DISAGGREGATION_ABOVE_TOTAL,
                        line,
                        column,
                        number(rows.getDouble("value")),
                        "Line %d: the total %s (%s) is below the sum of its %s on lines %s (%s); check the total and its parts"
                                .formatted(
                                        line,
                                        number(rows.getDouble("value")),
                                        describeKey(rows, same),
                                        what,
                                        join(longs(rows.getArray("lines"))),
                                        number(rows.getDouble("parts"))));
            }
        }
    }

    private void justiceStages() throws SQLException {
        String stages = "(VALUES ('persons arrested/cautioned/suspected', 1, 'persons arrested or suspected'),"
                + " ('persons prosecuted', 2, 'persons prosecuted'),"
                + " ('persons brought before criminal courts', 3, 'persons brought before courts'),"
                + " ('persons convicted', 4, 'persons convicted')) AS stage(label, position, name)";
        String sql = "WITH staged AS (SELECT r.*, stage.position, stage.name FROM " + TABLE + " r JOIN " + stages
                + " ON lower(trim(r.cts_indicator)) = stage.label WHERE r." + ACCEPTED + " AND r.unit = 'count')"
                + " , pairs AS (SELECT later.source_line AS later_line, later.name AS later_name, later.value AS later_value,"
                + " earlier.source_line AS earlier_line, earlier.name AS earlier_name, earlier.value AS earlier_value,"
                + " later.country, later.year,"
                + " row_number() OVER (PARTITION BY later.source_line ORDER BY earlier.position DESC) AS nearest"
                + " FROM staged later JOIN staged earlier"
                + " ON later.country = earlier.country AND later.year = earlier.year AND later.sex IS NOT DISTINCT FROM earlier.sex"
                + " AND later.age IS NOT DISTINCT FROM earlier.age AND lower(later.cts_dimension) = lower(earlier.cts_dimension)"
                + " AND lower(later.cts_category) = lower(earlier.cts_category) AND later.position > earlier.position)"
                + " SELECT * FROM pairs WHERE nearest = 1 AND later_value > earlier_value ORDER BY later_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("later_line");
                report.warning(
                        ErrorCode.JUSTICE_STAGE_ABOVE_EARLIER_STAGE,
                        line,
                        "VALUE",
                        number(rows.getDouble("later_value")),
                        "Line %d: %s (%s) are more than %s (%s, line %d) for %s %d; a later stage of the criminal justice process is normally smaller: check both figures or explain the difference in a note"
                                .formatted(
                                        line,
                                        rows.getString("later_name"),
                                        number(rows.getDouble("later_value")),
                                        rows.getString("earlier_name"),
                                        number(rows.getDouble("earlier_value")),
                                        rows.getLong("earlier_line"),
                                        rows.getString("country"),
                                        rows.getInt("year")));
            }
        }
    }

    private void yearOnYear() throws SQLException {
        List<String> same =
                switch (kind) {
                    case CTS ->
                        List.of("country", "cts_indicator", "cts_dimension", "cts_category", "sex", "age", "unit");
                    default ->
                        List.of(
                                "country",
                                "national_code",
                                "iccs_code",
                                "sex",
                                "age",
                                "breakdown_type",
                                "breakdown",
                                "unit");
                };
        String join = same.stream()
                .map(c -> "now." + c + " IS NOT DISTINCT FROM before." + c)
                .collect(Collectors.joining(" AND "));
        double factor = settings.yearOnYearFactor();
        String sql =
                "SELECT now.source_line, now.year, now.value, before.source_line AS before_line, before.value AS before_value, "
                        + same.stream().map(c -> "now." + c).collect(Collectors.joining(", "))
                        + " FROM " + TABLE + " now JOIN " + TABLE + " before ON " + join
                        + " AND now.year = before.year + 1"
                        + " WHERE now." + ACCEPTED + " AND before." + ACCEPTED + " AND now.unit = 'count'"
                        + " AND greatest(now.value, before.value) >= " + settings.yearOnYearMinimum()
                        + " AND (now.value >= before.value * " + factor + " OR now.value * " + factor
                        + " <= before.value)"
                        + " ORDER BY now.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("source_line");
                double now = rows.getDouble("value");
                double before = rows.getDouble("before_value");
                String change = before == 0
                        ? "up from 0"
                        : "%.1f times".formatted(now / before).replace(',', '.');
                report.warning(
                        ErrorCode.YEAR_ON_YEAR_CHANGE,
                        line,
                        "value",
                        number(now),
                        "Line %d: %s in %d (%s) is %s the %d value %s (line %d), a change beyond x%s; the CTS asks respondents to explain such changes: check the figure or add a note"
                                .formatted(
                                        line,
                                        number(now),
                                        rows.getInt("year"),
                                        describeKey(rows, same),
                                        change,
                                        rows.getInt("year") - 1,
                                        number(before),
                                        rows.getLong("before_line"),
                                        number(factor)));
            }
        }
    }

    private void ratesAgainstPopulation(List<Path> populationFiles) throws SQLException {
        String files = populationFiles.stream()
                .map(path -> "'" + path.toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        String sql = "WITH population AS (SELECT country, year, sex, arg_max(value, file_index) AS population FROM ("
                + " SELECT country, year, sex, value, list_position(" + files + ", filename) AS file_index"
                + " FROM read_parquet(" + files + ", filename = true) WHERE status = 'accepted') GROUP BY ALL)"
                + " SELECT r.source_line AS rate_line, r.value AS rate, c.source_line AS count_line, c.value AS count,"
                + " p.population, c.country, c.year FROM " + TABLE + " c JOIN " + TABLE + " r"
                + " ON c.country = r.country AND c.year = r.year AND c.sex IS NOT DISTINCT FROM r.sex AND c.age IS NOT DISTINCT FROM r.age"
                + " AND c.cts_indicator = r.cts_indicator AND c.cts_dimension = r.cts_dimension AND c.cts_category = r.cts_category"
                + " JOIN population p ON p.country = c.country AND p.year = c.year AND p.sex = c.sex"
                + " WHERE c." + ACCEPTED + " AND r." + ACCEPTED + " AND c.unit = 'count' AND r.unit = 'rate_per_100k'"
                + " AND c.age = '_T' AND abs(c.value / p.population * 100000 - r.value) > greatest(0.05, 0.02 * r.value)"
                + " ORDER BY r.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("rate_line");
                double expected = rows.getDouble("count") / rows.getDouble("population") * 100_000;
                report.warning(
                        ErrorCode.RATE_INCONSISTENT_WITH_POPULATION,
                        line,
                        "VALUE",
                        number(rows.getDouble("rate")),
                        "Line %d: the reported rate %s does not match the count %s (line %d) and the population %s of %s in %d, which give %s per 100,000; check the count, the rate or the population used"
                                .formatted(
                                        line,
                                        number(rows.getDouble("rate")),
                                        number(rows.getDouble("count")),
                                        rows.getLong("count_line"),
                                        number(rows.getDouble("population")),
                                        rows.getString("country"),
                                        rows.getInt("year"),
                                        "%.2f".formatted(expected).replace(',', '.')));
            }
        }
    }

    private static String describeKey(ResultSet row, List<String> columns) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            String value = row.getString(column);
            if (value != null && !value.equals("_T") && !column.equals("unit")) {
                parts.add(value);
            }
        }
        return String.join(", ", parts);
    }

    private static List<Long> longs(Array array) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(((Number) value).longValue());
        }
        return values;
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    private static String join(List<Long> lines) {
        return lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
