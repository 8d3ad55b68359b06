package org.observatory.pipeline.plan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.pipeline.engine.Engine;

/**
 * The pipeline's one definition: {@code snapshot.sql}, a sequence of statements, each defining a named relation
 * from the relations above it and those the run registers. {@link #defineAll} runs them in order on an engine.
 */
public final class SnapshotSql {
    /** The resource holding the statements. */
    public static final String RESOURCE = "snapshot.sql";

    private static final Pattern HEADER = Pattern.compile("^-- relation: ([a-z_]+)( \\(view\\))?\\s*$");

    private final List<Statement> statements;

    private SnapshotSql(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** One relation's statement: its name, whether it is materialised, and its SQL (without the final ';'). */
    public record Statement(String relation, boolean materialised, String sql) {
        public Statement {
            requireNonNull(relation, "relation is null");
            requireNonNull(sql, "sql is null");
        }
    }

    /** The statements of {@link #RESOURCE}, with the small-cell threshold set. */
    public static SnapshotSql load(int smallCellThreshold) {
        return parse(resource(), smallCellThreshold);
    }

    static SnapshotSql parse(String text, int smallCellThreshold) {
        List<Statement> statements = new ArrayList<>();
        String relation = null;
        boolean view = false;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (relation != null) {
                    statements.add(statement(relation, view, sql, smallCellThreshold));
                }
                relation = header.group(1);
                view = header.group(2) != null;
                sql.setLength(0);
            } else if (relation != null && !line.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        if (relation != null) {
            statements.add(statement(relation, view, sql, smallCellThreshold));
        }
        return new SnapshotSql(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    /** These statements with one relation's SQL changed (tests break conservation with it). */
    public SnapshotSql replacing(String relation, java.util.function.UnaryOperator<String> change) {
        if (statements.stream().noneMatch(statement -> statement.relation().equals(relation))) {
            throw new IllegalArgumentException("no relation " + relation + " in " + RESOURCE);
        }
        List<Statement> changed = statements.stream()
                .map(statement -> statement.relation().equals(relation)
                        ? new Statement(relation, statement.materialised(), change.apply(statement.sql()))
                        : statement)
                .toList();
        return new SnapshotSql(changed);
    }

    /** Defines every relation, in order, on the engine. */
    public void defineAll(Engine engine) {
        requireNonNull(engine, "engine is null");
        for (Statement statement : statements) {
            engine.define(statement.relation(), statement.sql(), statement.materialised());
        }
    }

    private static Statement statement(String relation, boolean view, StringBuilder sql, int threshold) {
        String text = sql.toString().strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return new Statement(relation, !view, text.replace("${threshold}", Integer.toString(threshold)));
    }

    private static String resource() {
        try (InputStream in = SnapshotSql.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the pipeline's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
