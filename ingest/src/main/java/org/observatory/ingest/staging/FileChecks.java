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
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.observatory.ingest.IngestMessage;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.table.ExclusionReason;
import org.observatory.schemas.text.Message;

/**
 * Checks that need the whole file, run as SQL over the staged rows in DuckDB (the view {@code staged_rows} over the
 * staged Parquet; DuckDB spills to disk, so memory stays bounded whatever the file's size): duplicate keys (exact
 * repeats are skipped, conflicting values are all excluded, each reported with every line), disaggregations above
 * their total, counts and reported rates that disagree with the known population, a later criminal-justice stage
 * above an earlier one, and year-on-year changes beyond the configured factor. Only duplicates change what is
 * staged ({@link #duplicates} leaves the lines to skip in the table {@code duplicate_lines}); the others are
 * warnings.
 *
 * <p>Each check first works on 64-bit hashes of the columns that must be equal, which costs one pass of hash
 * aggregation (or a hash join on one number) over the file, and finds every row that can have a problem; a row that
 * does, or whose hash collides with another key, is then checked again on the columns themselves, with the query
 * that words the report. Values of counts are never negative (row validation rejects them), so a sum over a hash
 * never hides a sum over a key that is too large. The checks report exactly what a join of the columns themselves
 * finds, in the same order.
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
    /** How the file's header writes a column, by its canonical name. */
    private final UnaryOperator<String> columnNames;
    /** Whether {@code sex_groups} sums the rows as they are staged now (no duplicate made a row skipped since). */
    private boolean sexGroupsCurrent;

    FileChecks(
            Connection connection,
            SourceKind kind,
            ValidationReport report,
            IngestSettings settings,
            UnaryOperator<String> columnNames) {
        this.columnNames = requireNonNull(columnNames, "columnNames is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.report = requireNonNull(report, "report is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Reports duplicate keys and leaves the lines that become skipped rows, with their reason, in the temporary
     * table {@code duplicate_lines (source_line, reason)}; whether there is any.
     */
    boolean duplicates() throws SQLException {
        List<String> key = duplicateKey();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_lines (source_line BIGINT, reason VARCHAR)");
        }
        if (key.isEmpty()) {
            return false;
        }
        try {
            return duplicates(key);
        } finally {
            report.attributeTo((String) null);
        }
    }

    /** The checks that only report: every check but duplicates, over the rows as {@link #duplicates} left them. */
    void warnings(List<Path> populationFiles) throws SQLException {
        try {
            reportWarnings(populationFiles);
        } finally {
            report.attributeTo((String) null); // each warning is attributed to the country of its row
        }
    }

    private void reportWarnings(List<Path> populationFiles) throws SQLException {
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

    private boolean duplicates(List<String> key) throws SQLException {
        String columns = String.join(", ", key);
        String signature =
                "coalesce(CAST(value AS VARCHAR), '') || '|' || coalesce(iccs_code, '') || '|' || coalesce(match_quality, '')";
        String incidentFilter = kind == SourceKind.NATIONAL ? " AND unit <> 'incident'" : "";
        try (Statement statement = connection.createStatement()) {
            // keys that may repeat: hashes seen twice; a file without duplicates stops here
            String candidates;
            if (hasSexes()) {
                // one pass sums the sexes of each group for the check of totals too (sexAboveTotal): a key repeats
                // only where a group has a sex twice
                String group = "hash(" + String.join(", ", sexGroup()) + ")";
                String eligible = ACCEPTED + incidentFilter;
                statement.execute("CREATE OR REPLACE TEMP TABLE sex_groups AS SELECT " + group + " AS group_hash,"
                        + " greatest(count(*) FILTER (WHERE " + eligible + " AND sex = '_T'), count(*) FILTER (WHERE "
                        + eligible + " AND sex = 'M'), count(*) FILTER (WHERE " + eligible + " AND sex = 'F'),"
                        + " count(*) FILTER (WHERE " + eligible + " AND sex = '_U')) > 1 OR count(*) FILTER (WHERE "
                        + eligible + " AND (sex IS NULL OR sex NOT IN ('_T', 'M', 'F', '_U'))) > 0 AS repeats,"
                        + " sum(value) FILTER (WHERE sex IN ('M', 'F', '_U')) AS parts,"
                        + " min(value) FILTER (WHERE sex = '_T' AND unit = 'count' AND value IS NOT NULL) AS smallest"
                        + " FROM " + TABLE + " WHERE " + ACCEPTED + " GROUP BY ALL");
                sexGroupsCurrent = true;
                statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_hashes AS SELECT group_hash AS key_hash"
                        + " FROM sex_groups WHERE repeats");
                candidates = group;
            } else {
                statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_hashes AS SELECT hash(" + columns
                        + ") AS key_hash FROM " + TABLE + " WHERE " + ACCEPTED + incidentFilter
                        + " GROUP BY ALL HAVING count(*) > 1");
                candidates = "hash(" + columns + ")";
            }
            if (!any(statement, "duplicate_hashes")) {
                return false;
            }
            // the rows of those keys, then the keys that do repeat, with aggregates DuckDB can spill to disk (no
            // lists over the whole file), then the first lines and values of those keys only
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_rows AS SELECT source_line, " + columns
                    + ", value, iccs_code, match_quality FROM " + TABLE + " WHERE " + ACCEPTED + incidentFilter
                    + " AND " + candidates + " IN (SELECT key_hash FROM duplicate_hashes)");
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_keys AS SELECT " + columns
                    + ", min(" + signature + ") <> max(" + signature + ") AS conflicting, count(*) AS occurrences,"
                    + " min(source_line) AS first_line"
                    + " FROM duplicate_rows GROUP BY " + columns + " HAVING count(*) > 1");
            String keyMatch = key.stream()
                    .map(column -> "r." + column + " IS NOT DISTINCT FROM k." + column)
                    .collect(Collectors.joining(" AND "));
            statement.execute("CREATE OR REPLACE TEMP TABLE duplicate_groups AS SELECT "
                    + key.stream().map(column -> "k." + column).collect(Collectors.joining(", "))
                    + ", CASE WHEN k.conflicting THEN 2 ELSE 1 END AS signatures, k.occurrences, k.first_line,"
                    + " list(r.source_line ORDER BY r.source_line)[1:" + LINES_SHOWN + "] AS lines,"
                    + " list(coalesce(CAST(r.value AS VARCHAR), r.iccs_code) ORDER BY r.source_line)[1:" + LINES_SHOWN
                    + "] AS shown"
                    + " FROM duplicate_keys k JOIN duplicate_rows r ON " + keyMatch
                    + " GROUP BY ALL");
            String match = key.stream()
                    .map(column -> "r." + column + " IS NOT DISTINCT FROM d." + column)
                    .collect(Collectors.joining(" AND "));
            statement.execute("INSERT INTO duplicate_lines SELECT r.source_line, CASE WHEN d.signatures > 1 THEN '"
                    + ExclusionReason.CONFLICTING_DUPLICATE.code() + "' ELSE '" + ExclusionReason.EXACT_DUPLICATE.code()
                    + "' END FROM duplicate_groups AS d JOIN duplicate_rows AS r ON " + match
                    + " WHERE d.signatures > 1 OR r.source_line <> d.first_line");
            try (ResultSet groups = statement.executeQuery("SELECT " + columns
                    + ", signatures, occurrences, lines, shown FROM duplicate_groups ORDER BY first_line")) {
                while (groups.next()) {
                    List<Long> lines = longs(groups.getArray("lines"));
                    List<String> shown = strings(groups.getArray("shown")).stream()
                            .map(FileChecks::asWritten)
                            .toList();
                    long occurrences = groups.getLong("occurrences");
                    long more = occurrences - lines.size();
                    String described = describeKey(groups, key);
                    report.attributeTo(key.contains("country") ? groups.getString("country") : null);
                    if (groups.getLong("signatures") > 1) {
                        if (kind == SourceKind.CORRESPONDENCE) {
                            report.error(
                                    ErrorCode.DUPLICATE_KEY,
                                    lines.get(0),
                                    columnNames.apply("national_code"),
                                    groups.getString("national_code"),
                                    Message.of(
                                            IngestMessage.CORRESPONDENCE_CONFLICT,
                                            "lines",
                                            join(lines),
                                            "key",
                                            described,
                                            "values",
                                            String.join(", ", shown.subList(0, shown.size() - 1)),
                                            "last",
                                            shown.get(shown.size() - 1)));
                            continue;
                        }
                        report.skipped(ExclusionReason.CONFLICTING_DUPLICATE.code(), occurrences);
                        report.warning(
                                ErrorCode.DUPLICATE_KEY,
                                lines.get(0),
                                null,
                                String.join(" | ", shown),
                                Message.of(
                                        more > 0
                                                ? IngestMessage.DUPLICATES_CONFLICTING_AND_MORE
                                                : IngestMessage.DUPLICATES_CONFLICTING,
                                        "lines",
                                        join(lines),
                                        "more",
                                        Long.toString(more),
                                        "key",
                                        described,
                                        "values",
                                        String.join(", ", shown.subList(0, shown.size() - 1)),
                                        "last",
                                        shown.get(shown.size() - 1)));
                    } else {
                        report.skipped(ExclusionReason.EXACT_DUPLICATE.code(), occurrences - 1);
                        report.warning(
                                ErrorCode.DUPLICATE_KEY,
                                lines.get(1),
                                null,
                                shown.get(0),
                                Message.of(
                                        more > 0
                                                ? IngestMessage.DUPLICATES_EXACT_AND_MORE
                                                : IngestMessage.DUPLICATES_EXACT,
                                        "lines",
                                        join(lines.subList(1, lines.size())),
                                        "count",
                                        occurrences - 1,
                                        "more",
                                        Long.toString(more),
                                        "line",
                                        Long.toString(lines.get(0)),
                                        "key",
                                        described,
                                        "value",
                                        shown.get(0)));
                    }
                }
            }
            boolean skipped = any(statement, "duplicate_lines");
            sexGroupsCurrent = !skipped;
            return skipped;
        }
    }

    /** Whether the kind's values are broken down by sex, totals and parts checked ({@link #sexAboveTotal}). */
    private boolean hasSexes() {
        return kind == SourceKind.CTS || kind == SourceKind.NATIONAL || kind == SourceKind.SDMX_CSV;
    }

    /**
     * What the rows of one value broken down by sex share: the columns both of its key without the sex (so rows of
     * one key are in one group) and of what {@link #sexAboveTotal} matches totals and parts on (so a total and its
     * parts are in one group). The group can hold more than one value; that only makes more rows candidates.
     */
    private List<String> sexGroup() {
        List<String> group = new ArrayList<>(duplicateKey());
        group.remove("sex");
        group.retainAll(sexesShare());
        return group;
    }

    /** The columns a total and its parts by sex share. */
    private List<String> sexesShare() {
        return switch (kind) {
            case CTS -> List.of("country", "cts_indicator", "cts_dimension", "cts_category", "age", "year", "unit");
            default ->
                List.of("country", "year", "national_code", "iccs_code", "age", "breakdown_type", "breakdown", "unit");
        };
    }

    private static boolean any(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private void sexAboveTotal() throws SQLException {
        Parts sexes = new Parts("sex = '_T'", "sex IN ('M', 'F', '_U')", "t.sex = '_T' AND p.sex IN ('M', 'F', '_U')");
        if (!sexGroupsCurrent) {
            partsAboveWhole(sexes, sexesShare(), IngestMessage.SEXES_ABOVE_TOTAL, "Sex");
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // summed by duplicates() already: a group is a candidate when its parts add up to more than a total
            statement.execute("CREATE OR REPLACE TEMP TABLE total_candidates AS SELECT group_hash AS key_hash FROM"
                    + " sex_groups WHERE parts > smallest + 1e-9");
        }
        reportPartsAboveWhole(sexes, sexesShare(), sexGroup(), IngestMessage.SEXES_ABOVE_TOTAL, "Sex");
    }

    private void mechanismsAboveTotal() throws SQLException {
        partsAboveWhole(
                new Parts(
                        "breakdown_type = '_T'",
                        "breakdown_type = 'mechanism'",
                        "t.breakdown_type = '_T' AND p.breakdown_type = 'mechanism'"),
                List.of("country", "year", "national_code", "sex", "age", "unit"),
                IngestMessage.MECHANISMS_ABOVE_TOTAL,
                "mechanism");
    }

    private void categoriesAboveParent() throws SQLException {
        // "Theft: of a motorized vehicle" is a part of "Theft": the category before its first ':', followed by ' '
        String firstColon = "position(':' IN cts_category)";
        String parent = "CASE WHEN " + firstColon + " > 0 AND position(': ' IN cts_category) = " + firstColon
                + " THEN left(cts_category, " + firstColon + " - 1) END";
        partsAboveWhole(
                new Parts(
                        firstColon + " = 0",
                        "cts_category",
                        "contains(cts_category, ': ') AND " + parent + " IS NOT NULL",
                        parent,
                        // LIKE reads % and _ in a total's category as wildcards, so its parts are not only those
                        // its name starts: such totals are always checked on their columns
                        Optional.of("position('%' IN cts_category) > 0 OR position('_' IN cts_category) > 0"),
                        "p.cts_category LIKE t.cts_category || ': %' AND position(':' IN t.cts_category) = 0"),
                List.of("country", "cts_indicator", "cts_dimension", "sex", "age", "year", "unit"),
                IngestMessage.SUBCATEGORIES_ABOVE_TOTAL,
                "Category");
    }

    /**
     * Which rows are totals and which their parts, for {@link #partsAboveWhole}: filters of each (on the columns of
     * {@code staged_rows}), what else identifies a total and its parts beyond the shared columns (e.g. the category
     * and its parent), totals always checked on their columns, and the same as a join condition of a total {@code t}
     * and a part {@code p}.
     */
    private record Parts(
            String total, String totalKey, String part, String partKey, Optional<String> alwaysChecked, String join) {
        /** Totals and parts told apart by a filter each, with nothing but the shared columns to match. */
        Parts(String total, String part, String join) {
            this(total, null, part, null, Optional.empty(), join);
        }
    }

    /** Reports every total whose parts (same key but the part columns) add up to more than the total. */
    private void partsAboveWhole(Parts parts, List<String> same, IngestMessage what, String column)
            throws SQLException {
        List<String> totalKey = new ArrayList<>(same);
        List<String> partKey = new ArrayList<>(same);
        if (parts.totalKey() != null) {
            totalKey.add(parts.totalKey());
            partKey.add(parts.partKey());
        }
        String totalHash = "hash(" + String.join(", ", totalKey) + ")";
        String partHash = "hash(" + String.join(", ", partKey) + ")";
        try (Statement statement = connection.createStatement()) {
            // the sum of the parts of each hash, against each total of that hash (a total whose category LIKE reads
            // with wildcards is a candidate whatever its parts)
            statement.execute("CREATE OR REPLACE TEMP TABLE total_candidates AS"
                    + " WITH part_sums AS (SELECT " + partHash + " AS key_hash, sum(value) AS parts FROM " + TABLE
                    + " WHERE " + ACCEPTED + " AND " + parts.part() + " GROUP BY ALL),"
                    + " totals AS (SELECT value, " + totalHash + " AS key_hash, "
                    + parts.alwaysChecked().orElse("false") + " AS always FROM " + TABLE
                    + " WHERE " + ACCEPTED + " AND unit = 'count' AND value IS NOT NULL AND " + parts.total() + ")"
                    + " SELECT DISTINCT t.key_hash FROM totals t LEFT JOIN part_sums p USING (key_hash)"
                    + " WHERE p.parts > t.value + 1e-9 OR t.always");
        }
        reportPartsAboveWhole(parts, same, totalKey, what, column);
    }

    /**
     * Reports, among the totals whose hash of {@code candidateKey} is in {@code total_candidates}, those whose parts
     * (same {@code same} columns) add up to more than the total.
     */
    private void reportPartsAboveWhole(
            Parts parts, List<String> same, List<String> candidateKey, IngestMessage what, String column)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!any(statement, "total_candidates")) {
                return;
            }
        }
        String join = same.stream()
                .map(c -> "p." + c + " IS NOT DISTINCT FROM t." + c)
                .collect(Collectors.joining(" AND "));
        String sql =
                "SELECT t.source_line, t.value, sum(p.value) AS parts, list(p.source_line ORDER BY p.source_line) AS lines, "
                        + same.stream().map(c -> "t." + c).collect(Collectors.joining(", "))
                        + " FROM " + TABLE + " t JOIN " + TABLE + " p ON " + join + " AND " + parts.join()
                        + " WHERE t." + ACCEPTED + " AND p." + ACCEPTED
                        + " AND t.unit = 'count' AND t.value IS NOT NULL"
                        + " AND hash("
                        + candidateKey.stream().map(c -> "t." + c).collect(Collectors.joining(", "))
                        + ") IN (SELECT key_hash FROM total_candidates)"
                        + " GROUP BY ALL HAVING sum(p.value) > t.value + 1e-9 ORDER BY t.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("source_line");
                report.attributeTo(same.contains("country") ? rows.getString("country") : null);
                report.warning(
                        ErrorCode.DISAGGREGATION_ABOVE_TOTAL,
                        line,
                        column,
                        number(rows.getDouble("value")),
                        Message.of(
                                what,
                                "line",
                                Long.toString(line),
                                "total",
                                number(rows.getDouble("value")),
                                "key",
                                describeKey(rows, same),
                                "lines",
                                join(longs(rows.getArray("lines"))),
                                "sum",
                                number(rows.getDouble("parts"))));
            }
        }
    }

    private void justiceStages() throws SQLException {
        String stages = "(VALUES ('persons arrested/cautioned/suspected', 1, 'persons arrested or suspected'),"
                + " ('persons prosecuted', 2, 'persons prosecuted'),"
                + " ('persons brought before criminal courts', 3, 'persons brought before courts'),"
                + " ('persons convicted', 4, 'persons convicted')) AS stage(label, position, name)";
        // the stage of each distinct indicator first, so that the labels are compared once per indicator, not per row
        String sql = "WITH indicators AS (SELECT i.cts_indicator, stage.position, stage.name FROM (SELECT DISTINCT"
                + " cts_indicator FROM " + TABLE + " WHERE " + ACCEPTED + " AND unit = 'count') i JOIN " + stages
                + " ON lower(trim(i.cts_indicator)) = stage.label),"
                + " staged AS (SELECT r.source_line, r.value, r.country, r.year, r.sex, r.age, r.cts_dimension,"
                + " r.cts_category, i.position, i.name FROM " + TABLE + " r JOIN indicators i"
                + " ON r.cts_indicator = i.cts_indicator WHERE r." + ACCEPTED + " AND r.unit = 'count')"
                + " , pairs AS (SELECT later.source_line AS later_line, later.name AS later_name, later.value AS later_value,"
                + " earlier.source_line AS earlier_line, earlier.name AS earlier_name, earlier.value AS earlier_value,"
                + " later.country, later.year,"
                // of two rows of the same earlier stage (categories differing only in case), the first line
                + " row_number() OVER (PARTITION BY later.source_line ORDER BY earlier.position DESC,"
                + " earlier.source_line) AS nearest"
                + " FROM staged later JOIN staged earlier"
                + " ON later.country = earlier.country AND later.year = earlier.year AND later.sex IS NOT DISTINCT FROM earlier.sex"
                + " AND later.age IS NOT DISTINCT FROM earlier.age AND lower(later.cts_dimension) = lower(earlier.cts_dimension)"
                + " AND lower(later.cts_category) = lower(earlier.cts_category) AND later.position > earlier.position)"
                + " SELECT * FROM pairs WHERE nearest = 1 AND later_value > earlier_value ORDER BY later_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("later_line");
                report.attributeTo(rows.getString("country"));
                report.warning(
                        ErrorCode.JUSTICE_STAGE_ABOVE_EARLIER_STAGE,
                        line,
                        "VALUE",
                        number(rows.getDouble("later_value")),
                        Message.of(
                                IngestMessage.JUSTICE_STAGE_ABOVE_EARLIER,
                                "line",
                                Long.toString(line),
                                "later",
                                rows.getString("later_name"),
                                "laterValue",
                                number(rows.getDouble("later_value")),
                                "earlier",
                                rows.getString("earlier_name"),
                                "earlierValue",
                                number(rows.getDouble("earlier_value")),
                                "earlierLine",
                                Long.toString(rows.getLong("earlier_line")),
                                "country",
                                rows.getString("country"),
                                "year",
                                Integer.toString(rows.getInt("year"))));
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
        double factor = settings.yearOnYearFactor();
        String beyondFactor = "greatest(now.value, before.value) >= " + settings.yearOnYearMinimum()
                + " AND (now.value >= before.value * " + factor + " OR now.value * " + factor + " <= before.value)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE change_candidates AS"
                    + " WITH counts AS (SELECT hash(" + String.join(", ", same) + ") AS key_hash, year, value,"
                    + " source_line FROM " + TABLE + " WHERE " + ACCEPTED + " AND unit = 'count')"
                    + " SELECT DISTINCT now.source_line FROM counts now JOIN counts before"
                    + " ON now.key_hash = before.key_hash AND now.year = before.year + 1 WHERE " + beyondFactor);
            if (!any(statement, "change_candidates")) {
                return;
            }
        }
        String join = same.stream()
                .map(c -> "now." + c + " IS NOT DISTINCT FROM before." + c)
                .collect(Collectors.joining(" AND "));
        String sql =
                "SELECT now.source_line, now.year, now.value, before.source_line AS before_line, before.value AS before_value, "
                        + same.stream().map(c -> "now." + c).collect(Collectors.joining(", "))
                        + " FROM " + TABLE + " now JOIN " + TABLE + " before ON " + join
                        + " AND now.year = before.year + 1"
                        + " WHERE now." + ACCEPTED + " AND before." + ACCEPTED + " AND now.unit = 'count'"
                        + " AND now.source_line IN (SELECT source_line FROM change_candidates) AND " + beyondFactor
                        + " ORDER BY now.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("source_line");
                double now = rows.getDouble("value");
                double before = rows.getDouble("before_value");
                String times = before == 0 ? "" : "%.1f".formatted(now / before).replace(',', '.');
                report.attributeTo(rows.getString("country"));
                report.warning(
                        ErrorCode.YEAR_ON_YEAR_CHANGE,
                        line,
                        "value",
                        number(now),
                        Message.of(
                                before == 0 ? IngestMessage.YEAR_ON_YEAR_FROM_ZERO : IngestMessage.YEAR_ON_YEAR_CHANGE,
                                "line",
                                Long.toString(line),
                                "value",
                                number(now),
                                "year",
                                Integer.toString(rows.getInt("year")),
                                "key",
                                describeKey(rows, same),
                                "times",
                                times,
                                "previousYear",
                                Integer.toString(rows.getInt("year") - 1),
                                "previous",
                                number(before),
                                "previousLine",
                                Long.toString(rows.getLong("before_line")),
                                "factor",
                                number(factor)));
            }
        }
    }

    private void ratesAgainstPopulation(List<Path> populationFiles) throws SQLException {
        String files = populationFiles.stream()
                .map(path -> "'" + path.toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        String population = "population AS (SELECT country, year, sex, arg_max(value, file_index) AS population"
                + " FROM (SELECT country, year, sex, value, list_position(" + files + ", filename) AS file_index"
                + " FROM read_parquet(" + files + ", filename = true) WHERE status = 'accepted') GROUP BY ALL)";
        String key = "hash(country, year, sex, age, cts_indicator, cts_dimension, cts_category)";
        String inconsistent = "abs(c.value / p.population * 100000 - r.value) > greatest(0.05, 0.02 * r.value)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE rate_candidates AS WITH " + population + ","
                    + " counts AS (SELECT " + key + " AS key_hash, country, year, sex, value FROM " + TABLE
                    + " WHERE " + ACCEPTED + " AND unit = 'count' AND age = '_T'),"
                    + " rates AS (SELECT " + key + " AS key_hash, source_line, value FROM " + TABLE
                    + " WHERE " + ACCEPTED + " AND unit = 'rate_per_100k')"
                    + " SELECT DISTINCT r.source_line FROM counts c JOIN rates r USING (key_hash)"
                    + " JOIN population p ON p.country = c.country AND p.year = c.year AND p.sex = c.sex"
                    + " WHERE " + inconsistent);
            if (!any(statement, "rate_candidates")) {
                return;
            }
        }
        String sql = "WITH " + population
                + " SELECT r.source_line AS rate_line, r.value AS rate, c.source_line AS count_line, c.value AS count,"
                + " p.population, c.country, c.year FROM " + TABLE + " c JOIN " + TABLE + " r"
                + " ON c.country = r.country AND c.year = r.year AND c.sex IS NOT DISTINCT FROM r.sex AND c.age IS NOT DISTINCT FROM r.age"
                + " AND c.cts_indicator = r.cts_indicator AND c.cts_dimension = r.cts_dimension AND c.cts_category = r.cts_category"
                + " JOIN population p ON p.country = c.country AND p.year = c.year AND p.sex = c.sex"
                + " WHERE c." + ACCEPTED + " AND r." + ACCEPTED + " AND c.unit = 'count' AND r.unit = 'rate_per_100k'"
                + " AND c.age = '_T' AND " + inconsistent
                + " AND r.source_line IN (SELECT source_line FROM rate_candidates)"
                + " ORDER BY r.source_line";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long line = rows.getLong("rate_line");
                double expected = rows.getDouble("count") / rows.getDouble("population") * 100_000;
                report.attributeTo(rows.getString("country"));
                report.warning(
                        ErrorCode.RATE_INCONSISTENT_WITH_POPULATION,
                        line,
                        "VALUE",
                        number(rows.getDouble("rate")),
                        Message.of(
                                IngestMessage.RATE_INCONSISTENT_WITH_POPULATION,
                                "line",
                                Long.toString(line),
                                "rate",
                                number(rows.getDouble("rate")),
                                "count",
                                number(rows.getDouble("count")),
                                "countLine",
                                Long.toString(rows.getLong("count_line")),
                                "population",
                                number(rows.getDouble("population")),
                                "country",
                                rows.getString("country"),
                                "year",
                                Integer.toString(rows.getInt("year")),
                                "expected",
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

    /**
     * A value as the file wrote it, near enough: a whole count staged as a double ({@code 10.0}) without its
     * {@code .0}.
     */
    private static String asWritten(String value) {
        return value != null && value.endsWith(".0") && value.matches("-?\\d+\\.0")
                ? value.substring(0, value.length() - 2)
                : value;
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
