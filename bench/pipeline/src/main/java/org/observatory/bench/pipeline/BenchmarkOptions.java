package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one benchmark run does: how many incident rows to stage across the member states (the DuckDB engine's runs
 * and the memory run), the sizes of the Spark engine's runs, the size of the national file timed through the command
 * line, which parts to skip, warm-up, rounds, the generator's seed, the country that gets a new submission for the
 * incremental run, where to work, and the deployment's member list (default the 35 OAS member states).
 *
 * @param sparkRows the sizes of the Spark engine's runs; one equal to {@code rows} reuses its staged rows
 * @param home the repository root (for {@code ./observatory}); needed for the command line and the demo
 */
public record BenchmarkOptions(
        long rows,
        List<Long> sparkRows,
        long cliRows,
        long warmupRows,
        int rounds,
        long seed,
        String incrementalCountry,
        Set<Part> skipped,
        Optional<String> cliEngine,
        Optional<Path> directory,
        boolean keep,
        Optional<Path> members,
        Optional<Path> home) {
    public static final long DEFAULT_ROWS = 10_000_000;
    public static final long DEFAULT_CLI_ROWS = 1_000_000;
    public static final long DEFAULT_WARMUP_ROWS = 200_000;
    public static final String DEFAULT_INCREMENTAL_COUNTRY = "JAM";

    /** The parts of a run that {@code --skip} can leave out. */
    public enum Part {
        SPARK,
        CLI,
        DEMO,
        MEMORY;

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE =
            """
            usage: bench/pipeline/run [ROWS] [options]
              ROWS                     incident rows staged across the 35 member states, for the DuckDB engine and the
                                       memory run (default 10m; e.g. 1m, 500k, 2_000_000)
              --spark-rows LIST        sizes of the Spark engine's runs, e.g. 10m,50m (default ROWS)
              --cli-rows N             rows of the national file timed through ./observatory pipeline run (default 1m)
              --cli-engine NAME        pass --engine NAME to ./observatory pipeline run (default: the command's own)
              --skip LIST              leave out parts: spark, cli, demo, memory (e.g. --skip spark,demo)
              --warmup-rows N          rows of the warm-up data set (default 200k; 0 for no warm-up)
              --rounds N               measured rounds of the in-process runs (default 1)
              --seed N                 generator seed (default 42)
              --incremental-country C  the member state that gets a new submission for the incremental run (default JAM)
              --members FILE           the member list, in the format of schemas' codelists/members.csv (default the 35 OAS members)
              --dir DIR                where to create the work directory (default java.io.tmpdir)
              --keep                   keep the work directory
              --no-build               (bench/pipeline/run only) run the jars as they are
            """;

    private static final Pattern SIZE = Pattern.compile("(\\d[\\d_]*)([km]?)");

    public BenchmarkOptions {
        if (rows < 1) {
            throw new IllegalArgumentException("ROWS must be at least 1, got " + rows);
        }
        sparkRows = List.copyOf(requireNonNull(sparkRows, "sparkRows is null"));
        if (sparkRows.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("--spark-rows: every size must be at least 1, got " + sparkRows);
        }
        if (cliRows < 0 || warmupRows < 0) {
            throw new IllegalArgumentException("--cli-rows and --warmup-rows must not be negative");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        requireNonNull(incrementalCountry, "incrementalCountry is null");
        skipped = skipped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skipped));
        requireNonNull(cliEngine, "cliEngine is null");
        requireNonNull(directory, "directory is null");
        requireNonNull(members, "members is null");
        requireNonNull(home, "home is null");
        if ((!skipped.contains(Part.CLI) && cliRows > 0 || !skipped.contains(Part.DEMO)) && home.isEmpty()) {
            throw new IllegalArgumentException(
                    "the command line and the demo need the repository root (system property observatory.home, set by"
                            + " bench/pipeline/run); pass --skip cli,demo to leave them out");
        }
    }

    /** Whether the run includes this part. */
    public boolean runs(Part part) {
        return !skipped.contains(part);
    }

    /** Whether the command-line measurement runs. */
    public boolean runsCommandLine() {
        return runs(Part.CLI) && cliRows > 0;
    }

    /**
     * Parses the command line.
     *
     * @param home the repository root, from the system property {@code observatory.home}
     * @throws IllegalArgumentException for a wrong option or value, with a message that says which
     */
    public static BenchmarkOptions parse(String[] args, Optional<Path> home) {
        long rows = DEFAULT_ROWS;
        Optional<List<Long>> sparkRows = Optional.empty();
        long cliRows = DEFAULT_CLI_ROWS;
        long warmupRows = DEFAULT_WARMUP_ROWS;
        int rounds = 1;
        long seed = 42;
        String country = DEFAULT_INCREMENTAL_COUNTRY;
        Set<Part> skipped = EnumSet.noneOf(Part.class);
        Optional<String> cliEngine = Optional.empty();
        Optional<Path> directory = Optional.empty();
        Optional<Path> members = Optional.empty();
        boolean keep = false;
        boolean rowsSeen = false;
        for (int index = 0; index < args.length; index++) {
            String argument = args[index];
            switch (argument) {
                case "--spark-rows" -> sparkRows = Optional.of(sizes(value(args, ++index, argument), argument));
                case "--cli-rows" -> cliRows = size(value(args, ++index, argument), argument);
                case "--cli-engine" ->
                    cliEngine = Optional.of(value(args, ++index, argument).strip());
                case "--skip" -> skipped.addAll(parts(value(args, ++index, argument)));
                case "--warmup-rows" -> warmupRows = size(value(args, ++index, argument), argument);
                case "--rounds" -> rounds = Math.toIntExact(size(value(args, ++index, argument), argument));
                case "--seed" -> seed = number(value(args, ++index, argument), argument);
                case "--incremental-country" ->
                    country = value(args, ++index, argument).strip().toUpperCase(Locale.ROOT);
                case "--dir" -> directory = Optional.of(Path.of(value(args, ++index, argument)));
                case "--members" -> members = Optional.of(Path.of(value(args, ++index, argument)));
                case "--keep" -> keep = true;
                default -> {
                    if (argument.startsWith("-") || rowsSeen) {
                        throw new IllegalArgumentException("unknown argument '" + argument + "'");
                    }
                    rows = size(argument, "ROWS");
                    rowsSeen = true;
                }
            }
        }
        return new BenchmarkOptions(
                rows,
                sparkRows.orElse(List.of(rows)),
                cliRows,
                warmupRows,
                rounds,
                seed,
                country,
                skipped,
                cliEngine,
                directory,
                keep,
                members,
                home);
    }

    /** A count written as {@code 10000000}, {@code 10_000_000}, {@code 10m} or {@code 500k}. */
    static long size(String text, String option) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "%s: '%s' is not a count; write e.g. 10000000, 10_000_000, 10m or 500k".formatted(option, text));
        }
        long number = Long.parseLong(matcher.group(1).replace("_", ""));
        return switch (matcher.group(2)) {
            case "k" -> Math.multiplyExact(number, 1_000L);
            case "m" -> Math.multiplyExact(number, 1_000_000L);
            default -> number;
        };
    }

    private static List<Long> sizes(String text, String option) {
        List<Long> sizes = new ArrayList<>();
        for (String size : text.split(",")) {
            sizes.add(size(size, option));
        }
        return sizes;
    }

    private static Set<Part> parts(String text) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : text.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            parts.add(java.util.Arrays.stream(Part.values())
                    .filter(part -> part.cliName().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--skip: '%s' is not a part; write spark, cli, demo or memory".formatted(name))));
        }
        return parts;
    }

    private static long number(String text, String option) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("%s: '%s' is not a whole number".formatted(option, text), e);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
