package org.observatory.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.bench.ingest.Measurement.Subject;
import org.observatory.schemas.codelist.Codelists;

/** Smoke tests: the harness runs end to end on a small file and reports every field; no benchmark runs here. */
class IngestBenchmarkTest {
    @TempDir
    Path temporary;

    @Test
    void measuresBareParseAndValidationOfTwentyThousandCtsRowsAndPrintsTheTable() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(
                        "20_000", "--rounds", "2", "--warmup-rows", "2000", "--phases")
                .withDirectory(temporary);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchmarkReport report =
                new IngestBenchmark(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.completed()).as(report.failure().orElse("")).isTrue();
        GeneratedFile file = report.file().orElseThrow();
        assertThat(file.rows()).isEqualTo(20_000);
        assertThat(file.outOfScopeRows()).isPositive();
        assertThat(file.unknownCountryRows()).isPositive();
        assertThat(report.of(Subject.BARE)).hasSize(2).allSatisfy(run -> assertThat(run.rows())
                .isEqualTo(20_000));
        assertThat(report.of(Subject.VALIDATION)).hasSize(2);
        assertThat(report.measurements())
                .extracting(Measurement::subject)
                .containsExactly(Subject.BARE, Subject.VALIDATION, Subject.VALIDATION, Subject.BARE);
        assertThat(report.rowsPerSecond(Subject.BARE).orElseThrow()).isPositive();
        assertThat(report.rowsPerSecond(Subject.VALIDATION).orElseThrow()).isPositive();
        assertThat(report.ratio().orElseThrow()).isPositive();
        assertThat(report.peaks(Subject.VALIDATION).orElseThrow().heap()).isPositive();
        assertThat(report.lastResult().orElseThrow().rowsAccepted()).isEqualTo(file.memberRows());
        assertThat(report.lastResult().orElseThrow().warnings())
                .as(
                        "the generated values agree with each other: %s",
                        report.lastResult().orElseThrow().issueCounts())
                .isZero();
        assertThat(report.steps()).isNotEmpty();
        assertThat(report.steps().stream()
                        .filter(step -> !step.name().startsWith(StepSampler.READER))
                        .mapToDouble(StepTiming::seconds)
                        .sum())
                .as("the ingest thread's steps share the run's time")
                .isCloseTo(report.profiledSeconds(), within(0.01));

        String table = report.format();
        assertThat(table)
                .contains("bare Commons CSV parse", "validation (IngestService)", "ratio validation/bare")
                .contains("peak heap", "peak RSS", "completed                    yes", "where ingest's time goes")
                .contains("20,000 rows");
        assertThat(report.measurements())
                .allSatisfy(run -> assertThat(run.cpuSeconds()).isPositive());
        assertThat(report.cpuRatio().orElseThrow()).isPositive();
        assertThat(table).contains("cpu s", "validation uses ");
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(report.processResidentPeak()).isPresent();
            // every thread that ran during the sampled run, the ingest thread itself under its own label
            assertThat(report.threadCpu()).containsKey(StepSampler.INGEST_THREAD);
            assertThat(report.processCpu()).isPositive();
            assertThat(table).contains("processor time of that run by thread", "ingest thread (IngestService.ingest)");
        }
        assertThat(temporary).isEmptyDirectory(); // the work directory is deleted
    }

    @Test
    void ingestAcceptsANationalFileWithNoWarningButTheMissingCorrespondenceTables() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(
                        "5000", "--kind", "national", "--rounds", "1", "--warmup-rows", "0")
                .withDirectory(temporary);

        BenchmarkReport report = new IngestBenchmark(
                        options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run();

        assertThat(report.completed()).as(report.failure().orElse("")).isTrue();
        assertThat(report.file().orElseThrow().outOfScopeRows()).isPositive();
        // the only warnings say, once per country, that schemas ships no correspondence table for it
        assertThat(report.lastResult().orElseThrow().issueCounts()).containsOnlyKeys("UNKNOWN_NATIONAL_CODE");
        assertThat(report.lastResult().orElseThrow().warnings()).isLessThanOrEqualTo(35);
    }

    @Test
    void attributesSampledStacksToIngestSteps() {
        StackTraceElement ingest = frame("org.observatory.ingest.IngestService", "ingest");
        StackTraceElement forEachRow = frame("org.observatory.ingest.format.DelimitedTable", "forEachRow");

        assertThat(StepSampler.attribute(new StackTraceElement[] {frame("java.lang.Object", "wait")}))
                .isNull();
        assertThat(StepSampler.attribute(
                        new StackTraceElement[] {frame("org.apache.commons.csv.Lexer", "nextToken"), forEachRow, ingest
                        }))
                .isEqualTo(StepSampler.READING);
        assertThat(StepSampler.attribute(new StackTraceElement[] {
                    frame("org.observatory.ingest.staging.StagedRowsFile", "write"),
                    frame("org.observatory.ingest.validate.CtsRowValidator", "validate"),
                    forEachRow,
                    ingest
                }))
                .isEqualTo(StepSampler.STAGING_FILE);
        assertThat(StepSampler.attribute(new StackTraceElement[] {
                    frame("org.observatory.ingest.staging.FileChecks", "partsAboveWhole"),
                    frame("org.observatory.ingest.staging.FileChecks", "sexAboveTotal"),
                    frame("org.observatory.ingest.staging.FileChecks", "warnings"),
                    ingest
                }))
                .isEqualTo(StepSampler.CHECKS + "sexAboveTotal");
        StackTraceElement[] waiting = {
            frame("java.util.concurrent.FutureTask", "get"),
            frame("org.observatory.ingest.ValidationPass", "read"),
            ingest
        };
        assertThat(StepSampler.attribute(waiting)).isEqualTo(StepSampler.WAITING);
        assertThat(StepSampler.attributeReader(new StackTraceElement[] {
                    frame("org.observatory.ingest.validate.NationalRowValidator", "validate"),
                    frame("org.observatory.ingest.format.DelimitedTable", "readRows"),
                    frame("java.lang.Thread", "run")
                }))
                .isEqualTo(StepSampler.VALIDATORS);
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    @Test
    void generatesTheSameBytesFromTheSameSeedAndStopsAtATargetSize() throws Exception {
        Codelists codelists = Codelists.load();
        GeneratedFile first =
                SyntheticSubmission.write(temporary.resolve("a.csv"), FileKind.NATIONAL, 1000, 0, 7, codelists);
        GeneratedFile second =
                SyntheticSubmission.write(temporary.resolve("b.csv"), FileKind.NATIONAL, 1000, 0, 7, codelists);
        GeneratedFile sized =
                SyntheticSubmission.write(temporary.resolve("c.csv"), FileKind.CTS, 0, 300_000, 7, codelists);

        assertThat(Files.mismatch(first.path(), second.path())).isEqualTo(-1L);
        assertThat(first.unknownCountryRows()).isZero();
        assertThat(Files.readAllLines(first.path()).get(2)).isEqualTo(SyntheticSubmission.NATIONAL_HEADER);
        assertThat(sized.bytes()).isBetween(300_000L, 300_000L + (1 << 18));
        assertThat(BareParse.read(sized).rows()).isEqualTo(sized.rows());
    }

    @Test
    void parsesRowCountsAndSizesAndRejectsWhatItCannotRead() {
        assertThat(BenchmarkOptions.parse().rows()).isEqualTo(10_000_000L);
        assertThat(BenchmarkOptions.parse("10m").rows()).isEqualTo(10_000_000L);
        assertThat(BenchmarkOptions.parse("--size", "2g").targetBytes()).isEqualTo(2L << 30);
        assertThat(BenchmarkOptions.parse("--size", "2g").rounds()).isEqualTo(1);
        assertThat(BenchmarkOptions.parse("--size", "500MB").targetBytes()).isEqualTo(500L << 20);
        assertThat(BenchmarkOptions.parse("--kind", "national").kind()).isEqualTo(FileKind.NATIONAL);
        assertThatThrownBy(() -> BenchmarkOptions.parse("ten"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ROWS: 'ten' is not a count; write digits, optionally with k or m, e.g. 10000000 or 10m");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option '--fast'");
    }
}
