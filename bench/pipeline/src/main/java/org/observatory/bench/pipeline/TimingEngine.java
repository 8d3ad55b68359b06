package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Relation;
import org.observatory.schemas.table.TableSchema;

/**
 * An {@link Engine} that times each call of the engine it wraps: where a pipeline run's time goes, relation by
 * relation ({@code define} of a materialised relation computes it; {@code write} writes a table), in the order of the
 * calls. The pipeline runs through it unchanged; only the benchmark uses it.
 */
final class TimingEngine implements Engine {
    private final Engine engine;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    TimingEngine(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** The seconds per call since the last {@link #reset}, by call ("define groups", "write observations", ...). */
    Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }

    void reset() {
        seconds.clear();
    }

    @Override
    public EngineKind kind() {
        return engine.kind();
    }

    @Override
    public void register(Relation relation) {
        time("register " + relation.name(), () -> {
            engine.register(relation);
            return null;
        });
    }

    @Override
    public void registerStaged(String name, List<StagedFile> files, Optional<Set<String>> partitions) {
        time("register " + name, () -> {
            engine.registerStaged(name, files, partitions);
            return null;
        });
    }

    @Override
    public void registerTable(String name, TableSchema table, URI location, Optional<Set<String>> partitions) {
        time("register " + name, () -> {
            engine.registerTable(name, table, location, partitions);
            return null;
        });
    }

    @Override
    public void define(String name, String sql, boolean materialise) {
        time("define " + name, () -> {
            engine.define(name, sql, materialise);
            return null;
        });
    }

    @Override
    public List<List<Object>> query(String sql) {
        String words = String.join(
                " ",
                new ArrayList<>(List.of(sql.strip().split("\\s+")))
                        .subList(0, Math.min(4, sql.strip().split("\\s+").length)));
        return time("query " + words, () -> engine.query(sql));
    }

    @Override
    public void write(String relation, TableSchema table, URI location, long rows) {
        time("write " + table.name(), () -> {
            engine.write(relation, table, location, rows);
            return null;
        });
    }

    @Override
    public void close() {
        engine.close();
    }

    private <T> T time(String call, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(call, (System.nanoTime() - started) / 1e9, Double::sum);
        }
    }
}
