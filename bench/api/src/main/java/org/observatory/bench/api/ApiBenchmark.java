package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The API benchmark (bench/api/README.md): on a generated snapshot, wrk rotating over every country x indicator
 * series route and over every HTML country page (without and with gzip) against {@code /health} of the same server
 * in the same run, with the response cache on and off, then the latency of a first request of a country page and of
 * a series after a snapshot switch (nothing cached). Prints the ratios. With {@code
 * --during-publish}, the series routes while a new snapshot is published against the same without a publication
 * ({@link DuringPublication}).
 */
public final class ApiBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TRIVIAL = "/health";

    private ApiBenchmark() {}

    /** Which measurements a run makes. */
    enum Mode {
        /** Series against /health, response cache on and off, and the first request after a switch. */
        CACHE,
        /** The series routes during a publication against the same without one ({@link DuringPublication}). */
        DURING_PUBLISH
    }

    /** What publishes the new snapshot in {@link Mode#DURING_PUBLISH}. */
    enum Publisher {
        /** {@link PipelinePublishing}: the observatory command, a real upload and pipeline run. */
        PIPELINE,
        /** {@link GeneratedPublishing}: a generated snapshot, CURRENT replaced the pipeline's way. */
        GENERATED;

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Publisher of(String text) {
            for (Publisher publisher : values()) {
                if (publisher.optionName().equals(text)) {
                    return publisher;
                }
            }
            throw new IllegalArgumentException("--publisher must be pipeline or generated, not '%s'".formatted(text));
        }
    }

    /** What the benchmark is asked to do. */
    record Options(
            Mode mode,
            int seconds,
            int warmupSeconds,
            int threads,
            int connections,
            int switches,
            int years,
            long cacheMegabytes,
            Publisher publisher,
            int publishAfterSeconds,
            int settleSeconds,
            Optional<Path> observatory,
            Path directory,
            boolean keep) {
        Options {
            requireNonNull(mode, "mode is null");
            requireNonNull(publisher, "publisher is null");
            requireNonNull(observatory, "observatory is null");
            requireNonNull(directory, "directory is null");
        }

        static Options parse(String[] arguments) {
            Mode mode = Mode.CACHE;
            int seconds = 60;
            int warmup = 5;
            int threads = 1;
            int connections = 8;
            int switches = 20;
            int years = 10;
            long cache = ApiConfig.DEFAULT_RESPONSE_CACHE_BYTES >> 20;
            Publisher publisher = Publisher.PIPELINE;
            int publishAfter = 5;
            int settle = 5;
            Optional<Path> observatory = Optional.ofNullable(System.getProperty(OBSERVATORY_PROPERTY))
                    .map(Path::of);
            Path directory = Path.of(System.getProperty("java.io.tmpdir"));
            boolean keep = false;
            for (int index = 0; index < arguments.length; index++) {
                String argument = arguments[index];
                switch (argument) {
                    case "--seconds" -> seconds = positive(arguments, ++index, argument);
                    case "--warmup" -> warmup = nonNegative(arguments, ++index, argument);
                    case "--threads" -> threads = positive(arguments, ++index, argument);
                    case "--connections" -> connections = positive(arguments, ++index, argument);
                    case "--switches" -> switches = nonNegative(arguments, ++index, argument);
                    case "--years" -> years = positive(arguments, ++index, argument);
                    case "--cache-mb" -> cache = positive(arguments, ++index, argument);
                    case "--during-publish" -> mode = Mode.DURING_PUBLISH;
                    case "--publisher" -> publisher = Publisher.of(value(arguments, ++index, argument));
                    case "--publish-after" -> publishAfter = nonNegative(arguments, ++index, argument);
                    case "--settle" -> settle = nonNegative(arguments, ++index, argument);
                    case "--observatory" -> observatory = Optional.of(Path.of(value(arguments, ++index, argument)));
                    case "--dir" -> directory = Path.of(value(arguments, ++index, argument));
                    case "--keep" -> keep = true;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option '%s'; --help lists them".formatted(argument));
                }
            }
            return new Options(
                    mode,
                    seconds,
                    warmup,
                    threads,
                    connections,
                    switches,
                    years,
                    cache,
                    publisher,
                    publishAfter,
                    settle,
                    observatory,
                    directory,
                    keep);
        }

        private static String value(String[] arguments, int index, String option) {
            if (index >= arguments.length) {
                throw new IllegalArgumentException("%s needs a value".formatted(option));
            }
            return arguments[index];
        }

        private static int nonNegative(String[] arguments, int index, String option) {
            String text = value(arguments, index, option);
            try {
                int number = Integer.parseInt(text);
                if (number >= 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "%s must be a whole number of at least 0, not '%s'".formatted(option, text));
        }

        private static int positive(String[] arguments, int index, String option) {
            int number = nonNegative(arguments, index, option);
            if (number == 0) {
                throw new IllegalArgumentException("%s must be at least 1".formatted(option));
            }
            return number;
        }
    }

    /** The system property bench/api/run sets to the repository's observatory script. */
    static final String OBSERVATORY_PROPERTY = "bench.observatory";

    static final String USAGE =
            """
            bench/api/run [options]                    series, country pages vs /health, cache on and off, switches
            bench/api/run --during-publish [options]   series during a publication vs the same without one
              --seconds N         seconds of each wrk measurement (default 60; e.g. 5 for a quick check)
              --warmup N          seconds of wrk warm-up per route list and server (default 5)
              --threads N         wrk threads (default 1)
              --connections N     wrk connections (default 8)
              --switches N        snapshot switches timed for the first-request latency (default 20)
              --years N           years per series in the generated snapshot (default 10)
              --cache-mb N        response cache size when on, in this JVM's server (default 64)
              --publisher P       with --during-publish: pipeline (default; the observatory command: sample data,
                                  an upload and a pipeline run through `observatory serve`) or generated (a
                                  generated snapshot published the pipeline's way, server in this JVM)
              --publish-after N   with --during-publish: seconds into the run the publication starts (default 5)
              --settle N          with --during-publish: seconds wrk goes on after the switch (default 5)
              --observatory PATH  the observatory script (bench/api/run gives the repository's)
              --dir DIR           where to create the work directory (default java.io.tmpdir)
              --keep              keep the work directory
            """;

    /** One measured route list on one server. */
    record Measurement(String cache, String route, String label, Wrk.Result result) {}

    /**
     * A list of routes wrk rotates over, measured against the trivial route on the same server: {@code name} names
     * it in the measurements, {@code label} in the table; every request carries {@code headers} (e.g. {@code
     * Accept-Encoding: gzip}, as browsers send); {@code goalCacheOn} is the least throughput ratio against the
     * trivial route wanted with the response cache on (NaN: reported only).
     */
    record Rotation(String name, String label, List<String> paths, Map<String, String> headers, double goalCacheOn) {
        Rotation {
            requireNonNull(name, "name is null");
            requireNonNull(label, "label is null");
            paths = List.copyOf(paths);
            headers = Map.copyOf(requireNonNull(headers, "headers is null"));
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a rotation needs at least one path: " + name);
            }
        }
    }

    /** What browsers send: every one accepts gzip. */
    static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
    /** Goal of issue 15: series routes against the trivial route, response cache on. */
    static final double SERIES_GOAL = 0.5;
    /** Goal of issue 15: country pages, as browsers ask for them (gzip), against the trivial route, cache on. */
    static final double COUNTRY_PAGES_GOAL = 0.3;
    /** Goal of issue 15: a country page's first hit over HTTP after a snapshot switch. */
    static final double COUNTRY_PAGE_FIRST_HIT_GOAL_MILLIS = 100;
    /** The languages the country pages are measured in, each at {@code /{lang}/countries/{iso3}}. */
    static final List<String> PAGE_LANGUAGES = List.of("en", "es");

    /** A rotation's throughput against the trivial route's on the same server, with the response cache on or off. */
    record Ratio(String rotation, String cache, double ratio, double goal) {}

    /** A country page's size as sent, without and with gzip (the median over the pages checked). */
    record PageSizes(long identityBytes, long gzipBytes) {}

    /** The whole outcome. */
    record Report(
            int seriesRoutes,
            long indicatorRows,
            List<Measurement> measurements,
            double ratioCacheOn,
            double ratioCacheOff,
            List<Double> firstRequestMillis,
            List<Double> repeatedRequestMillis,
            List<Double> noticedMillis,
            int countryPages,
            List<Double> firstPageMillis,
            List<Double> repeatedPageMillis,
            PageSizes pageSizes,
            List<Ratio> ratios,
            QueryLatency.Result queries,
            boolean clean) {}

    public static void main(String[] arguments) {
        if (List.of(arguments).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (!Wrk.installed()) {
            System.err.println(Wrk.INSTALL_HINT);
            System.exit(2);
            return;
        }
        if (options.mode() == Mode.DURING_PUBLISH) {
            DuringPublication.Report report = duringPublication(options, System.err);
            DuringPublication.print(report, options, System.out);
            System.exit(report.clean() ? 0 : 1);
            return;
        }
        Report report = run(options, System.err);
        print(report, options, System.out);
        System.exit(report.clean() ? 0 : 1);
    }

    /** {@link Mode#DURING_PUBLISH}: in a new work directory, deleted afterwards unless {@code --keep}. */
    static DuringPublication.Report duringPublication(Options options, PrintStream progress) {
        Path work = workDirectory(options);
        try {
            return DuringPublication.run(options, work, progress);
        } finally {
            finish(work, options, progress);
        }
    }

    private static Path workDirectory(Options options) {
        try {
            Files.createDirectories(options.directory());
            return Files.createTempDirectory(options.directory(), "bench-api-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void finish(Path work, Options options, PrintStream progress) {
        if (!options.keep()) {
            delete(work);
        } else {
            progress.println("Kept " + work);
        }
    }

    static Report run(Options options, PrintStream progress) {
        Path work = workDirectory(options);
        try {
            Codelists codelists = Codelists.load();
            DataDirectory data = new DataDirectory(work.resolve("data"));
            GeneratedSnapshot generated = new GeneratedSnapshot(data, codelists);
            progress.println("Generating the snapshot ...");
            long rows = generated.write("bench-0000", options.years(), 42);
            List<String> series = generated.seriesPaths(42);
            List<String> pages = countryPagePaths(generated.countries());
            List<Rotation> rotations = rotations(series, pages);
            Wrk wrk = new Wrk(options.threads(), options.connections());
            List<Measurement> measurements = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> repeated = new ArrayList<>();
            List<Double> noticed = new ArrayList<>();
            List<Double> firstPage = new ArrayList<>();
            List<Double> repeatedPage = new ArrayList<>();
            List<String> switched = new ArrayList<>();
            PageSizes pageSizes;
            boolean clean = true;

            ApiConfig cacheOn = ApiConfig.of(data, codelists).withResponseCacheBytes(options.cacheMegabytes() << 20);
            try (ApiServer server = ApiServer.start(cacheOn, "127.0.0.1", 0)) {
                checkEverySeries(server.baseUri(), series);
                pageSizes = checkEveryPage(server.baseUri(), pages);
                clean &= measure(wrk, server.baseUri(), "on", rotations, options, work, measurements, progress);
                String current = "bench-0000";
                List<String> countries = generated.countries();
                for (int index = 1; index <= options.switches(); index++) {
                    String next = "bench-%04d".formatted(index);
                    generated.republish(current, next);
                    long published = System.nanoTime();
                    awaitSnapshot(server.baseUri(), next);
                    noticed.add((System.nanoTime() - published) / 1e6);
                    String path = series.get(index % series.size());
                    // a country page first, of another country than the series request's: nothing of it read yet
                    String seriesCountry = path.split("/")[4];
                    String country = countries.get(index % countries.size());
                    if (country.equals(seriesCountry)) {
                        country = countries.get((index + 1) % countries.size());
                    }
                    String page =
                            "/%s/countries/%s".formatted(PAGE_LANGUAGES.get(index % PAGE_LANGUAGES.size()), country);
                    firstPage.add(timeGet(server.baseUri(), page, GZIP));
                    repeatedPage.add(timeGet(server.baseUri(), page, GZIP));
                    first.add(timeGet(server.baseUri(), path));
                    repeated.add(timeGet(server.baseUri(), path));
                    current = next;
                    switched.add(next);
                }
            }
            progress.printf("Timing uncached queries on %d snapshots ...%n", switched.size());
            QueryLatency.Result queries = QueryLatency.measure(
                    data,
                    switched.isEmpty() ? List.of("bench-0000") : switched,
                    generated.countries(),
                    generated.series(42));
            ApiConfig cacheOff = ApiConfig.of(data, codelists).withResponseCacheBytes(0);
            try (ApiServer server = ApiServer.start(cacheOff, "127.0.0.1", 0)) {
                clean &= measure(wrk, server.baseUri(), "off", rotations, options, work, measurements, progress);
            }
            return new Report(
                    series.size(),
                    rows,
                    measurements,
                    ratio(measurements, "on", "series"),
                    ratio(measurements, "off", "series"),
                    first,
                    repeated,
                    noticed,
                    pages.size(),
                    firstPage,
                    repeatedPage,
                    pageSizes,
                    ratios(measurements, rotations),
                    queries,
                    clean);
        } finally {
            finish(work, options, progress);
        }
    }

    /**
     * The route lists measured against the trivial route: every country x indicator series route (JSON, asked for
     * without Accept-Encoding, as API clients often do), and every HTML country page twice: without Accept-Encoding
     * (reported) and with {@code Accept-Encoding: gzip}, what every browser sends, which carries the goal.
     */
    static List<Rotation> rotations(List<String> series, List<String> pages) {
        return List.of(
                new Rotation("series", "series (rotating)", series, Map.of(), SERIES_GOAL),
                new Rotation(
                        "country-pages", "country pages, no Accept-Encoding (rotating)", pages, Map.of(), Double.NaN),
                new Rotation(
                        "country-pages-gzip",
                        "country pages, Accept-Encoding: gzip (rotating)",
                        pages,
                        GZIP,
                        COUNTRY_PAGES_GOAL));
    }

    /** Every member state's country page in every measured language, country by country in code order. */
    static List<String> countryPagePaths(List<String> countries) {
        List<String> paths = new ArrayList<>();
        for (String country : countries) {
            for (String language : PAGE_LANGUAGES) {
                paths.add("/%s/countries/%s".formatted(language, country));
            }
        }
        return List.copyOf(paths);
    }

    private static boolean measure(
            Wrk wrk,
            URI base,
            String cache,
            List<Rotation> rotations,
            Options options,
            Path work,
            List<Measurement> measurements,
            PrintStream progress) {
        if (options.warmupSeconds() > 0) {
            progress.printf("Warming up (cache %s) ...%n", cache);
            wrk.run(base, List.of(TRIVIAL), options.warmupSeconds(), work);
            for (Rotation rotation : rotations) {
                wrk.run(base, rotation.paths(), rotation.headers(), options.warmupSeconds(), work);
            }
        }
        List<Rotation> measured = new ArrayList<>();
        measured.add(new Rotation("trivial", TRIVIAL, List.of(TRIVIAL), Map.of(), Double.NaN));
        measured.addAll(rotations);
        boolean clean = true;
        for (Rotation rotation : measured) {
            progress.printf("Measuring %s routes, cache %s, %d s ...%n", rotation.name(), cache, options.seconds());
            Wrk.Result result = wrk.run(base, rotation.paths(), rotation.headers(), options.seconds(), work);
            measurements.add(new Measurement(cache, rotation.name(), rotation.label(), result));
            clean &= result.non2xx() == 0 && result.socketErrors() == 0 && result.requests() > 0;
        }
        return clean;
    }

    private static double ratio(List<Measurement> measurements, String cache, String rotation) {
        double trivial = find(measurements, cache, "trivial").result().requestsPerSecond();
        double routes = find(measurements, cache, rotation).result().requestsPerSecond();
        return routes / trivial;
    }

    private static List<Ratio> ratios(List<Measurement> measurements, List<Rotation> rotations) {
        List<Ratio> ratios = new ArrayList<>();
        for (String cache : List.of("on", "off")) {
            for (Rotation rotation : rotations) {
                ratios.add(new Ratio(
                        rotation.name(),
                        cache,
                        ratio(measurements, cache, rotation.name()),
                        cache.equals("on") ? rotation.goalCacheOn() : Double.NaN));
            }
        }
        return List.copyOf(ratios);
    }

    private static Measurement find(List<Measurement> measurements, String cache, String route) {
        return measurements.stream()
                .filter(measurement ->
                        measurement.cache().equals(cache) && measurement.route().equals(route))
                .findFirst()
                .orElseThrow();
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> get(URI base, String path) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> getBytes(URI base, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every series route answers 200 with values: the rotation measures real work, not 404s. */
    static void checkEverySeries(URI base, List<String> series) {
        for (String path : series) {
            HttpResponse<String> response = get(base, path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "%s answered %d: %s".formatted(path, response.statusCode(), response.body()));
            }
            try {
                JsonNode body = MAPPER.readTree(response.body());
                if (body.path("observations").isEmpty()) {
                    throw new IllegalStateException(path + " has no observations");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every country page answers 200 with HTML, and with {@code Accept-Encoding: gzip} a gzip body that decompresses
     * (once) to the same page: the rotation measures real pages, compressed once. Returns the median sizes.
     */
    static PageSizes checkEveryPage(URI base, List<String> pages) {
        List<Double> identitySizes = new ArrayList<>();
        List<Double> gzipSizes = new ArrayList<>();
        for (String path : pages) {
            HttpResponse<byte[]> identity = getBytes(base, path, Map.of());
            HttpResponse<byte[]> gzip = getBytes(base, path, GZIP);
            for (HttpResponse<byte[]> response : List.of(identity, gzip)) {
                if (response.statusCode() != 200
                        || !response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("text/html")) {
                    throw new IllegalStateException("%s answered %d %s: %s"
                            .formatted(
                                    path,
                                    response.statusCode(),
                                    response.headers()
                                            .firstValue("Content-Type")
                                            .orElse("(no Content-Type)"),
                                    new String(response.body(), StandardCharsets.UTF_8)));
                }
            }
            if (identity.headers().firstValue("Content-Encoding").isPresent()) {
                throw new IllegalStateException(path + " was compressed for a client that accepts no encoding");
            }
            if (!gzip.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                throw new IllegalStateException(path + " was not gzipped for a client that accepts gzip");
            }
            if (!Arrays.equals(gunzip(path, gzip.body()), identity.body())) {
                throw new IllegalStateException(path + ": the gzip body does not decompress to the identity body");
            }
            identitySizes.add((double) identity.body().length);
            gzipSizes.add((double) gzip.body().length);
        }
        return new PageSizes(Math.round(median(identitySizes)), Math.round(median(gzipSizes)));
    }

    private static byte[] gunzip(String path, byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(path + ": the gzip body does not decompress: " + e.getMessage(), e);
        }
    }

    private static void awaitSnapshot(URI base, String snapshotId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (MAPPER.readTree(get(base, TRIVIAL).body())
                        .path("snapshotId")
                        .asText()
                        .equals(snapshotId)) {
                    return;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The server did not switch to snapshot %s within 10 s".formatted(snapshotId));
    }

    private static double timeGet(URI base, String path) {
        return timeGet(base, path, Map.of());
    }

    private static double timeGet(URI base, String path, Map<String, String> headers) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = getBytes(base, path, headers);
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("%s answered %d".formatted(path, response.statusCode()));
        }
        return millis;
    }

    /** The value below which that fraction of the values lie (nearest rank); 1 gives the largest. */
    static double percentile(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static void print(Report report, Options options, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "API benchmark: %d series routes (35 member states x indicators), %,d indicator rows, synthetic%n",
                report.seriesRoutes(),
                report.indicatorRows());
        out.printf(
                Locale.ROOT,
                "Country pages: %d (35 member states x %s), median %,d bytes as HTML, %,d bytes gzipped%n",
                report.countryPages(),
                String.join(", ", PAGE_LANGUAGES),
                report.pageSizes().identityBytes(),
                report.pageSizes().gzipBytes());
        out.printf(
                Locale.ROOT,
                "wrk -t%d -c%d, %d s per measurement after %d s of warm-up; server in the benchmark JVM; %d CPUs;"
                        + " Java %s; load average %s%n%n",
                options.threads(),
                options.connections(),
                options.seconds(),
                options.warmupSeconds(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAverage());
        out.println(
                "| response cache | route | requests | requests/s | p50 ms | p99 ms | max ms | non-2xx | socket errors |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (Measurement measurement : report.measurements()) {
            Wrk.Result result = measurement.result();
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %,d | %,.0f | %.2f | %.2f | %.2f | %d | %d |%n",
                    measurement.cache(),
                    measurement.label(),
                    result.requests(),
                    result.requestsPerSecond(),
                    result.p50Millis(),
                    result.p99Millis(),
                    result.maxMillis(),
                    result.non2xx(),
                    result.socketErrors());
        }
        out.println();
        for (Ratio ratio : report.ratios()) {
            out.printf(
                    Locale.ROOT,
                    "Throughput ratio %s / trivial, cache %s:%s %.3f (%s)%n",
                    ratio.rotation(),
                    ratio.cache(),
                    ratio.cache().equals("on") ? " " : "",
                    ratio.ratio(),
                    Double.isNaN(ratio.goal())
                            ? "reported"
                            : "goal >= %s: %s"
                                    .formatted(ratio.goal(), ratio.ratio() >= ratio.goal() ? "met" : "NOT met"));
        }
        if (!report.firstRequestMillis().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "First series request after a snapshot switch (nothing cached), %d switches: median %.2f ms,"
                            + " max %.2f ms; the same request repeated (cached): median %.2f ms%n",
                    report.firstRequestMillis().size(),
                    median(report.firstRequestMillis()),
                    report.firstRequestMillis().stream()
                            .max(Comparator.naturalOrder())
                            .orElse(Double.NaN),
                    median(report.repeatedRequestMillis()));
            double pageMedian = median(report.firstPageMillis());
            out.printf(
                    Locale.ROOT,
                    "First country page request after a snapshot switch (over HTTP, Accept-Encoding: gzip; nothing"
                            + " of that country read or cached), %d switches: median %.2f ms, max %.2f ms (goal <= %.0f"
                            + " ms: %s); the same page repeated (cached): median %.2f ms%n",
                    report.firstPageMillis().size(),
                    pageMedian,
                    percentile(report.firstPageMillis(), 1),
                    COUNTRY_PAGE_FIRST_HIT_GOAL_MILLIS,
                    pageMedian <= COUNTRY_PAGE_FIRST_HIT_GOAL_MILLIS ? "met" : "NOT met",
                    median(report.repeatedPageMillis()));
            out.printf(
                    Locale.ROOT,
                    "New CURRENT served after: median %.0f ms, max %.0f ms (design: within 1000 ms)%n",
                    median(report.noticedMillis()),
                    report.noticedMillis().stream()
                            .max(Comparator.naturalOrder())
                            .orElse(Double.NaN));
        }
        QueryLatency.Result queries = report.queries();
        out.printf(
                Locale.ROOT,
                "Uncached series query (SnapshotRepository.series, national totals, no response cache; a fresh"
                        + " repository per snapshot, rotating over the %d series), %d queries on %d snapshots:"
                        + " median %.3f ms (goal <= %.0f ms: %s), p99 %.2f ms, max %.2f ms; a country's first query in"
                        + " a snapshot (reads its partition): median %.2f ms%n",
                report.seriesRoutes(),
                queries.seriesMillis().size(),
                queries.countryPageMillis().size(),
                median(queries.seriesMillis()),
                QueryLatency.SERIES_GOAL_MILLIS,
                median(queries.seriesMillis()) <= QueryLatency.SERIES_GOAL_MILLIS ? "met" : "NOT met",
                percentile(queries.seriesMillis(), 0.99),
                percentile(queries.seriesMillis(), 1),
                median(queries.firstOfCountryMillis()));
        out.printf(
                Locale.ROOT,
                "Country page data, first hit on a snapshot nothing has read (countrySeries + coverage of one country:"
                        + " every indicator, totals and disaggregations), %d snapshots: median %.2f ms, max %.2f ms"
                        + " (goal <= %.0f ms: %s)%n",
                queries.countryPageMillis().size(),
                median(queries.countryPageMillis()),
                percentile(queries.countryPageMillis(), 1),
                QueryLatency.COUNTRY_PAGE_GOAL_MILLIS,
                median(queries.countryPageMillis()) <= QueryLatency.COUNTRY_PAGE_GOAL_MILLIS ? "met" : "NOT met");
        out.printf(
                Locale.ROOT,
                "Every country's rows of one snapshot held in memory: %,d rows, about %.1f MiB of heap%n",
                queries.heldRows(),
                queries.heldBytes() / 1048576.0);
        if (!report.clean()) {
            out.println("A measurement saw non-2xx answers or socket errors: the figures above are NOT valid.");
        }
    }

    static String loadAverage() {
        try {
            // the first three fields: over 1, 5 and 15 minutes
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return String.join(" ", List.of(fields).subList(0, Math.min(3, fields.length)));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
