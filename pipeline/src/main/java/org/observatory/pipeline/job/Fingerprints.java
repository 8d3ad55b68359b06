package org.observatory.pipeline.job;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.record.CorrespondenceTable;
import org.observatory.schemas.record.RunSettings;
import org.observatory.schemas.table.SnapshotTables;

/**
 * The fingerprint of a country partition: a SHA-256 digest of everything the partition's rows are computed from.
 * Two runs give a partition the same fingerprint only when they would compute the same rows for it, so an
 * incremental run carries over exactly the partitions whose fingerprint did not change.
 *
 * <p>What goes in: {@link #LOGIC_VERSION}, the snapshot tables' columns, the settings that change values (the
 * small-cell threshold), the codelists every partition is normalised with (dataUNODC categories, indicator
 * catalogue), the country's default correspondence table, and per contributing submission its id, source kind,
 * sequence, cycle, staged size and whether the country approved it. Staged rows never change under a submission
 * id (the id is derived from the landed bytes), so the id stands for its rows.
 */
final class Fingerprints {
    /**
     * The version of what the transforms compute. Raise it with every change to a transform that changes the rows
     * of a partition for the same inputs, so that the next run recomputes every partition.
     */
    static final int LOGIC_VERSION = 2;

    private final String global;
    private final Map<String, String> defaultCorrespondence = new TreeMap<>();

    Fingerprints(Codelists codelists, RunSettings settings) {
        requireNonNull(codelists, "codelists is null");
        requireNonNull(settings, "settings is null");
        StringBuilder text = new StringBuilder();
        text.append("logic ").append(LOGIC_VERSION).append('\n');
        SnapshotTables.ALL.forEach(table -> text.append("table ")
                .append(table.name())
                .append(' ')
                .append(table.columns())
                .append('\n'));
        text.append("small-cell-threshold ")
                .append(settings.smallCellThreshold())
                .append('\n');
        codelists.ctsCategories().all().forEach(category -> text.append(category)
                .append('\n'));
        codelists.indicators().all().forEach(indicator -> text.append(indicator).append('\n'));
        this.global = digest(text.toString());
        for (MemberState member : codelists.members().all()) {
            Optional<CorrespondenceTable> table = CorrespondenceTable.loadDefault(member.iso3(), codelists.iccs());
            table.ifPresent(found -> {
                StringBuilder entries = new StringBuilder();
                found.entries().forEach(entry -> entries.append(entry).append('\n'));
                defaultCorrespondence.put(member.iso3(), digest(entries.toString()));
            });
        }
    }

    /** One submission that contributes to a partition: it has staged rows there, or the country approved it. */
    record Contribution(
            String submissionId, String sourceKind, long sequence, Integer cycle, long stagedBytes, boolean approved) {
        Contribution {
            requireNonNull(submissionId, "submissionId is null");
            requireNonNull(sourceKind, "sourceKind is null");
        }
    }

    /** The fingerprint of a partition with these contributions (in any order). */
    String of(String partition, List<Contribution> contributions) {
        requireNonNull(partition, "partition is null");
        StringBuilder text = new StringBuilder();
        text.append("global ").append(global).append('\n');
        text.append("partition ").append(partition).append('\n');
        text.append("default-correspondence ")
                .append(defaultCorrespondence.getOrDefault(partition, "none"))
                .append('\n');
        contributions.stream()
                .sorted(Comparator.comparing(Contribution::submissionId))
                .forEach(contribution -> text.append("submission ")
                        .append(contribution.submissionId())
                        .append(" kind=")
                        .append(contribution.sourceKind())
                        .append(" sequence=")
                        .append(contribution.sequence())
                        .append(" cycle=")
                        .append(contribution.cycle())
                        .append(" bytes=")
                        .append(contribution.stagedBytes())
                        .append(" approved=")
                        .append(contribution.approved())
                        .append('\n'));
        return digest(text.toString());
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
