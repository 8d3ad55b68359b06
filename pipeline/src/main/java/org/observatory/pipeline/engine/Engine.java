package org.observatory.pipeline.engine;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.observatory.schemas.table.TableSchema;

/**
 * What the pipeline needs of a SQL engine: named relations it can define with SQL ({@link
 * org.observatory.pipeline.plan.SnapshotSql}), read from Parquet and write as Parquet partitioned by country. Two
 * implementations run the same SQL text: {@link DuckDbEngine}, in-process (the embedded default), and {@link
 * SparkEngine}, Spark SQL in {@code local[*]} or on a cluster. Relations live until the engine is closed.
 *
 * <p>Both engines read and write the same Parquet layout, with the columns and types of the shared {@link
 * TableSchema}s, so a snapshot does not show which engine wrote it.
 */
public interface Engine extends AutoCloseable {
    EngineKind kind();

    /** Defines a small relation from rows given here (codelists, the run's submissions). */
    void register(Relation relation);

    /**
     * Defines {@code name} as the staged rows of the given files, with the columns of {@link
     * org.observatory.schemas.table.StagedRows#SCHEMA} (the submission id is the file's; a column a file lacks
     * reads as null).
     *
     * @param partitions when present, only the rows of these country partitions ({@code _UNKNOWN}: rows without a
     *     country)
     */
    void registerStaged(String name, List<StagedFile> files, Optional<Set<String>> partitions);

    /**
     * Defines {@code name} as a snapshot table ({@code <location>/country=XXX/*.parquet}), with the columns of
     * {@code table} (a column the files lack reads as null); empty when the location holds no Parquet file.
     */
    void registerTable(String name, TableSchema table, URI location, Optional<Set<String>> partitions);

    /**
     * Defines {@code name} as the result of {@code sql}, computed now and kept when {@code materialise} (later
     * relations read it as many times as they like), else a view computed wherever it is read.
     */
    void define(String name, String sql, boolean materialise);

    /** The rows of a query with a small result, each value a String, Long, Integer, Double, Boolean or null. */
    List<List<Object>> query(String sql);

    /**
     * Writes a relation as a snapshot table: Parquet files under {@code location}, one directory per country
     * ({@code country=XXX}), with exactly the columns and types of {@code table}, sorted by country and year.
     *
     * @param rows the relation's number of rows (the job knows it from the run summary)
     */
    void write(String relation, TableSchema table, URI location, long rows);

    @Override
    void close();

    /** A staged file of a submission. */
    record StagedFile(String submissionId, URI location) {
        public StagedFile {
            requireNonNull(submissionId, "submissionId is null");
            requireNonNull(location, "location is null");
        }
    }
}
