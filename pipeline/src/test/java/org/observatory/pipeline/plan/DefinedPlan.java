package org.observatory.pipeline.plan;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.Relation;
import org.observatory.pipeline.testing.StagedRow;
import org.observatory.pipeline.testing.TestEngines;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.record.RunManifest.ApprovedSubmission;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.table.TableSchema;

/**
 * The pipeline's SQL defined on a DuckDB engine of its own, over staged rows given here (no files), the codelists
 * and the run's submissions, as a run without a previous snapshot defines it; any relation it reads can be
 * replaced (a correspondence table, the previous indicators). Tests query its relations, the intermediate ones too.
 */
final class DefinedPlan implements AutoCloseable {
    static final Codelists CODELISTS = Codelists.load();

    private final Engine engine;

    private DefinedPlan(Engine engine) {
        this.engine = engine;
    }

    /** The plan with the default small-cell threshold (3). */
    static DefinedPlan of(List<ApprovedSubmission> submissions, List<StagedRow> rows, Relation... replacing) {
        return of(3, submissions, rows, replacing);
    }

    static DefinedPlan of(
            int threshold, List<ApprovedSubmission> submissions, List<StagedRow> rows, Relation... replacing) {
        requireNonNull(submissions, "submissions is null");
        Engine engine = TestEngines.duckDb();
        try {
            ReferenceRelations.of(CODELISTS, submissions).forEach(engine::register);
            engine.register(new Relation(
                    new TableSchema("previous_indicators", SnapshotTables.INDICATORS.columns()), List.of()));
            engine.register(StagedRow.relation("staged", rows));
            Arrays.stream(replacing).forEach(engine::register);
            SnapshotSql.load(threshold).defineAll(engine);
            return new DefinedPlan(engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The rows of a query on the plan's relations. */
    List<List<Object>> query(String sql) {
        return engine.query(sql);
    }

    @Override
    public void close() {
        engine.close();
    }

    /** A row of values, nulls allowed, to compare with {@link #query}'s rows. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
