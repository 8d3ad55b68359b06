package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.observatory.api.query.PublishedSnapshot;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotArchive;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.text.ApiMessage;
import org.observatory.api.web.JsonViews.SnapshotView;
import org.observatory.schemas.error.Echo;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published vintages: {@code GET /api/v1/snapshots} lists them in the order of publication (the current one
 * last), and {@code GET /api/v1/snapshots/{id}/download} streams one whole vintage as a zip archive with its
 * citation ({@link SnapshotArchive}). The archive is written to the response as it is made, never held in memory,
 * and the snapshot holds a reader lease meanwhile, so the pipeline's retention does not remove it under the reader.
 */
public final class SnapshotController {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotController.class);

    private final SnapshotRepository repository;
    private final SnapshotArchive archive;

    public SnapshotController(SnapshotRepository repository, SnapshotArchive archive) {
        this.repository = requireNonNull(repository, "repository is null");
        this.archive = requireNonNull(archive, "archive is null");
    }

    public void list(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        List<PublishedSnapshot> published = repository.publishedSnapshots();
        boolean synthetic =
                published.stream().anyMatch(entry -> entry.snapshot().containsSyntheticData());
        String current = published.stream()
                .filter(PublishedSnapshot::current)
                .map(entry -> entry.snapshot().id())
                .findFirst()
                .orElse(null);
        List<SnapshotView> snapshots = published.stream()
                .map(entry -> {
                    Snapshot snapshot = entry.snapshot();
                    return new SnapshotView(
                            snapshot.id(),
                            entry.publishedAt(),
                            snapshot.manifest().createdAt(),
                            entry.current(),
                            snapshot.manifest().previousSnapshotId(),
                            snapshot.containsSyntheticData(),
                            snapshot.manifest().rowCounts(),
                            downloadPath(snapshot.id()));
                })
                .toList();
        ctx.header("Cache-Control", SnapshotResponses.CACHE_REVALIDATE);
        ctx.json(new JsonViews.SnapshotList(
                JsonViews.notice(synthetic, ApiLanguage.language(ctx)), synthetic, current, snapshots));
    }

    public void download(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of());
        String id = ctx.pathParam("id");
        PublishedSnapshot published = repository.publishedSnapshots().stream()
                .filter(entry -> entry.snapshot().id().equals(id))
                .findFirst()
                .orElseThrow(() -> unknownSnapshot(id));
        Snapshot snapshot = published.snapshot();
        String etag = "\"" + snapshot.id() + "-archive\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", SnapshotResponses.CACHE_IMMUTABLE);
        if (SnapshotResponses.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"%s\"".formatted(SnapshotArchive.fileName(snapshot)));
        String url = ctx.scheme() + "://" + ctx.host() + downloadPath(snapshot.id());
        OutputStream out = outputStream(ctx);
        try {
            archive.write(snapshot, published.publishedAt(), url, out);
            out.flush();
        } catch (IOException e) {
            // The client went away or the disk failed mid-stream: the archive is cut short (no zip directory), so
            // the client cannot mistake it for a whole one. Headers are sent, so no problem document can follow.
            LOG.warn("Download of snapshot {} stopped: {}", snapshot.id(), e.toString());
        }
    }

    /**
     * The published snapshot a route's {@code {id}} names (immutable: an answer about it may be kept for good).
     *
     * @throws ObservatoryException {@code NOT_FOUND} when no published snapshot has that id
     */
    static Snapshot published(SnapshotRepository repository, String id) {
        return repository.published(id).orElseThrow(() -> unknownSnapshot(id));
    }

    private static ObservatoryException unknownSnapshot(String id) {
        return new ObservatoryException(
                ErrorCode.NOT_FOUND, Message.of(ApiMessage.SNAPSHOT_UNKNOWN, "id", Echo.quote(id)));
    }

    private static OutputStream outputStream(Context ctx) {
        try {
            return ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new ObservatoryException(ErrorCode.INTERNAL_ERROR, "Cannot open the response stream: " + e, e);
        }
    }

    static String downloadPath(String snapshotId) {
        return Paths.expand(Paths.SNAPSHOT_DOWNLOAD, snapshotId);
    }
}
