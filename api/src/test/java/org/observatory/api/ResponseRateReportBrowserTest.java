package org.observatory.api;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.fixture.Fixtures;

/**
 * The HTML response-rate report in a real browser: a real server on a random port serves it over a published
 * fixture snapshot, headless Chromium (Debian's {@code chromium}) opens it, driven by playwright-core from npm
 * ({@code src/test/browser/check-report.mjs}). It must render without console errors, load nothing but the page
 * itself, and show the trend chart; the screenshot goes to {@code target/browser/}.
 *
 * <p>Without Chromium, Node.js or the installed npm package the test fails and says what is missing and how to
 * install it ({@code ./verify}, README's test command, installs them).
 */
class ResponseRateReportBrowserTest {
    static final String CHROMIUM = "OBSERVATORY_CHROMIUM";
    private static final Path SCRIPT_FOLDER = Path.of("src", "test", "browser");
    private static final Path SCRIPT = SCRIPT_FOLDER.resolve("check-report.mjs");
    private static final Path SCREENSHOT = Path.of("target", "browser", "response-rates-2010.png");
    /** Only a guard against a hung browser; the page normally renders in a few seconds. */
    private static final long GIVE_UP_MINUTES = 5;

    @TempDir
    Path root;

    @Test
    void rendersTheHtmlReportInHeadlessChromiumWithoutConsoleErrorsAndShowsTheTrendChart() throws Exception {
        Prerequisites browser = Prerequisites.find();
        assertThat(browser.missing()).as(browser::installHint).isEmpty();

        ApiConfig config = ApiTestSupport.publishedRealLooking(root, "2026-11-01-a", Fixtures.responses());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);

        try (ApiServer server = ApiServer.start(config, "127.0.0.1", 0)) {
            String base = server.baseUri().toString();
            String page = base + "api/v1/reports/response-rates?cycle=2010&format=html";
            JsonNode seen = open(browser, page);

            assertThat(seen.get("status").asInt()).isEqualTo(200);
            assertThat(seen.get("contentType").asText()).startsWith("text/html");
            assertThat(seen.get("title").asText()).isEqualTo("Response rates, UN-CTS cycle 2010");
            assertThat(strings(seen.get("consoleErrors"))).as("console errors").isEmpty();
            assertThat(strings(seen.get("requests")))
                    .as("the page loads nothing but itself")
                    .containsExactly(page);
            assertThat(seen.get("chart").get("visible").asBoolean())
                    .as("trend chart visible")
                    .isTrue();
            assertThat(seen.get("chart").get("width").asDouble()).isPositive();
            assertThat(seen.get("chart").get("height").asDouble()).isPositive();
            assertThat(seen.get("responding").asText()).isEqualTo("19 of 35 (54.3%)");
        }
        assertThat(SCREENSHOT).isNotEmptyFile();
        System.out.println("Screenshot of the response-rate report: " + SCREENSHOT.toAbsolutePath());
    }

    /** Runs the node script against the page and reads the one JSON line it prints. */
    private static JsonNode open(Prerequisites browser, String page) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        browser.node().toString(),
                        SCRIPT.getFileName().toString(),
                        page,
                        SCREENSHOT.toAbsolutePath().toString(),
                        browser.chromium().toString())
                .directory(SCRIPT_FOLDER.toFile())
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("The browser did not finish within %d minutes; standard error so far:%n%s"
                    .formatted(GIVE_UP_MINUTES, err.getNow("")));
        }
        String output = out.join();
        if (process.exitValue() != 0) {
            fail("node %s failed with exit code %d:%n%s%n%s"
                    .formatted(SCRIPT, process.exitValue(), output, err.join()));
        }
        String last = output.strip().lines().reduce((first, second) -> second).orElse("");
        return new ObjectMapper().readTree(last);
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

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Where Chromium, Node.js and playwright-core are, and what is missing. */
    private record Prerequisites(Path chromium, Path node, List<String> missing) {
        Prerequisites {
            missing = List.copyOf(missing);
            if (missing.isEmpty() && (chromium == null || node == null)) {
                throw new IllegalArgumentException("nothing is missing, so chromium and node are known");
            }
        }

        /** What is missing, and how to install it. */
        String installHint() {
            return ("The browser test of the HTML response-rate report needs what is missing here: %s. Run ./verify"
                            + " (README's test command), which installs it, or install Chromium ('apt-get install"
                            + " chromium' on Debian, or set %s to a Chromium executable) and Node.js 18 or later,"
                            + " then run 'npm ci' in api/src/test/browser.")
                    .formatted(String.join("; ", missing), CHROMIUM);
        }

        static Prerequisites find() {
            List<String> missing = new ArrayList<>();
            Optional<Path> chromium = Optional.ofNullable(System.getenv(CHROMIUM))
                    .map(Path::of)
                    .filter(Files::isExecutable)
                    .or(() -> onPath("chromium"))
                    .or(() -> onPath("chromium-browser"));
            if (chromium.isEmpty()) {
                missing.add("no Chromium executable (looked for $" + CHROMIUM + ", chromium and chromium-browser on"
                        + " the PATH)");
            }
            Optional<Path> node = onPath("node");
            if (node.isEmpty()) {
                missing.add("no 'node' on the PATH");
            }
            if (!Files.isRegularFile(SCRIPT_FOLDER.resolve("node_modules/playwright-core/package.json"))) {
                missing.add("playwright-core is not installed in api/src/test/browser (no node_modules there)");
            }
            return new Prerequisites(chromium.orElse(null), node.orElse(null), List.copyOf(missing));
        }

        private static Optional<Path> onPath(String name) {
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
            return Stream.of(path.split(java.io.File.pathSeparator))
                    .filter(directory -> !directory.isBlank())
                    .map(directory -> Path.of(directory, name))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }
}
