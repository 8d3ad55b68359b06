package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.observatory.api.query.SnapshotManifests;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.Decision;
import org.observatory.api.text.ApiMessage;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.RunManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.text.Message;

/**
 * What a change of the approval policy would unpublish: the published snapshot's values (rows of its {@code
 * indicators} table) that come from parts a run under the new policy leaves out although their country did not
 * withdraw them (under {@code required}, the parts nobody approved). A run refuses to start while there are such
 * values, until it is confirmed ({@code ./observatory pipeline run --confirm-policy-change}, {@code POST
 * /api/v1/pipeline-runs?confirm=policy-change}); withdrawals are decisions of their own and need no confirmation.
 *
 * <p>The policy of the published snapshot is the one its run's manifest ({@code runs/<run-id>/manifest.json})
 * records; a snapshot whose run recorded none (written before the manifest had the field) counts as made under
 * another policy, so its values are counted too. Counting reads the snapshot's indicators once, with DuckDB, and
 * only when the policy changed.
 *
 * @param snapshotId the published snapshot
 * @param before the policy the snapshot was made under, empty when its run did not record it
 * @param after the policy of the new run
 * @param values how many values the new run would unpublish
 * @param parts the parts it would leave out, as country to submission ids, sorted
 */
public record PolicyChange(
        String snapshotId,
        Optional<ApprovalPolicy> before,
        ApprovalPolicy after,
        long values,
        SortedMap<String, List<String>> parts) {
    public static final String CONFIRM_OPTION = "--confirm-policy-change";
    public static final String CONFIRM_PARAMETER = "confirm";
    public static final String CONFIRM_VALUE = "policy-change";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTS_NAMED = 10;

    /** Whether a run was told to go ahead even though the policy change unpublishes values. */
    public enum Confirmation {
        NOT_GIVEN,
        GIVEN
    }

    public PolicyChange {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        SortedMap<String, List<String>> copy = new TreeMap<>();
        requireNonNull(parts, "parts is null").forEach((country, ids) -> copy.put(country, List.copyOf(ids)));
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("parts is empty: a policy change leaves out at least one part");
        }
        parts = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * What the run of {@code manifest} would unpublish because the approval policy changed since the published
     * snapshot; empty when nothing is published, the policy is the same, or no value would go.
     */
    public static Optional<PolicyChange> of(
            DataDirectory data, RunManifest manifest, ApprovalPolicy policy, Approvals approvals) {
        requireNonNull(data, "data is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(approvals, "approvals is null");
        Optional<String> current = data.currentSnapshotId();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String snapshotId = current.get();
        Path snapshot = data.snapshot(snapshotId);
        Optional<ApprovalPolicy> before =
                policyOfRun(data, SnapshotManifests.read(snapshot).runId());
        if (before.equals(Optional.of(policy))) {
            return Optional.empty();
        }
        Map<String, Set<String>> published = new HashMap<>();
        manifest.submissions()
                .forEach(submission ->
                        published.put(submission.submissionId(), new HashSet<>(submission.approvedCountries())));
        long values = 0;
        SortedMap<String, List<String>> parts = new TreeMap<>();
        for (PartValues part : valuesByPart(snapshot)) {
            Set<String> countries = published.get(part.submissionId());
            boolean leftOut = countries != null
                    && !countries.contains(part.country())
                    && approvals.decision(part.submissionId(), part.country()).orElse(null) != Decision.WITHDRAWN;
            if (leftOut) {
                values += part.values();
                parts.computeIfAbsent(part.country(), country -> new ArrayList<>())
                        .add(part.submissionId());
            }
        }
        parts.values().forEach(ids -> Collections.sort(ids));
        return values == 0
                ? Optional.empty()
                : Optional.of(new PolicyChange(snapshotId, before, policy, values, parts));
    }

    /**
     * Refuses the run of {@code manifest} when a change of the approval policy would unpublish values and the change
     * is not confirmed; answers the change (to audit) when it is confirmed.
     *
     * @throws Refused ({@link ErrorCode#CONFLICT}) naming the number of values, the parts and how to confirm
     */
    public static Optional<PolicyChange> check(
            DataDirectory data,
            RunManifest manifest,
            ApprovalPolicy policy,
            Approvals approvals,
            Confirmation confirmation) {
        requireNonNull(confirmation, "confirmation is null");
        Optional<PolicyChange> change = of(data, manifest, policy, approvals);
        if (change.isPresent() && confirmation == Confirmation.NOT_GIVEN) {
            throw new Refused(change.get());
        }
        return change;
    }

    /**
     * A run refused because of a policy change that is not confirmed: a {@link ErrorCode#CONFLICT} whose message is
     * {@link #refusal()}, carrying the change so that a page can offer to confirm it.
     */
    public static final class Refused extends ObservatoryException {
        private final transient PolicyChange change;

        public Refused(PolicyChange change) {
            super(ErrorCode.CONFLICT, requireNonNull(change, "change is null").refusalMessage());
            this.change = change;
        }

        public PolicyChange change() {
            return change;
        }
    }

    /** Why a run is refused, with what it would unpublish and how to confirm (in English). */
    public String refusal() {
        return refusalMessage().english();
    }

    /** Why a run is refused, as a message a reader gets in their language. */
    public Message refusalMessage() {
        return Message.of(
                ApiMessage.POLICY_CHANGE_REFUSED,
                "after",
                after.settingName(),
                "snapshot",
                snapshotId,
                "before",
                before.map(policy -> Message.of(ApiMessage.POLICY_NAMED, "policy", policy.settingName()))
                        .orElse(Message.of(ApiMessage.POLICY_EARLIER)),
                "values",
                values,
                "parts",
                partCount(),
                "named",
                partsNamedMessage(),
                "option",
                CONFIRM_OPTION,
                "parameter",
                CONFIRM_PARAMETER,
                "confirmation",
                CONFIRM_VALUE);
    }

    /** For the audit log: the confirmed change and what it unpublishes. */
    public String confirmed() {
        return "confirmed the approval policy change from %s to %s, which unpublishes %s values of %s (%s)"
                .formatted(
                        before.map(ApprovalPolicy::settingName).orElse("an earlier policy"),
                        after.settingName(),
                        String.format(Locale.ROOT, "%,d", values),
                        partCount() == 1 ? "1 submission part" : partCount() + " submission parts",
                        partsNamed());
    }

    private int partCount() {
        return parts.values().stream().mapToInt(List::size).sum();
    }

    /** The parts named in the audit log, in English: MEX in sub-1, JAM in sub-2 and 3 more. */
    private String partsNamed() {
        return partsNamedMessage().english();
    }

    /**
     * The first {@value #PARTS_NAMED} parts ("MEX in sub-1, JAM in sub-2") and how many more there are, as a message
     * the reader gets in their language.
     */
    private Message partsNamedMessage() {
        List<Message> named = new ArrayList<>();
        parts.forEach((country, ids) ->
                ids.forEach(id -> named.add(Message.of(ApiMessage.POLICY_PART, "country", country, "submission", id))));
        List<Message> shown = named.subList(0, Math.min(named.size(), PARTS_NAMED));
        Message list = shown.get(shown.size() - 1);
        for (int index = shown.size() - 2; index >= 0; index--) {
            list = Message.of(ApiMessage.POLICY_PARTS, "first", shown.get(index), "rest", list);
        }
        return named.size() <= PARTS_NAMED
                ? list
                : Message.of(ApiMessage.POLICY_PARTS_MORE, "named", list, "more", named.size() - PARTS_NAMED);
    }

    /** The policy a run's manifest records; empty when the manifest is missing or records none. */
    private static Optional<ApprovalPolicy> policyOfRun(DataDirectory data, String runId) {
        Path manifest = data.runs().resolve(runId).resolve(PipelineRuns.MANIFEST_FILE);
        if (!runId.matches("[0-9A-Za-z._-]+") || !Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonNode policy = JSON.readTree(manifest.toFile()).path("approvalPolicy");
            return policy.isTextual() ? Optional.of(ApprovalPolicy.fromSettingName(policy.asText())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record PartValues(String submissionId, String country, long values) {}

    /** The number of indicator values of the snapshot per submission and country. */
    private static List<PartValues> valuesByPart(Path snapshot) {
        Path indicators = snapshot.resolve(SnapshotTables.INDICATORS.name());
        if (!hasParquet(indicators)) {
            return List.of();
        }
        String glob = indicators
                .resolve(SnapshotTables.COUNTRY + "=*")
                .resolve("*.parquet")
                .toString();
        String sql = "SELECT %s, %s, count(*) FROM read_parquet('%s', hive_partitioning = true) GROUP BY 1, 2"
                .formatted(SnapshotTables.SUBMISSION_ID, SnapshotTables.COUNTRY, glob.replace("'", "''"));
        List<PartValues> parts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                if (rows.getString(1) != null && rows.getString(2) != null) {
                    parts.add(new PartValues(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot count the values of the published snapshot in %s: %s; check that the snapshot is complete"
                            .formatted(indicators, e.getMessage()),
                    e);
        }
        return parts;
    }

    private static boolean hasParquet(Path table) {
        if (!Files.isDirectory(table)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(table, 2)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        } catch (IOException | UncheckedIOException e) {
            throw new ObservatoryException(
                    ErrorCode.STORAGE_FAILURE, "Cannot list %s: %s".formatted(table, e.getMessage()), e);
        }
    }
}
