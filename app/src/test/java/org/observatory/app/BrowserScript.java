package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a node script of {@code api/src/test/browser} (playwright-core driving Debian's headless Chromium, axe-core
 * injected into pages) and reads the one JSON line it prints last. Without Chromium, Node.js or the npm packages the
 * test fails and says what is missing and how to install it ({@code ./verify} installs them).
 */
final class BrowserScript {
    static final String CHROMIUM = "OBSERVATORY_CHROMIUM";
    static final Path FOLDER = Path.of("..", "api", "src", "test", "browser");
    private static final long GIVE_UP_MINUTES = 8;

    private BrowserScript() {}

    /** Runs {@code node <script> <arguments...> <chromium>} in the scripts' folder; answers its last JSON line. */
    static JsonNode run(String script, String... arguments) throws IOException, InterruptedException {
        Path chromium = chromium();
        Path node = onPath("node").orElse(null);
        List<String> missing = new ArrayList<>();
        if (chromium == null) {
            missing.add("no Chromium executable (looked for $" + CHROMIUM + ", chromium and chromium-browser)");
        }
        if (node == null) {
            missing.add("no node on the PATH");
        }
        for (String module : List.of("playwright-core", "axe-core")) {
            if (!Files.isRegularFile(
                    FOLDER.resolve("node_modules").resolve(module).resolve("package.json"))) {
                missing.add("no " + module + " in " + FOLDER.resolve("node_modules"));
            }
        }
        assertThat(missing)
                .as(
                        "The browser tests need what is missing here: %s. Run ./verify (README's test command), which"
                                + " installs it, or install Chromium ('apt-get install chromium', or set %s) and Node.js 18"
                                + " or later, then run 'npm ci' in api/src/test/browser.",
                        missing, CHROMIUM)
                .isEmpty();
        List<String> command = new ArrayList<>(List.of(node.toString(), script));
        command.addAll(List.of(arguments));
        command.add(chromium.toString());
        Process process = new ProcessBuilder(command).directory(FOLDER.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("node %s did not finish within %d minutes; output so far:%n%s%n%s"
                    .formatted(script, GIVE_UP_MINUTES, out.getNow(""), err.getNow("")));
        }
        String output = out.join();
        if (process.exitValue() != 0) {
            fail("node %s failed with exit code %d:%n%s%n%s"
                    .formatted(script, process.exitValue(), output, err.join()));
        }
        String last = output.strip().lines().reduce((first, second) -> second).orElse("");
        return new ObjectMapper().readTree(last);
    }

    private static Path chromium() {
        return Optional.ofNullable(System.getenv(CHROMIUM))
                .map(Path::of)
                .filter(Files::isExecutable)
                .or(() -> onPath("chromium"))
                .or(() -> onPath("chromium-browser"))
                .orElse(null);
    }

    private static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
