package org.observatory.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on a tiny run (1 s per measurement), so it cannot rot; the run itself needs wrk installed. */
class ApiBenchmarkTest {

    @TempDir
    Path directory;

    @Test
    void runsEveryMeasurementAndPrintsTheRatios() {
        assertThat(Wrk.installed())
                .as(Wrk.INSTALL_HINT + " (the smoke run needs it; ./verify, README's test command, installs it)")
                .isTrue();
        ApiBenchmark.Options options = ApiBenchmark.Options.parse(new String[] {
            "--seconds", "1", "--warmup", "0", "--switches", "2", "--years", "2", "--dir", directory.toString()
        });
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ApiBenchmark.Report report = ApiBenchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(report.clean()).isTrue();
        assertThat(report.seriesRoutes()).isEqualTo(35 * 20);
        assertThat(report.measurements())
                .extracting(measurement -> measurement.cache() + " " + measurement.route())
                .containsExactly(
                        "on trivial",
                        "on series",
                        "on country-pages",
                        "on country-pages-gzip",
                        "off trivial",
                        "off series",
                        "off country-pages",
                        "off country-pages-gzip");
        assertThat(report.ratioCacheOn()).isPositive();
        assertThat(report.ratioCacheOff()).isPositive();
        assertThat(report.firstRequestMillis()).hasSize(2);
        assertThat(report.noticedMillis()).hasSize(2);
        assertThat(report.countryPages()).isEqualTo(35 * 2);
        assertThat(report.firstPageMillis()).hasSize(2);
        assertThat(report.repeatedPageMillis()).hasSize(2);
        // checkEveryPage compared each gzip body, decompressed once, with the identity body
        assertThat(report.pageSizes().gzipBytes())
                .isPositive()
                .isLessThan(report.pageSizes().identityBytes());
        assertThat(report.ratios())
                .extracting(ratio -> ratio.rotation() + " " + ratio.cache() + " " + ratio.goal())
                .containsExactly(
                        "series on 0.5",
                        "country-pages on NaN",
                        "country-pages-gzip on 0.3",
                        "series off NaN",
                        "country-pages off NaN",
                        "country-pages-gzip off NaN");
        // the repository measured without HTTP: 700 series on each of the 2 new snapshots, one country page each
        assertThat(report.queries().seriesMillis()).hasSize(2 * 35 * 20);
        assertThat(report.queries().firstOfCountryMillis()).hasSize(2 * 35);
        assertThat(report.queries().countryPageMillis()).hasSize(2);
        assertThat(report.queries().heldRows()).isEqualTo(report.indicatorRows());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiBenchmark.print(report, options, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Throughput ratio series / trivial, cache on:")
                .contains("Throughput ratio series / trivial, cache off:")
                .contains("Throughput ratio country-pages-gzip / trivial, cache on:  ")
                .contains("(goal >= 0.3: ")
                .contains("Country pages: 70 (35 member states x en, es), median ")
                .contains("First country page request after a snapshot switch (over HTTP, Accept-Encoding: gzip;")
                .contains("(goal <= 100 ms: ")
                .contains("First series request after a snapshot switch (nothing cached), 2 switches: median")
                .contains("Uncached series query (SnapshotRepository.series, national totals, no response cache;")
                .contains("1400 queries on 2 snapshots: median ")
                .contains("(goal <= 2 ms: ")
                .contains("Country page data, first hit on a snapshot nothing has read")
                .contains("(goal <= 100 ms: ")
                .contains("Every country's rows of one snapshot held in memory: "
                        + "%,d rows".formatted(report.indicatorRows()));
    }

    @Test
    void keepsEveryAnswer2xxWhileASnapshotIsPublished() {
        assertThat(Wrk.installed()).as(Wrk.INSTALL_HINT).isTrue();
        ApiBenchmark.Options options = ApiBenchmark.Options.parse(new String[] {
            "--during-publish",
            "--publisher",
            "generated",
            "--seconds",
            "2",
            "--warmup",
            "0",
            "--publish-after",
            "1",
            "--settle",
            "1",
            "--years",
            "2",
            "--dir",
            directory.toString()
        });
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DuringPublication.Report report =
                ApiBenchmark.duringPublication(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        // a correctness guarantee, not a timing threshold: no answer outside 2xx, no socket error, and the switch
        assertThat(report.failure()).isNull();
        for (Wrk.Result result : List.of(report.reference(), report.during())) {
            assertThat(result.requests()).isPositive();
            assertThat(result.non2xx()).isZero();
            assertThat(result.socketErrors()).isZero();
        }
        assertThat(report.previousSnapshotId()).isEqualTo("bench-0000");
        assertThat(report.newSnapshotId()).isEqualTo("bench-0001");
        assertThat(report.reference().answersBySnapshot()).containsOnlyKeys("bench-0000");
        assertThat(report.during().answersBySnapshot()).containsOnlyKeys("bench-0000", "bench-0001");
        assertThat(report.during().answersBySnapshot().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(report.during().requests());
        assertThat(report.currentMovedSeconds())
                .isGreaterThanOrEqualTo(report.publicationStartedSeconds())
                .isLessThanOrEqualTo(report.healthSwitchedSeconds());
        assertThat(report.during().seconds()).isGreaterThanOrEqualTo(report.healthSwitchedSeconds());
        assertThat(report.switched()).isTrue();
        assertThat(report.clean()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DuringPublication.print(report, options, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| reference (no publication) |")
                .contains("| during publication |")
                .contains("Ratio during publication / reference: throughput ")
                .contains("Switch bench-0000 -> bench-0001, in seconds since the run began: publication started")
                .contains("Clean: 0 non-2xx answers and 0 socket errors in both runs");
    }

    @Test
    void writesALuaScriptThatRotatesOverThePathsAndReportsWhenDone() {
        String script = Wrk.script(List.of("/a", "/b"), Wrk.Answers.COUNTED_BY_WRK);
        assertThat(script)
                .startsWith("local paths = {\n  \"/a\",\n  \"/b\",\n}\n")
                .contains("counter = counter % #paths + 1")
                .contains("latency:percentile(99)")
                .doesNotContain("response = function");
        assertThat(Wrk.script(List.of("/a"), Map.of("Accept-Encoding", "gzip"), Wrk.Answers.COUNTED_BY_WRK))
                .contains("local headers = {\n  [\"Accept-Encoding\"] = \"gzip\",\n}\n")
                .contains("return wrk.format(\"GET\", paths[counter], headers)");
        assertThat(Wrk.script(List.of("/a"), Wrk.Answers.CHECKED))
                .contains("if status < 200 or status > 299 then non2xx = non2xx + 1 end")
                .contains("thread:get(\"snapshots\")");
        assertThatThrownBy(() -> Wrk.script(List.of("/a\""), Wrk.Answers.CHECKED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path with a quote or backslash: /a\"");
    }

    @Test
    void readsTheResultLineOfWrk() {
        Wrk.Result result = Wrk.parse("Running 1s test\nWRK-SNAPSHOT s-1 3000\nWRK-SNAPSHOT s-2 2000\n"
                + "WRK-RESULT 5000 2000000 0 1 0 2 0 900 12500 30000\n");
        assertThat(result.requests()).isEqualTo(5_000);
        assertThat(result.requestsPerSecond()).isEqualTo(2_500.0);
        assertThat(result.connectErrors()).isEqualTo(1);
        assertThat(result.writeErrors()).isEqualTo(2);
        assertThat(result.socketErrors()).isEqualTo(3);
        assertThat(result.clean()).isFalse();
        assertThat(result.answersBySnapshot()).containsExactlyInAnyOrderEntriesOf(Map.of("s-1", 3_000L, "s-2", 2_000L));
        assertThat(result.p50Millis()).isEqualTo(0.9);
        assertThat(result.p99Millis()).isEqualTo(12.5);
        assertThatThrownBy(() -> Wrk.parse("nothing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("wrk printed no WRK-RESULT line:\nnothing");
    }

    @Test
    void refusesBadOptionsSayingWhichAndWhy() {
        assertThatThrownBy(() -> ApiBenchmark.Options.parse(new String[] {"--seconds", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--seconds must be at least 1");
        assertThatThrownBy(() -> ApiBenchmark.Options.parse(new String[] {"--seconds", "x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--seconds must be a whole number of at least 0, not 'x'");
        assertThatThrownBy(() -> ApiBenchmark.Options.parse(new String[] {"--sort"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option '--sort'; --help lists them");
        assertThatThrownBy(() -> ApiBenchmark.Options.parse(new String[] {"--publisher", "spark"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--publisher must be pipeline or generated, not 'spark'");
    }
}
