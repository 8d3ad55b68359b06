package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.observatory.pipeline.plan.DefinedPlan.row;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.Relation;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/** The changes relation alone: a snapshot's indicator values against the previous snapshot's, on the key. */
class ChangesSqlTest {
    private static final String CHANGES = "SELECT country, year, indicator, change, old_count, new_count,"
            + " old_rate_per_100k, new_rate_per_100k, old_reported_rate, new_reported_rate, old_submission_id,"
            + " new_submission_id FROM changes ORDER BY country, year, indicator";

    private Engine engine;

    @BeforeEach
    void openEngine() {
        engine = TestEngines.duckDb();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void listsRevisedAddedAndWithdrawnValuesOnTheIndicatorKey() {
        compare(
                List.of(
                        value("MEX", 2022, "intentional-homicide", 120.0, null, "nat-1"),
                        value("MEX", 2022, "rape", 30.0, 3.0, "nat-1"),
                        value("MEX", 2021, "robbery", 5.0, null, "nat-1")),
                List.of(
                        value("MEX", 2022, "intentional-homicide", 120.0, null, "nat-2"),
                        value("MEX", 2022, "rape", 30.0, 2.9, "nat-2"),
                        value("MEX", 2023, "robbery", 1.0, null, "nat-2")));

        assertThat(engine.query(CHANGES))
                .containsExactly(
                        row("MEX", 2021, "robbery", "withdrawn", 5.0, null, null, null, null, null, "nat-1", null),
                        row("MEX", 2022, "rape", "revised", 30.0, 30.0, 3.0, 2.9, null, null, "nat-1", "nat-2"),
                        row("MEX", 2023, "robbery", "added", null, 1.0, null, null, null, null, null, "nat-2"));
    }

    @Test
    void aValueIsRevisedByItsReportedRateAndNotByItsSourceOrASuppressionThatStays() {
        List<Object> before = value("COL", 2022, "intentional-homicide", 50.0, null, "cts-1");
        before.set(SnapshotTables.INDICATORS.columnNames().indexOf(SnapshotTables.REPORTED_RATE), 2.5);
        List<Object> after = value("COL", 2022, "intentional-homicide", 50.0, null, "cts-2");
        after.set(SnapshotTables.INDICATORS.columnNames().indexOf(SnapshotTables.REPORTED_RATE), 2.6);
        compare(
                List.of(before, value("MEX", 2019, "intentional-homicide", null, null, "inc-1")),
                List.of(after, value("MEX", 2019, "intentional-homicide", null, null, "inc-2")));

        assertThat(engine.query(CHANGES))
                .containsExactly(row(
                        "COL",
                        2022,
                        "intentional-homicide",
                        "revised",
                        50.0,
                        50.0,
                        null,
                        null,
                        2.5,
                        2.6,
                        "cts-1",
                        "cts-2"));
    }

    @Test
    void aValueOfAnotherSexOrAgeIsAnotherValue() {
        List<Object> men = value("MEX", 2022, "intentional-homicide", 70.0, null, "nat-1");
        men.set(SnapshotTables.INDICATORS.columnNames().indexOf(SnapshotTables.SEX), "M");
        compare(List.of(men), List.of(value("MEX", 2022, "intentional-homicide", 70.0, null, "nat-1")));

        assertThat(engine.query("SELECT sex, change FROM changes ORDER BY sex"))
                .containsExactly(row("M", "withdrawn"), row("_T", "added"));
    }

    /** Registers the two snapshots' indicators and defines only the changes relation of snapshot.sql. */
    private void compare(List<List<Object>> previous, List<List<Object>> current) {
        engine.register(
                new Relation(new TableSchema("previous_indicators", SnapshotTables.INDICATORS.columns()), previous));
        engine.register(new Relation(new TableSchema("indicators", SnapshotTables.INDICATORS.columns()), current));
        SnapshotSql.load(3).statements().stream()
                .filter(statement -> statement.relation().equals(SnapshotTables.CHANGES.name()))
                .forEach(statement -> engine.define(statement.relation(), statement.sql(), statement.materialised()));
    }

    private static List<Object> value(
            String country, int year, String indicator, Double count, Double rate, String submission) {
        List<String> names = SnapshotTables.INDICATORS.columnNames();
        List<Object> cells = Arrays.asList(new Object[names.size()]);
        cells.set(names.indexOf(SnapshotTables.COUNTRY), country);
        cells.set(names.indexOf(SnapshotTables.YEAR), year);
        cells.set(names.indexOf(SnapshotTables.INDICATOR), indicator);
        cells.set(names.indexOf(SnapshotTables.SEX), "_T");
        cells.set(names.indexOf(SnapshotTables.AGE), "_T");
        cells.set(names.indexOf(SnapshotTables.BREAKDOWN_TYPE), "_T");
        cells.set(names.indexOf(SnapshotTables.BREAKDOWN), "_T");
        cells.set(names.indexOf(SnapshotTables.COUNT), count);
        cells.set(names.indexOf(SnapshotTables.RATE_PER_100K), rate);
        cells.set(names.indexOf(SnapshotTables.SUBMISSION_ID), submission);
        return cells;
    }
}
