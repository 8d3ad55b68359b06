package org.observatory.bench.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one benchmark run does: how many incident rows to stage across the member states, the size of the national
 * file timed through the command line, warm-up, rounds, the generator's seed, the country that gets a new submission
 * for the incremental run, where to work, and the deployment's member list (default the 35 OAS member states).
 *
 * @param home the repository root (for {@code ./observatory}); needed only when {@code cliRows > 0}
 */
public record BenchmarkOptions(
        long rows,
        long cliRows,
        long warmupRows,
        int rounds,
        long seed,
        String incrementalCountry,
        Optional<Path> directory,
        boolean keep,
        Optional<Path> members,
        Optional<Path> home) {
    public static final long DEFAULT_ROWS = 10_000_000;
    public static final long DEFAULT_CLI_ROWS = 1_000_000;
    public static final long DEFAULT_WARMUP_ROWS = 200_000;
    public static final String DEFAULT_INCREMENTAL_COUNTRY = "JAM";

    static final String USAGE =
            """
            usage: bench/pipeline/run [ROWS] [options]
              ROWS                     incident rows staged across the 35 member states (default 10m; e.g. 1m, 500k, 2_000_000)
              --cli-rows N             rows of the national file timed through ./observatory pipeline run (default 1m; 0 skips it)
              --warmup-rows N          rows of the warm-up data set (default 200k; 0 for no warm-up)
              --rounds N               measured rounds (default 1)
              --seed N                 generator seed (default 42)
              --incremental-country C  the member state that gets a new submission for the incremental run (default JAM)
              --members FILE           the member list, in the format of schemas' codelists/members.csv (default the 35 OAS members)
              --dir DIR                where to create the work directory (default java.io.tmpdir)
              --keep                   keep the work directory
              --no-build               (bench/pipeline/run only) run the jar as it is
            """;

    private static final Pattern SIZE = Pattern.compile("(\\d[\\d_]*)([km]?)");

    public BenchmarkOptions {
        if (rows < 1) {
            throw new IllegalArgumentException("ROWS must be at least 1, got " + rows);
        }
        if (cliRows < 0 || warmupRows < 0) {
            throw new IllegalArgumentException("--cli-rows and --warmup-rows must not be negative");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        requireNonNull(incrementalCountry, "incrementalCountry is null");
        requireNonNull(directory, "directory is null");
        requireNonNull(members, "members is null");
        requireNonNull(home, "home is null");
        if (cliRows > 0 && home.isEmpty()) {
            throw new IllegalArgumentException(
                    "--cli-rows needs the repository root (system property observatory.home, set by bench/pipeline/run);"
                            + " pass --cli-rows 0 to skip the command-line measurement");
        }
    }

    /**
     * Parses the command line.
     *
     * @param home the repository root, from the system property {@code observatory.home}
     * @throws IllegalArgumentException for a wrong option or value, with a message that says which
     */
    public static BenchmarkOptions parse(String[] args, Optional<Path> home) {
        long rows = DEFAULT_ROWS;
        long cliRows = DEFAULT_CLI_ROWS;
        long warmupRows = DEFAULT_WARMUP_ROWS;
        int rounds = 1;
        long seed = 42;
        String country = DEFAULT_INCREMENTAL_COUNTRY;
        Optional<Path> directory = Optional.empty();
        Optional<Path> members = Optional.empty();
        boolean keep = false;
        boolean rowsSeen = false;
        for (int index = 0; index < args.length; index++) {
            String argument = args[index];
            switch (argument) {
                case "--cli-rows" -> cliRows = size(value(args, ++index, argument), argument);
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
        return new BenchmarkOptions(rows, cliRows, warmupRows, rounds, seed, country, directory, keep, members, home);
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
