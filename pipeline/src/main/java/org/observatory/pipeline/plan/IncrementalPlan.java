package org.observatory.pipeline.plan;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.observatory.schemas.record.SnapshotPartition;

/**
 * Which country partitions a run recomputes, carries over from the published snapshot or removes, and which staged
 * rows it reads for that: a pure decision on the previous snapshot's partitions (their fingerprints and
 * submissions) and the run's submissions. A partition is carried over when the fingerprint of what it is computed
 * from (its contributing submissions, their order and approvals, the codelists and settings) is unchanged.
 *
 * @param newIds the run's submissions the previous snapshot does not know: all their rows are read
 * @param oldIds the known submissions with rows in a recomputed partition: their rows of those partitions are read
 * @param recompute the partitions computed by this run (sorted, as are the next two)
 * @param carried the partitions taken over unchanged
 * @param removed the previous snapshot's partitions no submission of the run contributes to
 */
public record IncrementalPlan(
        List<String> newIds, List<String> oldIds, Set<String> recompute, Set<String> carried, Set<String> removed) {
    public IncrementalPlan {
        newIds = List.copyOf(requireNonNull(newIds, "newIds is null"));
        oldIds = List.copyOf(requireNonNull(oldIds, "oldIds is null"));
        recompute = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(recompute, "recompute is null")));
        carried = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(carried, "carried is null")));
        removed = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(removed, "removed is null")));
    }

    /** The partitions whose values are compared with the previous snapshot: recomputed or removed. */
    public Set<String> compared() {
        Set<String> compared = new TreeSet<>(recompute);
        compared.addAll(removed);
        return compared;
    }

    /**
     * The run's submissions the previous snapshot's partitions do not name, in the run's order.
     *
     * @param previous the previous snapshot's partitions
     * @param runIds the run's submission ids, in the manifest's order
     */
    public static List<String> newSubmissions(Map<String, SnapshotPartition> previous, List<String> runIds) {
        Set<String> known = new TreeSet<>();
        previous.values().forEach(partition -> known.addAll(partition.submissionIds()));
        return runIds.stream().filter(id -> !known.contains(id)).toList();
    }

    /**
     * @param previous the previous snapshot's partitions (not empty)
     * @param approved per run submission (in the manifest's order), the countries that approved their part
     * @param stagedOfNew per new submission ({@link #newSubmissions}), the partitions it has staged rows in
     * @param fingerprint the fingerprint of a partition computed from the given submissions
     */
    public static IncrementalPlan of(
            Map<String, SnapshotPartition> previous,
            Map<String, Set<String>> approved,
            Map<String, Set<String>> stagedOfNew,
            BiFunction<String, Set<String>, String> fingerprint) {
        requireNonNull(previous, "previous is null");
        requireNonNull(approved, "approved is null");
        requireNonNull(stagedOfNew, "stagedOfNew is null");
        requireNonNull(fingerprint, "fingerprint is null");
        // which partitions each submission has rows in: known from the previous snapshot, read for new ones
        Map<String, Set<String>> staged = new HashMap<>();
        previous.forEach((partition, summary) -> summary.submissionIds()
                .forEach(
                        id -> staged.computeIfAbsent(id, key -> new TreeSet<>()).add(partition)));
        List<String> newIds = newSubmissions(previous, List.copyOf(approved.keySet()));
        Map<String, Set<String>> known = new HashMap<>(staged);
        staged.putAll(stagedOfNew);

        Map<String, Set<String>> contributions = new TreeMap<>();
        approved.forEach((id, countries) -> {
            Set<String> partitions = new TreeSet<>(staged.getOrDefault(id, Set.of()));
            partitions.addAll(countries);
            partitions.forEach(partition -> contributions
                    .computeIfAbsent(partition, key -> new TreeSet<>())
                    .add(id));
        });
        Set<String> recompute = new TreeSet<>();
        Set<String> carried = new TreeSet<>();
        contributions.forEach((partition, ids) -> {
            SnapshotPartition before = previous.get(partition);
            if (before != null && before.fingerprint().equals(fingerprint.apply(partition, ids))) {
                carried.add(partition);
            } else {
                recompute.add(partition);
            }
        });
        Set<String> removed = new TreeSet<>(previous.keySet());
        removed.removeAll(contributions.keySet());
        List<String> oldIds = known.entrySet().stream()
                .filter(entry -> approved.containsKey(entry.getKey()))
                .filter(entry -> entry.getValue().stream().anyMatch(recompute::contains))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        return new IncrementalPlan(newIds, oldIds, recompute, carried, removed);
    }
}
