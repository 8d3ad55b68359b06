package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of one ingest benchmark run, parsed from the command line of {@code bench/ingest/run}.
 *
 * @param rows rows to generate; ignored when {@code targetBytes} is positive
 * @param targetBytes when positive, generate rows until the file holds this many bytes (the bounded-memory check)
 * @param rounds measured rounds; each runs the bare parse and the validation once, in alternating order
 * @param warmupRows rows of the separate warm-up file, run twice through both before measuring (0: no warm-up)
 * @param phases after the measured rounds, sample one more validation run to show where its time goes
 * @param directory where the work directory is created (a new directory under {@code java.io.tmpdir} when empty)
 * @param keep keep the generated files and the work directory
 */
public record BenchmarkOptions(
        FileKind kind,
        long rows,
        long targetBytes,
        long seed,
        int rounds,
        long warmupRows,
        boolean phases,
        Optional<Path> directory,
        boolean keep,
        boolean help) {
    public static final long DEFAULT_ROWS = 10_000_000L;
    public static final long DEFAULT_SEED = 42L;
    public static final long DEFAULT_WARMUP_ROWS = 200_000L;

    public static final String USAGE =
            """
            Usage: bench/ingest/run [ROWS] [--size SIZE] [--kind cts|national] [--rounds N] [--warmup-rows N]
                                    [--seed N] [--phases] [--dir DIR] [--keep] [--no-build]
              ROWS               rows to generate (default 10,000,000; 10m, 500k and 10_000_000 are accepted)
              --size SIZE        generate about SIZE bytes instead (e.g. 2g, 500m): the bounded-memory check
              --kind KIND        cts (a dataUNODC export, default) or national (the aggregated national template)
              --rounds N         measured rounds, bare parse and validation interleaved (default 2; 1 with --size)
              --warmup-rows N    rows of the warm-up file, run twice through both first (default 200,000; 0: none)
              --seed N           generator seed (default 42): the same seed and size give the same file
              --phases           one more validation run, sampled: where ingest's time goes (landing, encoding
                                 check, decimal pass, reading rows, validators, DuckDB appender, whole-file
                                 checks, COPY to Parquet), with the resident memory of each step
              --dir DIR          create the work directory under DIR (default: the system temporary directory)
              --keep             keep the generated files (they are deleted by default)
              --no-build         (bench/ingest/run only) do not rebuild, run the jar as it is
            Environment: BENCH_HEAP (default 512m) sets -Xmx; BENCH_JAVA_OPTS adds JVM options.
            """;

    public BenchmarkOptions {
        requireNonNull(kind, "kind is null");
        requireNonNull(directory, "directory is null");
        if (rows <= 0 && targetBytes <= 0) {
            throw new IllegalArgumentException("The row count must be positive: " + rows);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1: " + rounds);
        }
        if (warmupRows < 0) {
            throw new IllegalArgumentException("--warmup-rows cannot be negative: " + warmupRows);
        }
    }

    /** The same options with the work directory created under {@code newDirectory}. */
    public BenchmarkOptions withDirectory(Path newDirectory) {
        return new BenchmarkOptions(
                kind, rows, targetBytes, seed, rounds, warmupRows, phases, Optional.of(newDirectory), keep, help);
    }

    /** Whether the file is sized in bytes (the bounded-memory check) rather than in rows. */
    public boolean sizedInBytes() {
        return targetBytes > 0;
    }

    /** Parses the command line; unknown options and malformed numbers fail with what to write instead. */
    public static BenchmarkOptions parse(String... arguments) {
        FileKind kind = FileKind.CTS;
        long rows = DEFAULT_ROWS;
        long targetBytes = 0;
        long seed = DEFAULT_SEED;
        Integer rounds = null;
        long warmupRows = DEFAULT_WARMUP_ROWS;
        boolean phases = false;
        Optional<Path> directory = Optional.empty();
        boolean keep = false;
        boolean help = false;
        for (int index = 0; index < arguments.length; index++) {
            String argument = arguments[index];
            switch (argument) {
                case "--size" -> targetBytes = parseBytes(value(arguments, ++index, argument));
                case "--kind" -> kind = FileKind.fromCliName(value(arguments, ++index, argument));
                case "--rounds" -> rounds = (int) parseCount(value(arguments, ++index, argument), argument);
                case "--warmup-rows" -> warmupRows = parseCount(value(arguments, ++index, argument), argument);
                case "--seed" -> seed = parseCount(value(arguments, ++index, argument), argument);
                case "--phases" -> phases = true;
                case "--dir" -> directory = Optional.of(Path.of(value(arguments, ++index, argument)));
                case "--keep" -> keep = true;
                case "--help", "-h" -> help = true;
                default -> {
                    if (argument.startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option '%s'".formatted(argument));
                    }
                    rows = parseCount(argument, "ROWS");
                }
            }
        }
        int effectiveRounds = rounds != null ? rounds : targetBytes > 0 ? 1 : 2;
        return new BenchmarkOptions(
                kind, rows, targetBytes, seed, effectiveRounds, warmupRows, phases, directory, keep, help);
    }

    private static String value(String[] arguments, int index, String option) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException("Option %s needs a value".formatted(option));
        }
        return arguments[index];
    }

    /** A count such as {@code 10000000}, {@code 10_000_000}, {@code 10,000,000}, {@code 10m} or {@code 500k}. */
    static long parseCount(String text, String what) {
        String plain = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        long multiplier = 1;
        if (plain.endsWith("k")) {
            multiplier = 1_000L;
        } else if (plain.endsWith("m")) {
            multiplier = 1_000_000L;
        } else if (plain.endsWith("g")) {
            multiplier = 1_000_000_000L;
        }
        String digits = multiplier == 1 ? plain : plain.substring(0, plain.length() - 1);
        try {
            long value = Math.multiplyExact(Long.parseLong(digits), multiplier);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "%s: '%s' is not a count; write digits, optionally with k or m, e.g. 10000000 or 10m"
                            .formatted(what, text));
        }
    }

    /** A size such as {@code 2g}, {@code 2GB}, {@code 500m} or {@code 2147483648} (k, m, g, t are powers of 1024). */
    static long parseBytes(String text) {
        String plain = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
        if (plain.endsWith("ib")) {
            plain = plain.substring(0, plain.length() - 2);
        } else if (plain.endsWith("b")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        long multiplier = 1;
        char unit = plain.isEmpty() ? ' ' : plain.charAt(plain.length() - 1);
        switch (unit) {
            case 'k' -> multiplier = 1L << 10;
            case 'm' -> multiplier = 1L << 20;
            case 'g' -> multiplier = 1L << 30;
            case 't' -> multiplier = 1L << 40;
            default -> multiplier = 1;
        }
        String number = multiplier == 1 ? plain : plain.substring(0, plain.length() - 1);
        try {
            double value = Double.parseDouble(number) * multiplier;
            if (!(value > 0) || value > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--size: '%s' is not a size; write e.g. 2g, 500m or a number of bytes".formatted(text));
        }
    }
}
