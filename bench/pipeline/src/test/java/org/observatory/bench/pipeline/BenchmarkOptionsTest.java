package org.observatory.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {
    private static final Optional<Path> HOME = Optional.of(Path.of("repository"));

    @Test
    void defaultsToTenMillionRowsAndAOneMillionRowCommandLineFile() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[0], HOME);

        assertThat(options.rows()).isEqualTo(10_000_000);
        assertThat(options.sparkRows()).containsExactly(10_000_000L);
        assertThat(options.skipped()).isEmpty();
        assertThat(options.cliEngine()).isEmpty();
        assertThat(options.cliRows()).isEqualTo(1_000_000);
        assertThat(options.warmupRows()).isEqualTo(200_000);
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.incrementalCountry()).isEqualTo("JAM");
    }

    @Test
    void readsCountsWithSuffixesAndUnderscoresAndEveryOption() {
        BenchmarkOptions options = BenchmarkOptions.parse(
                new String[] {
                    "1m",
                    "--spark-rows",
                    "10m,50m",
                    "--skip",
                    "demo,Memory",
                    "--cli-engine",
                    "spark",
                    "--cli-rows",
                    "500k",
                    "--warmup-rows",
                    "2_000",
                    "--rounds",
                    "3",
                    "--incremental-country",
                    "col",
                    "--seed",
                    "7",
                    "--keep",
                    "--members",
                    "members.csv"
                },
                HOME);

        assertThat(options.rows()).isEqualTo(1_000_000);
        assertThat(options.sparkRows()).containsExactly(10_000_000L, 50_000_000L);
        assertThat(options.skipped())
                .containsExactlyInAnyOrder(BenchmarkOptions.Part.DEMO, BenchmarkOptions.Part.MEMORY);
        assertThat(options.runs(BenchmarkOptions.Part.SPARK)).isTrue();
        assertThat(options.cliEngine()).contains("spark");
        assertThat(options.cliRows()).isEqualTo(500_000);
        assertThat(options.warmupRows()).isEqualTo(2_000);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.incrementalCountry()).isEqualTo("COL");
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.keep()).isTrue();
        assertThat(options.members()).contains(Path.of("members.csv"));
    }

    @Test
    void rejectsASizeThatIsNotACount() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"ten"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ROWS: 'ten' is not a count; write e.g. 10000000, 10_000_000, 10m or 500k");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rounds"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--rounds needs a value");
    }

    @Test
    void rejectsAPartToSkipThatDoesNotExist() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--skip", "spark,ui"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--skip: 'ui' is not a part; write spark, cli, demo or memory");
    }

    @Test
    void needsTheRepositoryRootToTimeTheCommandLineAndTheDemo() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"1m", "--skip", "cli"}, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the command line and the demo need the repository root (system property"
                        + " observatory.home");

        BenchmarkOptions options =
                BenchmarkOptions.parse(new String[] {"1m", "--cli-rows", "0", "--skip", "demo"}, Optional.empty());
        assertThat(options.runsCommandLine()).isFalse();
        assertThat(options.runs(BenchmarkOptions.Part.DEMO)).isFalse();
    }
}
