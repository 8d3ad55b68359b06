package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.observatory.api.query.SnapshotManifests;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.record.SnapshotManifest;
import org.observatory.schemas.storage.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which published vintage holds each part of a submission: a snapshot holds the parts its run was told to publish,
 * as the run's manifest ({@code runs/<run-id>/manifest.json}, written by the server and by {@code observatory
 * pipeline run} alike) lists them under {@code approvedCountries}. A snapshot removed by retention, or whose run's
 * manifest is gone, holds no part here. Snapshots and run manifests never change, so each is read once.
 */
final class PublishedParts {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedParts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataDirectory data;
    /** The parts ({@code submissionId + " " + country}) each snapshot holds. */
    private final Map<String, Set<String>> partsBySnapshot = new ConcurrentHashMap<>();

    PublishedParts(DataDirectory data) {
        this.data = requireNonNull(data, "data is null");
    }

    /** The newest published vintage of each part, keyed by {@code submissionId + " " + country}. */
    Map<String, String> newestVintages() {
        Map<String, String> newest = new HashMap<>();
        List<String> published = data.publishedSnapshotIds();
        for (String snapshotId : published) { // oldest first: a later vintage replaces an earlier one
            for (String part : partsOf(snapshotId)) {
                newest.put(part, snapshotId);
            }
        }
        return newest;
    }

    static String key(String submissionId, String country) {
        return submissionId + " " + country;
    }

    private Set<String> partsOf(String snapshotId) {
        Set<String> known = partsBySnapshot.get(snapshotId);
        if (known != null) {
            return known;
        }
        Optional<Set<String>> read = read(snapshotId);
        read.ifPresent(parts -> partsBySnapshot.put(snapshotId, parts));
        return read.orElse(Set.of());
    }

    /** The parts of a snapshot, or empty when it cannot tell now (it may be readable later: not remembered). */
    private Optional<Set<String>> read(String snapshotId) {
        SnapshotManifest snapshot;
        try {
            snapshot = SnapshotManifests.read(data.snapshot(snapshotId));
        } catch (ObservatoryException e) {
            return Optional.empty(); // removed by retention, or broken
        }
        if (!snapshot.runId().matches("[0-9A-Za-z._-]+")) {
            return Optional.of(Set.of());
        }
        Path manifest = data.runs().resolve(snapshot.runId()).resolve(PipelineRuns.MANIFEST_FILE);
        if (!Files.isRegularFile(manifest)) {
            return Optional.of(Set.of());
        }
        try {
            Set<String> parts = new HashSet<>();
            for (JsonNode submission : JSON.readTree(manifest.toFile()).path("submissions")) {
                String submissionId = submission.path("submissionId").asText("");
                for (JsonNode country : submission.path("approvedCountries")) {
                    parts.add(key(submissionId, country.asText()));
                }
            }
            return Optional.of(Set.copyOf(parts));
        } catch (IOException e) {
            LOG.warn("Cannot read {}, the manifest of the run of snapshot {}", manifest, snapshotId, e);
            return Optional.empty();
        }
    }
}
