package org.observatory.ingest.validate;

import java.util.function.Function;

/**
 * What was last derived from the last few distinct texts of a column: rows of a file repeat their neighbours' texts
 * (the same country, unit or category on row after row), so deriving a value from a text (parsing it, encoding it)
 * is done once per run of rows rather than once per row. Holds at most {@link #SIZE} texts, the oldest replaced
 * first; compares by identity, then by content. Not thread-safe.
 */
public final class RecentValues<V> {
    /** Texts remembered: enough for the few values a column alternates between (Total, Male, Female, ...). */
    static final int SIZE = 8;

    private final String[] texts = new String[SIZE];
    private final Object[] values = new Object[SIZE];
    private int oldest;

    /** The value derived from {@code text}, derived by {@code derive} unless a recent text was the same. */
    @SuppressWarnings("unchecked")
    public V get(String text, Function<String, V> derive) {
        for (int index = 0; index < SIZE; index++) {
            if (texts[index] == text) {
                return (V) values[index];
            }
        }
        for (int index = 0; index < SIZE; index++) {
            if (text.equals(texts[index])) {
                return (V) values[index];
            }
        }
        V value = derive.apply(text);
        texts[oldest] = text;
        values[oldest] = value;
        oldest = (oldest + 1) % SIZE;
        return value;
    }
}
