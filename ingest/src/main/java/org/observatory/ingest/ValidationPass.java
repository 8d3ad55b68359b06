package org.observatory.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.observatory.ingest.format.DecimalSeparator;
import org.observatory.ingest.format.DelimitedTable;
import org.observatory.ingest.format.DelimitedTable.Segment;
import org.observatory.ingest.format.RawRow;
import org.observatory.ingest.format.TextScan;
import org.observatory.ingest.staging.StagedRowBatch;
import org.observatory.ingest.staging.StagingTable;
import org.observatory.ingest.validate.IngestSettings;
import org.observatory.ingest.validate.RowValidator;
import org.observatory.ingest.validate.StagedRow;
import org.observatory.ingest.validate.ValidationContext;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.ingest.validate.ValidationReport;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Country;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.StagedRows;
import org.observatory.schemas.text.Message;

/**
 * The one pass over the data rows of an upload: every row is read once, checked by the row validator, its number
 * observed for the decimal separator, and staged (handed to DuckDB, which writes the Parquet file meanwhile); the
 * report lists what a single reader going through the file in order would have found, in that order, and the rows
 * are staged in file order, whatever the number of threads.
 *
 * <p>With more than one thread, the file is read in segments that start at line starts ({@link TextScan}), each by
 * its own CSV parser, validator and report, several at once (a few segments ahead at most, so memory stays bounded);
 * the segments are then taken in file order: reports appended, rows staged. A segment starts at a record only if no
 * quoted value runs over its first line start. That is so exactly when the segment before it reads to its end
 * without error; when it does not, the rest of the file is read by one reader from that segment's start, and what
 * was read of the segments that follow is dropped. So an error ends the file where a single reader would stop, and a
 * quoted value over a segment start only costs the parallelism of the rest of the file.
 *
 * <p>The decimal separator is decided from the numbers of the whole file, but numbers are parsed while the file is
 * read: with the separator the first rows show, and if the whole file decides otherwise (rare: the first rows show
 * nothing, or the other separator), the file is read once more with the separator it decided.
 */
final class ValidationPass {
    /** The rows whose numbers decide the separator the file is first read with. */
    private static final int SAMPLE_ROWS = 10_000;

    private final DelimitedTable table;
    private final List<TextScan.LineStart> lineStarts;
    private final Codelists codelists;
    private final Optional<String> declaredCountry;
    private final OptionalInt cycle;
    private final Optional<NumericColumn> numericColumn;
    private final Consumer<ValidationReport> headerCheck;
    private final Function<ValidationContext, RowValidator> validators;
    private final IngestSettings settings;
    private final Supplier<StagingTable.Writer> writers;

    /** The column whose numbers show the decimal separator, and how reports name it. */
    record NumericColumn(String name, String shown) {
        NumericColumn {
            requireNonNull(name, "name is null");
            requireNonNull(shown, "shown is null");
        }
    }

    /**
     * What the pass found: the report (decimal-separator findings, header problems, then every row's issues in
     * file order, then the failure that ended the file if one did), the decimal separator, the rows read and
     * accepted, and the countries of accepted rows. When the report has no error, the staged rows are written.
     */
    record Outcome(
            ValidationReport report,
            DecimalSeparator separator,
            long rowsRead,
            long accepted,
            SortedSet<String> countries) {
        Outcome {
            requireNonNull(report, "report is null");
            requireNonNull(separator, "separator is null");
            countries = new TreeSet<>(requireNonNull(countries, "countries is null"));
        }
    }

    ValidationPass(
            DelimitedTable table,
            List<TextScan.LineStart> lineStarts,
            Codelists codelists,
            Optional<String> declaredCountry,
            OptionalInt cycle,
            Optional<NumericColumn> numericColumn,
            Consumer<ValidationReport> headerCheck,
            Function<ValidationContext, RowValidator> validators,
            IngestSettings settings,
            Supplier<StagingTable.Writer> writers) {
        this.table = requireNonNull(table, "table is null");
        this.lineStarts = List.copyOf(requireNonNull(lineStarts, "lineStarts is null"));
        this.codelists = requireNonNull(codelists, "codelists is null");
        this.declaredCountry = requireNonNull(declaredCountry, "declaredCountry is null");
        this.cycle = requireNonNull(cycle, "cycle is null");
        this.numericColumn = requireNonNull(numericColumn, "numericColumn is null");
        this.headerCheck = requireNonNull(headerCheck, "headerCheck is null");
        this.validators = requireNonNull(validators, "validators is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.writers = requireNonNull(writers, "writers is null");
    }

    Outcome run() throws IOException {
        DecimalSeparator provisional = numericColumn.isEmpty() ? DecimalSeparator.POINT : sampleSeparator();
        Rows rows = read(provisional);
        DecimalSeparator decided = numericColumn.isEmpty() ? DecimalSeparator.POINT : rows.evidence.decide();
        if (decided != provisional) {
            rows.writer.abandon();
            rows = read(decided);
        }
        ValidationReport report = settings.report();
        if (numericColumn.isPresent()) {
            String shown = numericColumn.get().shown();
            rows.evidence
                    .inconsistency(shown)
                    .ifPresent(finding -> report.error(
                            ErrorCode.MIXED_DECIMAL_SEPARATORS,
                            finding.line(),
                            shown,
                            finding.value(),
                            finding.message()));
            rows.evidence
                    .ambiguity(shown)
                    .ifPresent(finding -> report.warning(
                            ErrorCode.VALUE_NOT_A_NUMBER, finding.line(), shown, finding.value(), finding.message()));
        }
        ValidationReport header = settings.report();
        headerCheck.accept(header);
        report.append(header);
        report.append(rows.report);
        if (report.hasErrors()) {
            rows.writer.abandon(); // nothing is staged for a rejected file
        } else {
            rows.writer.finish();
        }
        return new Outcome(report, decided, rows.read, rows.accepted, rows.countries);
    }

    /** The separator the first rows of the file show (the delimiter's convention when they show none). */
    private DecimalSeparator sampleSeparator() throws IOException {
        DecimalSeparator.Evidence sample = new DecimalSeparator.Evidence();
        String column = numericColumn.orElseThrow().name();
        char delimiter = table.layout().delimiter();
        int[] observed = {0};
        try {
            table.readRows(table.wholeFile(), row -> {
                sample.observe(row.cell(column), delimiter, row.line());
                return ++observed[0] < SAMPLE_ROWS;
            });
        } catch (ObservatoryException e) {
            // the pass reports the row that cannot be read; the rows before it decide
        }
        return sample.decide();
    }

    /** Every row read with {@code separator}, in segments on several threads when the settings allow. */
    private Rows read(DecimalSeparator separator) throws IOException {
        List<Segment> segments = settings.threads() > 1 ? table.segments(lineStarts) : List.of(table.wholeFile());
        Rows rows = new Rows(writers.get());
        try {
            if (segments.size() == 1) {
                rows.add(read(segments.get(0), separator, new AtomicBoolean(), new AtomicBoolean(), rows::stage));
            } else {
                readInParallel(segments, separator, rows);
            }
        } catch (IOException | RuntimeException | Error e) {
            rows.writer.abandon();
            throw e;
        }
        return rows;
    }

    private void readInParallel(List<Segment> segments, DecimalSeparator separator, Rows rows) throws IOException {
        AtomicBoolean rejected = new AtomicBoolean(); // an error is certain: the rows that follow need no staging
        int threads = Math.min(settings.threads(), segments.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ingest-reader");
            thread.setDaemon(true);
            return thread;
        });
        Map<Integer, Running> running = new HashMap<>();
        try {
            int submitted = 0;
            for (int next = 0; next < segments.size(); next++) {
                for (; submitted < segments.size() && submitted < next + 2 * threads; submitted++) {
                    Segment segment = segments.get(submitted);
                    AtomicBoolean cancelled = new AtomicBoolean();
                    running.put(
                            submitted,
                            new Running(
                                    pool.submit(() -> read(segment, separator, rejected, cancelled, null)), cancelled));
                }
                Part part = running.remove(next).result();
                if (part.failure().isPresent() && next < segments.size() - 1) {
                    // it may have ended inside a quoted value: one reader takes the rest of the file from its start
                    running.values().forEach(Running::cancel);
                    Segment rest = segments.get(next).through(segments.get(segments.size() - 1));
                    rows.add(read(rest, separator, rejected, new AtomicBoolean(), rows::stage));
                    return;
                }
                rows.add(part);
                if (part.failure().isPresent()) {
                    return; // the row that cannot be read ends the file
                }
                if (rows.report.hasErrors()) {
                    rejected.set(true);
                }
            }
        } finally {
            running.values().forEach(Running::cancel);
            pool.shutdown();
            for (Running left : running.values()) {
                left.awaitQuietly();
            }
        }
    }

    /**
     * Reads, validates and stages the rows of one segment: straight to {@code stage} when given (the segment starts
     * where the rows staged so far end), else kept with the part until it is known to start at a record.
     */
    private Part read(
            Segment segment,
            DecimalSeparator separator,
            AtomicBoolean rejected,
            AtomicBoolean cancelled,
            Consumer<List<StagedRowBatch>> stage)
            throws IOException {
        ValidationReport report = settings.report();
        ValidationContext context =
                new ValidationContext(codelists, declaredCountry, cycle, separator, report, table.layout()::nameOf);
        RowValidator validator = validators.apply(context);
        DecimalSeparator.Evidence evidence = new DecimalSeparator.Evidence();
        Optional<String> column = numericColumn.map(NumericColumn::name);
        char delimiter = table.layout().delimiter();
        long[] counts = {0, 0}; // rows read, rows accepted
        TreeSet<String> countries = new TreeSet<>();
        Batches batches = new Batches(stage);
        Optional<ValidationIssue> failure = Optional.empty();
        try {
            table.forEachRow(segment, row -> {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
                counts[0]++;
                if (column.isPresent()) {
                    evidence.observe(row.cell(column.get()), delimiter, row.line());
                }
                report.attributeTo(() -> countryOf(row));
                try {
                    Optional<Message> ragged = table.raggedRowMessage(row);
                    if (ragged.isPresent()) {
                        report.error(ErrorCode.MALFORMED_CSV, row.line(), null, null, ragged.get());
                        return;
                    }
                    validator.validate(row, stagedRow -> {
                        if (StagedRows.STATUS_ACCEPTED.equals(stagedRow.status())) {
                            counts[1]++;
                            if (stagedRow.country() != null) {
                                countries.add(stagedRow.country());
                            }
                        }
                        if (!report.hasErrors() && !rejected.get()) {
                            batches.add(stagedRow);
                        }
                    });
                } finally {
                    report.attributeTo((String) null);
                }
            });
        } catch (Cancelled e) {
            return Part.cancelled();
        } catch (ObservatoryException e) {
            failure = Optional.of(ValidationIssue.fileError(e));
        } catch (UncheckedIOException e) {
            failure = Optional.of(ValidationIssue.fileError(
                    ErrorCode.FILE_UNREADABLE,
                    Message.of(
                            IngestMessage.FILE_UNREADABLE,
                            "reason",
                            String.valueOf(e.getCause().getMessage()))));
        }
        return new Part(report, evidence, counts[0], counts[1], countries, batches.done(), failure);
    }

    /**
     * The member state or other country (ISO alpha-3) a row is about, for the issues reported on it: its country
     * cell ({@code iso3_code} of CTS, {@code country} of national and population files, {@code REF_AREA} of
     * SDMX-CSV), else the declared country; null when the cell holds no known code.
     */
    private String countryOf(RawRow row) {
        for (String column : ROW_COUNTRY_COLUMNS) {
            if (row.positionOf(column) < 0) {
                continue;
            }
            String written = row.cell(column);
            int label = written.indexOf(": "); // SDMX-CSV may write "MEX: Mexico"
            String code = (label > 0 ? written.substring(0, label) : written).strip();
            if (!code.isEmpty()) {
                return codelists.countries().find(code).map(Country::alpha3).orElse(null);
            }
        }
        return declaredCountry.orElse(null);
    }

    /** The country columns of the input kinds, by canonical name. */
    private static final List<String> ROW_COUNTRY_COLUMNS = List.of("iso3_code", "country", "ref_area");

    /** The batches of staged rows of one part: handed on as they fill, or kept for the part. */
    private static final class Batches {
        private final Consumer<List<StagedRowBatch>> stage;
        private final List<StagedRowBatch> kept = new ArrayList<>();
        private StagedRowBatch current = new StagedRowBatch();

        Batches(Consumer<List<StagedRowBatch>> stage) {
            this.stage = stage;
        }

        void add(StagedRow row) {
            current.add(row);
            if (current.full()) {
                StagedRowBatch full = current;
                current = current.next();
                if (stage == null) {
                    kept.add(full);
                } else {
                    stage.accept(List.of(full));
                }
            }
        }

        /** The batches kept (the last, partly filled one included), or none when they were handed on. */
        List<StagedRowBatch> done() {
            if (current.size() > 0) {
                if (stage == null) {
                    kept.add(current);
                } else {
                    stage.accept(List.of(current));
                }
                current = current.next();
            }
            return List.copyOf(kept);
        }
    }

    /** Thrown out of a segment's rows when what is read of it is no longer needed. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** What was read of one segment (or of the rest of the file): its staged rows unless they were handed on. */
    private record Part(
            ValidationReport report,
            DecimalSeparator.Evidence evidence,
            long read,
            long accepted,
            SortedSet<String> countries,
            List<StagedRowBatch> batches,
            Optional<ValidationIssue> failure) {
        static Part cancelled() {
            return new Part(null, null, 0, 0, new TreeSet<>(), List.of(), Optional.empty());
        }
    }

    /** A segment being read on another thread, and the flag that stops it. */
    private record Running(Future<Part> future, AtomicBoolean cancelled) {
        Part result() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading the file", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        void cancel() {
            cancelled.set(true);
        }

        /** Waits for a cancelled segment to stop; what it ran into does not matter any more. */
        void awaitQuietly() {
            try {
                result();
            } catch (IOException | RuntimeException e) {
                // dropped
            }
        }
    }

    /** The rows of the file read so far, parts appended in file order, and the writer of their staged rows. */
    private final class Rows {
        private final StagingTable.Writer writer;
        private final ValidationReport report = settings.report();
        private final DecimalSeparator.Evidence evidence = new DecimalSeparator.Evidence();
        private final SortedSet<String> countries = new TreeSet<>();
        private long read;
        private long accepted;

        Rows(StagingTable.Writer writer) {
            this.writer = requireNonNull(writer, "writer is null");
        }

        void add(Part part) {
            report.append(part.report());
            evidence.append(part.evidence());
            read += part.read();
            accepted += part.accepted();
            countries.addAll(part.countries());
            stage(part.batches());
            part.failure().ifPresent(report::add);
        }

        /** Stages rows, unless the file already has an error: then nothing of it is staged. */
        void stage(List<StagedRowBatch> batches) {
            if (!batches.isEmpty() && !report.hasErrors()) {
                writer.write(batches);
            }
        }
    }
}
