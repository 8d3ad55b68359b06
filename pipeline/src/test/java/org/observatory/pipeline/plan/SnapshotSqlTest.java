package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.plan.SnapshotSql.Statement;
import org.observatory.schemas.table.SnapshotTables;

/** The parsing of the SQL definition, and the shape of {@code snapshot.sql} itself; no engine. */
class SnapshotSqlTest {
    /** The relations a run registers before the SQL runs ({@code staged} is defined by the job). */
    private static final Set<String> REGISTERED = Set.of(
            "staged",
            "run_submissions",
            "approvals",
            "cts_categories",
            "default_correspondence",
            "match_qualities",
            "source_precedence",
            "indicator_coverage",
            "indicator_units",
            "nested_indicators",
            "indicator_sections",
            "previous_indicators");

    private static final Pattern READ = Pattern.compile("(?<!DISTINCT )\\b(?:FROM|JOIN)\\s+([a-z_]+)\\b");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern COMMON_TABLE = Pattern.compile("(?:WITH|,)\\s*([a-z_]+)\\s+AS\\s*\\(");

    @Test
    void splitsTheTextIntoOneStatementPerHeaderWithoutCommentsOrTheFinalSemicolon() {
        SnapshotSql sql = SnapshotSql.parse(
                """
                -- the file's own comment, before any header
                -- relation: first
                -- what it is
                SELECT 1 AS one
                FROM staged;

                -- relation: second (view)
                SELECT * FROM first WHERE one < ${threshold};
                -- relation: third
                SELECT 'x' AS x
                """,
                7);

        assertThat(sql.statements())
                .containsExactly(
                        new Statement("first", true, "SELECT 1 AS one\nFROM staged"),
                        new Statement("second", false, "SELECT * FROM first WHERE one < 7"),
                        new Statement("third", true, "SELECT 'x' AS x"));
    }

    @Test
    void readsNoStatementFromATextWithoutHeader() {
        assertThat(SnapshotSql.parse("SELECT 1;\n", 3).statements()).isEmpty();
    }

    @Test
    void replacesOneRelationsSqlAndKeepsTheOthers() {
        SnapshotSql sql = SnapshotSql.parse("-- relation: a\nSELECT 1\n-- relation: b (view)\nSELECT 2\n", 3);

        SnapshotSql changed = sql.replacing("b", text -> text + " WHERE false");

        assertThat(changed.statements())
                .containsExactly(
                        new Statement("a", true, "SELECT 1"), new Statement("b", false, "SELECT 2 WHERE false"));
        assertThat(sql.statements()).as("the original is unchanged").contains(new Statement("b", false, "SELECT 2"));
    }

    @Test
    void refusesToReplaceARelationItDoesNotDefine() {
        SnapshotSql sql = SnapshotSql.parse("-- relation: a\nSELECT 1\n", 3);

        assertThatThrownBy(() -> sql.replacing("missing", text -> text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no relation missing in snapshot.sql");
    }

    @Test
    void replacingARelationWithTheSameSqlIsNoError() {
        SnapshotSql sql = SnapshotSql.parse("-- relation: a\nSELECT 1\n", 3);

        assertThat(sql.replacing("a", text -> text).statements()).containsExactly(new Statement("a", true, "SELECT 1"));
    }

    @Test
    void setsTheSmallCellThresholdEverywhereItIsUsed() {
        List<Statement> statements = SnapshotSql.load(11).statements();

        assertThat(statements).noneMatch(statement -> statement.sql().contains("${"));
        assertThat(statements)
                .filteredOn(statement -> statement.sql().contains("< 11"))
                .extracting(Statement::relation)
                .containsExactly("marked", "secondary_cells", "indicators");
    }

    @Test
    void namesEveryRelationOnceAndLeavesNoStatementEmpty() {
        List<Statement> statements = SnapshotSql.load(3).statements();
        List<String> names = statements.stream().map(Statement::relation).toList();

        assertThat(names).doesNotHaveDuplicates().doesNotContainAnyElementsOf(REGISTERED);
        assertThat(statements).allMatch(statement -> !statement.sql().isBlank(), "has SQL");
        assertThat(statements)
                .as("one statement each: a ';' would hide a second one")
                .noneMatch(statement ->
                        LITERAL.matcher(statement.sql()).replaceAll("''").contains(";"));
        assertThat(names)
                .containsSubsequence(
                        SnapshotTables.OBSERVATIONS.name(),
                        SnapshotTables.INDICATORS.name(),
                        SnapshotTables.EXCLUSIONS.name(),
                        SnapshotTables.RESPONSES.name(),
                        SnapshotTables.CHANGES.name(),
                        "summary");
    }

    @Test
    void eachStatementReadsOnlyRelationsRegisteredByTheRunOrDefinedAboveIt() {
        Set<String> known = new TreeSet<>(REGISTERED);
        List<String> unknown = new ArrayList<>();
        for (Statement statement : SnapshotSql.load(3).statements()) {
            Set<String> local = new TreeSet<>();
            Matcher common = COMMON_TABLE.matcher(statement.sql());
            while (common.find()) {
                local.add(common.group(1));
            }
            Matcher read = READ.matcher(statement.sql());
            while (read.find()) {
                if (!known.contains(read.group(1)) && !local.contains(read.group(1))) {
                    unknown.add(statement.relation() + " reads " + read.group(1));
                }
            }
            known.add(statement.relation());
        }

        assertThat(unknown).isEmpty();
    }
}
