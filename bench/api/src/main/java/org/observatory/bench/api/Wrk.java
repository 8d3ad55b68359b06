package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (the Debian package {@code wrk}) against a server with a Lua script that rotates over a list of paths,
 * one request after the other, and reads the result line the script's {@code done} callback prints.
 */
final class Wrk {
    static final String RESULT = "WRK-RESULT";
    static final String INSTALL_HINT = "wrk is not installed; on Debian or Ubuntu: sudo apt-get install -y wrk";

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /** What one wrk run measured. */
    record Result(
            long requests,
            double seconds,
            long non2xx,
            long socketErrors,
            double p50Millis,
            double p99Millis,
            double maxMillis) {
        double requestsPerSecond() {
            return requests / seconds;
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

    /** The Lua script: rotate over the paths; print one machine-readable line when done. */
    static String script(List<String> paths) {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String path : paths) {
            if (path.contains("\"") || path.contains("\\")) {
                throw new IllegalArgumentException("path with a quote or backslash: " + path);
            }
            lua.append("  \"").append(path).append("\",\n");
        }
        lua.append("}\n")
                .append("local counter = 0\n")
                .append("request = function()\n")
                .append("  counter = counter % #paths + 1\n")
                .append("  return wrk.format(\"GET\", paths[counter])\n")
                .append("end\n")
                .append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append("  io.write(string.format(\"" + RESULT + " %d %d %d %d %d %d %d\\n\",\n")
                .append("    summary.requests, summary.duration, e.status,\n")
                .append("    e.connect + e.read + e.write + e.timeout,\n")
                .append("    latency:percentile(50), latency:percentile(99), latency.max))\n")
                .append("end\n");
        return lua.toString();
    }

    Result run(URI base, List<String> paths, int seconds, Path workDirectory) {
        requireNonNull(base, "base is null");
        try {
            Path script = Files.createTempFile(workDirectory, "wrk-", ".lua");
            Files.writeString(script, script(paths), StandardCharsets.UTF_8);
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
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException("wrk exited with %d: %s".formatted(status, output));
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    static Result parse(String output) {
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
                        Long.parseLong(words[5]) / 1e3,
                        Long.parseLong(words[6]) / 1e3,
                        Long.parseLong(words[7]) / 1e3);
            }
        }
        throw new IllegalStateException("wrk printed no %s line:%n%s".formatted(RESULT, output.strip()));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk -t%d -c%d", threads, connections);
    }
}
