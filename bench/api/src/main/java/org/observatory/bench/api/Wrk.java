package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (the Debian package {@code wrk}) against a server with a Lua script that rotates over a list of paths,
 * one request after the other, and reads the result lines the script's {@code done} callback prints. The checking
 * script also looks at every answer: it counts each status outside 200-299 (wrk itself counts only those above 399)
 * and the answers of each snapshot, by the snapshot id that starts the series routes' ETag.
 */
final class Wrk {
    static final String RESULT = "WRK-RESULT";
    static final String SNAPSHOT = "WRK-SNAPSHOT";
    static final String INSTALL_HINT = "wrk is not installed; on Debian or Ubuntu: sudo apt-get install -y wrk";

    /** What the Lua script does with each answer. */
    enum Answers {
        /** Nothing: wrk counts statuses above 399 and socket errors (the cheapest script). */
        COUNTED_BY_WRK,
        /** Looks at each: a status outside 200-299 counts, and its ETag's snapshot id is tallied. */
        CHECKED
    }

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /** What one wrk run measured; {@code answersBySnapshot} is empty unless the script checked the answers. */
    record Result(
            long requests,
            double seconds,
            long non2xx,
            long connectErrors,
            long readErrors,
            long writeErrors,
            long timeouts,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            Map<String, Long> answersBySnapshot) {
        Result {
            // sorted: the pipeline's snapshot ids start with their time, so the order is the order of publication
            answersBySnapshot = Collections.unmodifiableMap(
                    new TreeMap<>(requireNonNull(answersBySnapshot, "answersBySnapshot is null")));
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        long socketErrors() {
            return connectErrors + readErrors + writeErrors + timeouts;
        }

        /** Every answer 2xx, no socket error, and at least one request. */
        boolean clean() {
            return non2xx == 0 && socketErrors() == 0 && requests > 0;
        }
    }

    static boolean installed() {
        try {
            Process process = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Lua script: rotate over the paths; print machine-readable lines when done. */
    static String script(List<String> paths, Answers answers) {
        return script(paths, Map.of(), answers);
    }

    /**
     * The Lua script: rotate over the paths, each request with the given headers (e.g. {@code Accept-Encoding:
     * gzip}, as browsers send); print machine-readable lines when done.
     */
    static String script(List<String> paths, Map<String, String> headers, Answers answers) {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String path : paths) {
            lua.append("  \"").append(quotable(path, "path")).append("\",\n");
        }
        lua.append("}\n").append("local headers = {\n");
        for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
            lua.append("  [\"")
                    .append(quotable(header.getKey(), "header name"))
                    .append("\"] = \"")
                    .append(quotable(header.getValue(), "header value"))
                    .append("\",\n");
        }
        lua.append("}\n")
                .append("local counter = 0\n")
                .append("request = function()\n")
                .append("  counter = counter % #paths + 1\n")
                .append("  return wrk.format(\"GET\", paths[counter], headers)\n")
                .append("end\n");
        if (answers == Answers.CHECKED) {
            // each wrk thread has its own Lua state: done() (main state) reads the threads' globals through get()
            lua.append("local threads = {}\n")
                    .append("setup = function(thread)\n")
                    .append("  table.insert(threads, thread)\n")
                    .append("end\n")
                    .append("non2xx = 0\n")
                    .append("snapshots = {}\n")
                    .append("response = function(status, headers, body)\n")
                    .append("  if status < 200 or status > 299 then non2xx = non2xx + 1 end\n")
                    .append("  local etag = headers[\"ETag\"] or headers[\"Etag\"] or headers[\"etag\"]\n")
                    // a gzip answer's ETag ends in -gzip (the identity one's snapshot id and hash, then -gzip)
                    .append("  if etag then etag = (string.gsub(etag, '%-gzip\"$', '\"')) end\n")
                    .append("  local id = etag and string.match(etag, '^\"(.+)%-%x+\"$') or \"(none)\"\n")
                    .append("  snapshots[id] = (snapshots[id] or 0) + 1\n")
                    .append("end\n");
        }
        lua.append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append(
                        answers == Answers.CHECKED
                                ? "  local non2xx, tally = 0, {}\n"
                                        + "  for _, thread in ipairs(threads) do\n"
                                        + "    non2xx = non2xx + thread:get(\"non2xx\")\n"
                                        + "    for id, count in pairs(thread:get(\"snapshots\")) do\n"
                                        + "      tally[id] = (tally[id] or 0) + count\n"
                                        + "    end\n"
                                        + "  end\n"
                                        + "  for id, count in pairs(tally) do\n"
                                        + "    io.write(string.format(\"" + SNAPSHOT + " %s %d\\n\", id, count))\n"
                                        + "  end\n"
                                : "  local non2xx = e.status\n")
                .append("  io.write(string.format(\"" + RESULT + " %d %d %d %d %d %d %d %d %d %d\\n\",\n")
                .append("    summary.requests, summary.duration, non2xx,\n")
                .append("    e.connect, e.read, e.write, e.timeout,\n")
                .append("    latency:percentile(50), latency:percentile(99), latency.max))\n")
                .append("end\n");
        return lua.toString();
    }

    private static String quotable(String text, String what) {
        if (text.contains("\"") || text.contains("\\")) {
            throw new IllegalArgumentException("%s with a quote or backslash: %s".formatted(what, text));
        }
        return text;
    }

    Result run(URI base, List<String> paths, int seconds, Path workDirectory) {
        return run(base, paths, Map.of(), seconds, workDirectory);
    }

    /** Rotates over the paths for {@code seconds}, each request with the given headers. */
    Result run(URI base, List<String> paths, Map<String, String> headers, int seconds, Path workDirectory) {
        return start(base, paths, headers, Answers.COUNTED_BY_WRK, seconds, workDirectory)
                .await();
    }

    /** Starts wrk for at most {@code seconds}; {@link Running#stop} ends it earlier. */
    Running start(URI base, List<String> paths, Answers answers, int seconds, Path workDirectory) {
        return start(base, paths, Map.of(), answers, seconds, workDirectory);
    }

    private Running start(
            URI base,
            List<String> paths,
            Map<String, String> headers,
            Answers answers,
            int seconds,
            Path workDirectory) {
        requireNonNull(base, "base is null");
        try {
            Path script = Files.createTempFile(workDirectory, "wrk-", ".lua");
            Files.writeString(script, script(paths, headers, answers), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    "wrk",
                    "-t" + threads,
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "--timeout",
                    "10s",
                    "-s",
                    script.toString(),
                    base.toString()));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new Running(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wrk process under way. */
    static final class Running {
        private final Process process;
        private final CompletableFuture<String> output;

        private Running(Process process, CompletableFuture<String> output) {
            this.process = process;
            this.output = output;
        }

        /** Ends the run now: wrk stops on SIGINT and still reports what it measured, over the time it ran. */
        void stop() {
            if (!process.isAlive()) {
                return;
            }
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                        .redirectErrorStream(true)
                        .start();
                kill.getInputStream().readAllBytes();
                kill.waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping wrk", e);
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        Result await() {
            try {
                String text = output.get();
                int status = process.waitFor();
                if (status != 0) {
                    throw new IllegalStateException("wrk exited with %d: %s".formatted(status, text));
                }
                return parse(text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new IllegalStateException("interrupted while wrk ran", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "cannot read what wrk printed: " + e.getCause().getMessage(), e);
            }
        }
    }

    static Result parse(String output) {
        Map<String, Long> snapshots = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(SNAPSHOT + " ")) {
                String[] words = line.strip().split(" ");
                snapshots.merge(words[1], Long.parseLong(words[2]), Long::sum);
            }
        }
        for (String line : output.split("\n")) {
            if (line.startsWith(RESULT + " ")) {
                String[] words = line.strip().split(" ");
                long requests = Long.parseLong(words[1]);
                double seconds = Long.parseLong(words[2]) / 1e6;
                return new Result(
                        requests,
                        seconds,
                        Long.parseLong(words[3]),
                        Long.parseLong(words[4]),
                        Long.parseLong(words[5]),
                        Long.parseLong(words[6]),
                        Long.parseLong(words[7]),
                        Long.parseLong(words[8]) / 1e3,
                        Long.parseLong(words[9]) / 1e3,
                        Long.parseLong(words[10]) / 1e3,
                        snapshots);
            }
        }
        throw new IllegalStateException("wrk printed no %s line:%n%s".formatted(RESULT, output.strip()));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk -t%d -c%d", threads, connections);
    }
}
