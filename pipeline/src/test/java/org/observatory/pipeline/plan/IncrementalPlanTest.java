package org.observatory.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.record.SnapshotPartition;

/**
 * The incremental plan alone, without an engine: the previous snapshot's partitions name their submissions and
 * fingerprints; the fingerprint here is the partition's submissions with whether the partition approved each.
 */
class IncrementalPlanTest {
    /** The run's approvals: submission to the countries that approved it, in the manifest's order. */
    private final Map<String, Set<String>> approved = new LinkedHashMap<>();

    private final BiFunction<String, Set<String>, String> fingerprint = (partition, ids) -> partition + ":"
            + ids.stream()
                    .sorted()
                    .map(id -> id + (approved.getOrDefault(id, Set.of()).contains(partition) ? "+" : "-"))
                    .collect(Collectors.joining(","));

    @Test
    void carriesEveryPartitionOverWhenNothingChanged() {
        approved.put("cts-1", Set.of("MEX", "COL"));
        approved.put("mex-nat", Set.of("MEX"));
        Map<String, SnapshotPartition> previous =
                previous(Map.of("MEX", Set.of("cts-1", "mex-nat"), "COL", Set.of("cts-1")));

        IncrementalPlan plan = IncrementalPlan.of(previous, approved, Map.of(), fingerprint);

        assertThat(plan.recompute()).isEmpty();
        assertThat(plan.carried()).containsExactly("COL", "MEX");
        assertThat(plan.removed()).isEmpty();
        assertThat(plan.compared()).isEmpty();
        assertThat(plan.newIds()).isEmpty();
        assertThat(plan.oldIds()).isEmpty();
    }

    @Test
    void recomputesThePartitionsANewSubmissionHasRowsInAndReadsTheOlderRowsOfThoseOnly() {
        approved.put("cts-1", Set.of("MEX", "COL"));
        approved.put("mex-nat", Set.of("MEX"));
        approved.put("col-inc", Set.of("COL"));
        Map<String, SnapshotPartition> previous =
                previous(Map.of("MEX", Set.of("cts-1", "mex-nat"), "COL", Set.of("cts-1")));

        IncrementalPlan plan = IncrementalPlan.of(previous, approved, Map.of("col-inc", Set.of("COL")), fingerprint);

        assertThat(plan.recompute()).containsExactly("COL");
        assertThat(plan.carried()).containsExactly("MEX");
        assertThat(plan.newIds()).containsExactly("col-inc");
        assertThat(plan.oldIds()).as("mex-nat has no row in COL").containsExactly("cts-1");
        assertThat(plan.compared()).containsExactly("COL");
    }

    @Test
    void recomputesAPartitionWhoseApprovalWasWithdrawnThoughItsRowsStayStaged() {
        approved.put("cts-1", Set.of("MEX", "COL"));
        approved.put("jam-nat", Set.of());
        Map<String, SnapshotPartition> previous = new TreeMap<>();
        approved.put("jam-nat", Set.of("JAM"));
        previous.put("JAM", partition("JAM", Set.of("jam-nat")));
        previous.putAll(previous(Map.of("MEX", Set.of("cts-1"), "COL", Set.of("cts-1"))));
        approved.put("jam-nat", Set.of());

        IncrementalPlan plan = IncrementalPlan.of(previous, approved, Map.of(), fingerprint);

        assertThat(plan.recompute()).containsExactly("JAM");
        assertThat(plan.carried()).containsExactly("COL", "MEX");
        assertThat(plan.removed()).isEmpty();
        assertThat(plan.oldIds()).containsExactly("jam-nat");
    }

    @Test
    void removesThePartitionsNoSubmissionOfTheRunContributesTo() {
        approved.put("cts-1", Set.of("MEX"));
        Map<String, SnapshotPartition> previous = previous(Map.of("MEX", Set.of("cts-1"), "DMA", Set.of("dma-sdmx")));

        IncrementalPlan plan = IncrementalPlan.of(previous, approved, Map.of(), fingerprint);

        assertThat(plan.removed()).containsExactly("DMA");
        assertThat(plan.recompute()).isEmpty();
        assertThat(plan.carried()).containsExactly("MEX");
        assertThat(plan.compared())
                .as("a removed partition's values are withdrawn")
                .containsExactly("DMA");
        assertThat(plan.oldIds()).isEmpty();
    }

    @Test
    void computesAPartitionTheWarehouseHasNotSeenYet() {
        approved.put("cts-1", Set.of("MEX"));
        approved.put("cts-2", Set.of("BHS"));
        Map<String, SnapshotPartition> previous = previous(Map.of("MEX", Set.of("cts-1")));

        IncrementalPlan plan =
                IncrementalPlan.of(previous, approved, Map.of("cts-2", Set.of("BHS", "_UNKNOWN")), fingerprint);

        assertThat(plan.recompute()).containsExactly("BHS", "_UNKNOWN");
        assertThat(plan.carried()).containsExactly("MEX");
        assertThat(plan.newIds()).containsExactly("cts-2");
        assertThat(plan.oldIds()).isEmpty();
    }

    @Test
    void namesTheNewSubmissionsInTheRunsOrder() {
        Map<String, SnapshotPartition> previous = previous(Map.of("MEX", Set.of("b", "d")));

        assertThat(IncrementalPlan.newSubmissions(previous, List.of("e", "d", "c", "b", "a")))
                .containsExactly("e", "c", "a");
    }

    @Test
    void keepsItsPartitionsSortedAndUnmodifiable() {
        IncrementalPlan plan = new IncrementalPlan(
                List.of("n"), List.of("o"), Set.of("MEX", "COL"), Set.of("JAM", "BHS"), Set.of("DMA"));

        assertThat(plan.recompute()).containsExactly("COL", "MEX");
        assertThat(plan.carried()).containsExactly("BHS", "JAM");
        assertThat(plan.compared()).containsExactly("COL", "DMA", "MEX");
        assertThatThrownBy(() -> plan.recompute().add("ARG")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new IncrementalPlan(List.of(), List.of(), null, Set.of(), Set.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("recompute is null");
    }

    /** Partitions of a previous snapshot, each fingerprinted as {@link #fingerprint} would for its submissions. */
    private Map<String, SnapshotPartition> previous(Map<String, Set<String>> submissions) {
        Map<String, SnapshotPartition> partitions = new TreeMap<>();
        submissions.forEach((partition, ids) -> partitions.put(partition, partition(partition, ids)));
        return partitions;
    }

    private SnapshotPartition partition(String partition, Set<String> ids) {
        return new SnapshotPartition(
                fingerprint.apply(partition, ids),
                "20260101T000000Z-0000",
                ids.stream().sorted().toList(),
                1,
                1,
                Map.of(),
                Map.of(),
                false,
                List.of(),
                0);
    }
}
