package org.observatory.ingest.staging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBWritableVector;
import org.observatory.ingest.validate.RecentValues;
import org.observatory.ingest.validate.StagedRow;
import org.observatory.schemas.table.Column;
import org.observatory.schemas.table.StagedRows;

/**
 * Up to {@link #CAPACITY} staged rows in columns, as DuckDB takes them: numbers in arrays, text as UTF-8 bytes, one
 * array per column. Rows of a file follow each other by country, indicator and category, so a text equal to one of
 * the last few rows' in its column shares their bytes: a batch costs little more than its distinct values.
 *
 * <p>Not thread-safe: filled by one thread, then handed over whole ({@link StagedRowStream}).
 */
public final class StagedRowBatch {
    /** The rows of one DuckDB data chunk. */
    public static final int CAPACITY = 2048;

    /** The columns of a batch, in order: those of the schema but the two that are the same on every row. */
    static final List<Column> COLUMNS = StagedRows.SCHEMA.columns().stream()
            .filter(column -> !column.name().equals(StagedRows.SUBMISSION_ID)
                    && !column.name().equals(StagedRows.SOURCE_KIND))
            .toList();

    private static final List<String> FILLED = List.of(
            StagedRows.SOURCE_LINE,
            StagedRows.STATUS,
            StagedRows.SKIP_REASON,
            StagedRows.COUNTRY,
            StagedRows.YEAR,
            StagedRows.CTS_INDICATOR,
            StagedRows.CTS_DIMENSION,
            StagedRows.CTS_CATEGORY,
            StagedRows.NATIONAL_CODE,
            StagedRows.NATIONAL_LABEL,
            StagedRows.ICCS_CODE,
            StagedRows.SEX,
            StagedRows.AGE,
            StagedRows.BREAKDOWN_TYPE,
            StagedRows.BREAKDOWN,
            StagedRows.UNIT,
            StagedRows.VALUE,
            StagedRows.OBS_STATUS,
            StagedRows.FOOTNOTE,
            StagedRows.SOURCE,
            StagedRows.MATCH_QUALITY);

    static {
        List<String> names = COLUMNS.stream().map(Column::name).toList();
        if (!names.equals(FILLED)) {
            throw new IllegalStateException(
                    "StagedRowBatch fills the columns %s but the staged rows schema has %s; update StagedRowBatch.add"
                            .formatted(FILLED, names));
        }
    }

    // the places of the columns in the batch (and in the rows DuckDB reads)
    private static final int SOURCE_LINE = 0;
    private static final int YEAR = 4;
    private static final int VALUE = 16;
    private static final int[] TEXT_COLUMNS = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20};

    private final long[] sourceLines = new long[CAPACITY];
    private final int[] years = new int[CAPACITY];
    private final boolean[] yearMissing = new boolean[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private final boolean[] valueMissing = new boolean[CAPACITY];
    private final byte[][][] texts = new byte[COLUMNS.size()][][];
    private final LastTexts last;
    private int size;

    /** An empty batch; {@code last} remembers the last text of each column across the batches of one thread. */
    StagedRowBatch(LastTexts last) {
        this.last = last;
        for (int column : TEXT_COLUMNS) {
            texts[column] = new byte[CAPACITY][];
        }
    }

    /** An empty batch that shares nothing with others. */
    public StagedRowBatch() {
        this(new LastTexts());
    }

    /** A new empty batch that shares the last texts of this one (for the rows that follow). */
    public StagedRowBatch next() {
        return new StagedRowBatch(last);
    }

    public int size() {
        return size;
    }

    public boolean full() {
        return size == CAPACITY;
    }

    /** Adds a row; the batch must not be full. */
    public void add(StagedRow row) {
        if (full()) {
            throw new IllegalStateException("the batch holds %d rows already".formatted(CAPACITY));
        }
        int index = size;
        sourceLines[index] = row.sourceLine();
        yearMissing[index] = row.year() == null;
        years[index] = row.year() == null ? 0 : row.year();
        valueMissing[index] = row.value() == null;
        values[index] = row.value() == null ? 0 : row.value();
        text(1, index, row.status());
        text(2, index, row.skipReason());
        text(3, index, row.country());
        text(5, index, row.ctsIndicator());
        text(6, index, row.ctsDimension());
        text(7, index, row.ctsCategory());
        text(8, index, row.nationalCode());
        text(9, index, row.nationalLabel());
        text(10, index, row.iccsCode());
        text(11, index, row.sex());
        text(12, index, row.age());
        text(13, index, row.breakdownType());
        text(14, index, row.breakdown());
        text(15, index, row.unit());
        text(17, index, row.obsStatus());
        text(18, index, row.footnote());
        text(19, index, row.source());
        text(20, index, row.matchQuality());
        size++;
    }

    private void text(int column, int index, String value) {
        texts[column][index] = value == null ? null : last.bytes(column, value);
    }

    /** Writes the rows into a DuckDB data chunk whose columns are {@link #COLUMNS}, in order. */
    void writeTo(DuckDBDataChunkWriter chunk) {
        DuckDBWritableVector lines = chunk.vector(SOURCE_LINE);
        DuckDBWritableVector yearVector = chunk.vector(YEAR);
        DuckDBWritableVector valueVector = chunk.vector(VALUE);
        for (int index = 0; index < size; index++) {
            lines.setLong(index, sourceLines[index]);
            if (yearMissing[index]) {
                yearVector.setNull(index);
            } else {
                yearVector.setInt(index, years[index]);
            }
            if (valueMissing[index]) {
                valueVector.setNull(index);
            } else {
                valueVector.setDouble(index, values[index]);
            }
        }
        for (int column : TEXT_COLUMNS) {
            byte[][] values = size == CAPACITY ? texts[column] : Arrays.copyOf(texts[column], size);
            DuckDBWritableVector vector = chunk.vector(column);
            if (allNull(values)) {
                for (int index = 0; index < size; index++) {
                    vector.setNull(index);
                }
            } else {
                vector.setStringUtf8Batch(0, values);
            }
        }
    }

    private static boolean allNull(byte[][] column) {
        for (byte[] value : column) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 bytes of the recent texts of each column, so that a repeated text is encoded once. */
    static final class LastTexts {
        @SuppressWarnings("unchecked")
        private final RecentValues<byte[]>[] columns = new RecentValues[COLUMNS.size()];

        LastTexts() {
            for (int column = 0; column < columns.length; column++) {
                columns[column] = new RecentValues<>();
            }
        }

        byte[] bytes(int column, String value) {
            return columns[column].get(value, LastTexts::utf8);
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
