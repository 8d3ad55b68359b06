package org.observatory.api.query;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The country partitions of the {@code indicators} table held in memory, per snapshot and country, up to a budget
 * of rows: the least recently used partitions go first when it is exceeded (those of a snapshot no longer served
 * age out this way). A held partition answers only while the partition's files are still those it was read from
 * ({@link PartitionFiles}); otherwise it is read again, and a partition without files is empty, as a query over
 * them would be. A partition is read once however many requests ask for it at the same time: the others wait for
 * the first. A read that fails is not kept, so the next request tries again. Safe for concurrent use.
 */
final class CountryPartitions {
    /** What reads one country's partition of a snapshot. */
    @FunctionalInterface
    interface Reader {
        CountryPartition read(Snapshot snapshot, PartitionFiles files);
    }

    private final long rowBudget;
    private final Reader reader;
    // guarded by this; access order, so iteration starts with the least recently used
    private final LinkedHashMap<Key, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
    private long heldRows;

    CountryPartitions(long rowBudget, Reader reader) {
        if (rowBudget < 0) {
            throw new IllegalArgumentException("rowBudget must be at least 0, not " + rowBudget);
        }
        this.rowBudget = rowBudget;
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** The country's partition as its files are now ({@code files}, just listed). */
    CountryPartition partition(Snapshot snapshot, String iso3, PartitionFiles files) {
        if (files.isEmpty()) {
            return new CountryPartition(files, List.of());
        }
        Key key = new Key(snapshot.directory(), iso3);
        Slot slot;
        synchronized (this) {
            slot = slots.computeIfAbsent(key, unused -> new Slot());
        }
        CountryPartition partition;
        try {
            partition = slot.partition(files, () -> reader.read(snapshot, files));
        } catch (RuntimeException e) {
            synchronized (this) {
                if (slots.get(key) == slot && !slot.counted) {
                    slots.remove(key);
                }
            }
            throw e;
        }
        synchronized (this) {
            if (slots.get(key) == slot && (!slot.counted || slot.rows != partition.size())) {
                heldRows += partition.size() - (slot.counted ? slot.rows : 0);
                slot.counted = true;
                slot.rows = partition.size();
                evictBeyondBudget(slot);
            }
        }
        return partition;
    }

    /** The rows held now. */
    synchronized long heldRows() {
        return heldRows;
    }

    private void evictBeyondBudget(Slot keep) {
        Iterator<Map.Entry<Key, Slot>> eldestFirst = slots.entrySet().iterator();
        while (heldRows > rowBudget && eldestFirst.hasNext()) {
            Slot slot = eldestFirst.next().getValue();
            if (slot != keep && slot.counted) {
                heldRows -= slot.rows;
                eldestFirst.remove();
            }
        }
    }

    private record Key(Path snapshotDirectory, String iso3) {}

    private static final class Slot {
        private CountryPartition loaded; // guarded by this slot
        private boolean counted; // guarded by the CountryPartitions
        private int rows; // guarded by the CountryPartitions

        synchronized CountryPartition partition(PartitionFiles files, Supplier<CountryPartition> read) {
            if (loaded == null || !loaded.files().equals(files)) {
                loaded = requireNonNull(read.get(), "the reader returned no partition");
            }
            return loaded;
        }
    }
}
