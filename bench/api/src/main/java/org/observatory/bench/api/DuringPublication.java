package org.observatory.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Load during publication (bench/api/README.md): wrk rotates over the series routes of a served data directory,
 * checking every answer, first with nothing else happening (the reference), then while a new snapshot is published.
 * Meanwhile two watchers note, in seconds since that wrk run started, when {@code CURRENT} changed (read every
 * millisecond) and when {@code /health} first named the new snapshot (asked every 5 ms). wrk stops once it has run
 * {@code --seconds} and {@code --settle} seconds have passed since the server switched, so the run always spans
 * the whole publication and some load on the new snapshot.
 */
final class DuringPublication {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** How long wrk may run beyond --seconds while the publication is under way. */
    private static final int PUBLICATION_ALLOWANCE_SECONDS = 1_800;

    private DuringPublication() {}

    /** The whole outcome; a moment that did not happen is {@code NaN}. */
    record Report(
            String publisher,
            int seriesRoutes,
            Wrk.Result reference,
            Wrk.Result during,
            String previousSnapshotId,
            String newSnapshotId,
            String details,
            double publicationStartedSeconds,
            double currentMovedSeconds,
            double healthSwitchedSeconds,
            double publicationFinishedSeconds,
            String failure) {

        /** CURRENT moved, /health named the new snapshot and wrk got answers computed from it. */
        boolean switched() {
            return newSnapshotId != null
                    && !Double.isNaN(currentMovedSeconds)
                    && !Double.isNaN(healthSwitchedSeconds)
                    && during.answersBySnapshot().getOrDefault(newSnapshotId, 0L) > 0;
        }

        boolean clean() {
            return failure == null && reference.clean() && during.clean() && switched();
        }

        double throughputRatio() {
            return during.requestsPerSecond() / reference.requestsPerSecond();
        }

        double p99Ratio() {
            return during.p99Millis() / reference.p99Millis();
        }
    }

    static Report run(ApiBenchmark.Options options, Path work, PrintStream progress) {
        try (PublishingServer server = start(options, work, progress)) {
            URI base = server.base();
            ApiBenchmark.checkEverySeries(base, server.seriesPaths());
            Wrk wrk = new Wrk(options.threads(), options.connections());
            if (options.warmupSeconds() > 0) {
                progress.printf("Warming up (%d s) ...%n", options.warmupSeconds());
                wrk.run(base, server.seriesPaths(), options.warmupSeconds(), work);
            }
            progress.printf("Reference: series routes, no publication, %d s ...%n", options.seconds());
            Wrk.Result reference = wrk.start(base, server.seriesPaths(), Wrk.Answers.CHECKED, options.seconds(), work)
                    .await();
            String previous = DataDirectory.readSnapshotPointer(server.currentPointer())
                    .orElseThrow(() -> new IllegalStateException("nothing is published"));
            progress.printf(
                    "During publication: series routes, publication after %d s, at least %d s ...%n",
                    options.publishAfterSeconds(), options.seconds());
            return measure(options, server, wrk, work, previous, reference, progress);
        }
    }

    private static PublishingServer start(ApiBenchmark.Options options, Path work, PrintStream progress) {
        return switch (options.publisher()) {
            case GENERATED -> {
                progress.println("Generating the snapshot ...");
                yield GeneratedPublishing.start(work, options.years(), options.cacheMegabytes() << 20);
            }
            case PIPELINE ->
                PipelinePublishing.start(
                        options.observatory()
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "The pipeline publisher runs the observatory command; start the benchmark with"
                                                + " bench/api/run, or give --observatory PATH (the script at the"
                                                + " repository's root), or use --publisher generated")),
                        work,
                        progress);
        };
    }

    private static Report measure(
            ApiBenchmark.Options options,
            PublishingServer server,
            Wrk wrk,
            Path work,
            String previous,
            Wrk.Result reference,
            PrintStream progress) {
        long origin = System.nanoTime();
        Wrk.Running running = wrk.start(
                server.base(),
                server.seriesPaths(),
                Wrk.Answers.CHECKED,
                options.seconds() + options.publishAfterSeconds() + PUBLICATION_ALLOWANCE_SECONDS,
                work);
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicLong currentMoved = new AtomicLong(-1);
        AtomicLong healthSwitched = new AtomicLong(-1);
        Thread pointerWatcher = watcher("bench-current-watcher", watching, () -> {
            if (currentMoved.get() < 0
                    && !DataDirectory.readSnapshotPointer(server.currentPointer())
                            .orElse(previous)
                            .equals(previous)) {
                currentMoved.set(System.nanoTime());
            }
            pause(1);
        });
        Thread healthWatcher = watcher("bench-health-watcher", watching, () -> {
            if (healthSwitched.get() < 0
                    && healthSnapshot(server.base())
                            .filter(id -> !id.equals(previous))
                            .isPresent()) {
                healthSwitched.set(System.nanoTime());
            }
            pause(5);
        });
        pause(options.publishAfterSeconds() * 1000L);
        long publicationStarted = System.nanoTime();
        progress.printf("Publishing (%s) ...%n", options.publisher().optionName());
        CompletableFuture<PublishingServer.Publication> publication = CompletableFuture.supplyAsync(server::publish);
        long publicationFinished = -1;
        while (running.alive()) {
            long now = System.nanoTime();
            if (publicationFinished < 0 && publication.isDone()) {
                publicationFinished = now;
            }
            boolean failed = publication.isCompletedExceptionally();
            boolean longEnough = now - origin >= options.seconds() * 1_000_000_000L;
            boolean settled = publicationFinished >= 0
                    && healthSwitched.get() >= 0
                    && now - Math.max(publicationFinished, healthSwitched.get())
                            >= options.settleSeconds() * 1_000_000_000L;
            if (failed || (longEnough && settled)) {
                break;
            }
            pause(20);
        }
        running.stop();
        Wrk.Result during = running.await();
        watching.set(false);
        join(pointerWatcher);
        join(healthWatcher);
        String newSnapshot = null;
        String details = "";
        String failure = null;
        try {
            PublishingServer.Publication published = publication.getNow(null);
            if (published == null) {
                failure = "the publication had not finished when wrk stopped";
            } else {
                newSnapshot = published.snapshotId();
                details = published.details();
            }
        } catch (java.util.concurrent.CompletionException e) {
            failure = "the publication failed: " + e.getCause().getMessage();
        }
        if (failure == null && (currentMoved.get() < 0 || healthSwitched.get() < 0)) {
            failure = "the switch to %s was not seen (CURRENT %s, /health %s)"
                    .formatted(
                            newSnapshot,
                            currentMoved.get() < 0 ? "unchanged" : "moved",
                            healthSwitched.get() < 0 ? "unchanged" : "switched");
        }
        return new Report(
                server.description(),
                server.seriesPaths().size(),
                reference,
                during,
                previous,
                newSnapshot,
                details,
                seconds(origin, publicationStarted),
                seconds(origin, currentMoved.get()),
                seconds(origin, healthSwitched.get()),
                seconds(origin, publicationFinished),
                failure);
    }

    private static double seconds(long origin, long moment) {
        return moment < 0 ? Double.NaN : (moment - origin) / 1e9;
    }

    private static Thread watcher(String name, AtomicBoolean watching, Runnable step) {
        Thread thread = new Thread(
                () -> {
                    while (watching.get()) {
                        step.run();
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The snapshot {@code /health} names; empty when it does not answer in time (under load, it may not). */
    private static Optional<String> healthSnapshot(URI base) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(base.resolve("/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Optional.ofNullable(
                    MAPPER.readTree(response.body()).path("snapshotId").textValue());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void print(Report report, ApiBenchmark.Options options, PrintStream out) {
        out.printf(Locale.ROOT, "API under load during a publication: %s%n", report.publisher());
        out.printf(
                Locale.ROOT,
                "wrk -t%d -c%d rotating over %d series routes, every answer checked; reference %d s, then a run during"
                        + " which the publication starts after %d s; %d CPUs; Java %s; load average %s%n%n",
                options.threads(),
                options.connections(),
                report.seriesRoutes(),
                options.seconds(),
                options.publishAfterSeconds(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                ApiBenchmark.loadAverage());
        out.println("| run | seconds | requests | requests/s | p50 ms | p99 ms | max ms | non-2xx |"
                + " socket errors (connect/read/write/timeout) | answers by snapshot |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        row(out, "reference (no publication)", report.reference());
        row(out, "during publication", report.during());
        out.println();
        out.printf(
                Locale.ROOT,
                "Ratio during publication / reference: throughput %.3f, p99 latency %.2f (reported)%n",
                report.throughputRatio(),
                report.p99Ratio());
        out.printf(
                Locale.ROOT,
                "Switch %s -> %s, in seconds since the run began: publication started %.2f; CURRENT moved %.3f;"
                        + " /health named the new snapshot %.3f (%.0f ms after CURRENT moved); publication finished"
                        + " %.2f%n",
                report.previousSnapshotId(),
                report.newSnapshotId() == null ? "(none)" : report.newSnapshotId(),
                report.publicationStartedSeconds(),
                report.currentMovedSeconds(),
                report.healthSwitchedSeconds(),
                (report.healthSwitchedSeconds() - report.currentMovedSeconds()) * 1000,
                report.publicationFinishedSeconds());
        if (!report.details().isEmpty()) {
            out.println("Publication: " + report.details());
        }
        if (report.failure() != null) {
            out.println("FAILED: " + report.failure());
        }
        long non2xx = report.reference().non2xx() + report.during().non2xx();
        long socket = report.reference().socketErrors() + report.during().socketErrors();
        out.printf(
                Locale.ROOT,
                "%s: %d non-2xx answers and %d socket errors in both runs (goal: 0 and 0), switch %s%n",
                report.clean() ? "Clean" : "NOT clean",
                non2xx,
                socket,
                report.switched() ? "seen" : "NOT seen");
    }

    private static void row(PrintStream out, String name, Wrk.Result result) {
        String answers = result.answersBySnapshot().entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s: %,d", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
        out.printf(
                Locale.ROOT,
                "| %s | %.1f | %,d | %,.0f | %.2f | %.2f | %.2f | %d | %d (%d/%d/%d/%d) | %s |%n",
                name,
                result.seconds(),
                result.requests(),
                result.requestsPerSecond(),
                result.p50Millis(),
                result.p99Millis(),
                result.maxMillis(),
                result.non2xx(),
                result.socketErrors(),
                result.connectErrors(),
                result.readErrors(),
                result.writeErrors(),
                result.timeouts(),
                answers);
    }
}
