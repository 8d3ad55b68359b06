package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.registry.ApprovalPolicy;
import org.observatory.api.registry.Approvals;
import org.observatory.api.registry.RunManifests;
import org.observatory.ingest.IngestService;
import org.observatory.pipeline.engine.Engine;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The secretariat's response-rate report on the whole synthetic sample data, loaded as {@code observatory demo}
 * loads it and published by one pipeline run: the OAS figures (5 of 35 member states responded to the 2009 cycle,
 * 19 of 35 to 2010, a change of +14, +280 %) come out identical in text, CSV, JSON and HTML, from the command line
 * and from the API.
 */
class ResponseRateReportTest {
    private static final Path SAMPLE_MANIFEST = Path.of("..").resolve(DemoCommand.SAMPLE_MANIFEST);
    private static final Codelists CODELISTS = Codelists.load();

    @TempDir
    static Path temporary;

    private static DataDirectory data;

    @BeforeAll
    static void loadTheSampleDataAndRunThePipelineOnce() throws Exception {
        data = new DataDirectory(temporary.resolve("data"));
        DemoCommand.load(data, CODELISTS, SAMPLE_MANIFEST, new PrintWriter(new StringWriter()));
        Engine engine = TestSupport.duckDb();
        try {
            new PipelineJob(engine, CODELISTS)
                    .run(RunManifests.build(
                            "run-sample",
                            data,
                            new IngestService(data, CODELISTS).acceptedSubmissions(),
                            ApprovalPolicy.AUTOMATIC,
                            Approvals.NONE));
        } finally {
            engine.close();
        }
    }

    /** The headline figures of a report, as read back from one of its renderings. */
    private record Headline(int expected, int responded, Integer changeCount, String changePercent) {}

    @Test
    void sampleDataGives5Of35For2009And19Of35For2010AndAChangeOfPlus14OrPlus280PercentInEveryFormat() {
        Headline first = new Headline(35, 5, null, null);
        Headline second = new Headline(35, 19, 14, "280");

        assertThat(fromText(report("2009", "text"))).isEqualTo(first);
        assertThat(fromCsv(report("2009", "csv"))).isEqualTo(first);
        assertThat(fromJson(report("2009", "json"))).isEqualTo(first);
        assertThat(fromHtml(report("2009", "html"))).isEqualTo(first);

        String text = report("2010", "text");
        assertThat(text)
                .contains("Responding member states: 19 of 35 (54.3%)")
                .contains("Change against cycle 2009: +14 (+280%), from 5 responding");
        assertThat(fromText(text)).isEqualTo(second);
        assertThat(fromCsv(report("2010", "csv"))).isEqualTo(second);
        assertThat(fromJson(report("2010", "json"))).isEqualTo(second);
        assertThat(fromHtml(report("2010", "html"))).isEqualTo(second);
    }

    @Test
    void theApiServesTheSameReportAsTheCommandLine() throws Exception {
        try (ApiServer server = ApiServer.start(ApiConfig.of(data, CODELISTS), "127.0.0.1", 0)) {
            HttpClient client = HttpClient.newHttpClient();
            for (String format : List.of("json", "csv", "html")) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(server.baseUri()
                                        .resolve("api/v1/reports/response-rates?cycle=2010&format=" + format))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(format).isEqualTo(200);
                assertThat(response.body()).as(format).isEqualTo(report("2010", format));
            }
        }
    }

    @Test
    void labelsTheSyntheticSampleDataInEveryFormat() {
        assertThat(report("2010", "text")).startsWith("SYNTHETIC DEMO DATA - not real crime statistics.");
        assertThat(report("2010", "csv").lines().skip(1)).allSatisfy(line -> assertThat(line)
                .contains(",true,\"SYNTHETIC DEMO DATA - not real crime statistics."));
        assertThat(fromJsonTree(report("2010", "json")).get("notice").asText())
                .startsWith("SYNTHETIC DEMO DATA - not real crime statistics.");
        assertThat(report("2010", "html"))
                .contains("<title>SYNTHETIC - Response rates, UN-CTS cycle 2010</title>")
                .contains("<p class=\"synthetic\" role=\"alert\">SYNTHETIC DEMO DATA - not real crime statistics.");
    }

    @Test
    void judgesTimelinessAgainstTheConfiguredDeadlinesAndOnlyThen() throws Exception {
        Path deadlines = temporary.resolve("deadlines.csv");
        Files.writeString(deadlines, "cycle,deadline\n2009,2000-01-31\n2010,2100-12-31\n", StandardCharsets.UTF_8);

        assertThat(report("2009", "text", "--deadlines", deadlines.toString()))
                .contains("Deadline January 31, 2000: 0 on time, 5 late");
        assertThat(report("2010", "text", "--deadlines", deadlines.toString()))
                .contains("Deadline December 31, 2100: 19 on time, 0 late");
        assertThat(report("2011", "text", "--deadlines", deadlines.toString()))
                .contains("Timeliness: not assessed, no reply deadline is configured for cycle 2011");
    }

    @Test
    void listsTheMemberStatesBySubregionAndCodeNeverByValue() {
        List<String> countries = report("2010", "csv")
                .lines()
                .filter(line -> line.startsWith("country,"))
                .map(line -> line.split(",")[2] + " " + line.split(",")[3])
                .toList();

        assertThat(countries).hasSize(35);
        assertThat(countries.subList(0, 3))
                .containsExactly("Northern America CAN", "Northern America USA", "Central America BLZ");
        assertThat(countries).last().isEqualTo("South America VEN");
        assertThat(countries.stream()
                        .filter(line -> line.startsWith("Caribbean"))
                        .toList())
                .isSortedAccordingTo(String::compareTo);
    }

    @Test
    void aCycleWithoutRepliesFailsWithExitOneAndNamesTheCyclesThatHaveSome() {
        CommandRun result = CommandRun.of(
                "report",
                "response-rates",
                "--cycle",
                "2030",
                "--data",
                data.root().toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .contains("error [NOT_FOUND]: No CTS replies for cycle 2030 in snapshot '")
                .contains("(cycles with replies: 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019,"
                        + " 2020, 2021, 2022, 2023, 2024); load the cycle's CTS file with 'observatory ingest FILE"
                        + " --source cts --cycle 2030' and run the pipeline");
    }

    @Test
    void aYearOutsideTheSurveyIsAUsageErrorWithExitTwo() {
        CommandRun result = CommandRun.of(
                "report",
                "response-rates",
                "--cycle",
                "1850",
                "--data",
                data.root().toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("--cycle 1850 is not a UN-CTS cycle; give a year from 1970 to 2100, e.g. --cycle 2010");
    }

    private static String report(String cycle, String format, String... more) {
        String[] arguments = {
            "report",
            "response-rates",
            "--cycle",
            cycle,
            "--format",
            format,
            "--data",
            data.root().toString()
        };
        String[] all = Arrays.copyOf(arguments, arguments.length + more.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        CommandRun result = CommandRun.of(all);
        assertThat(result.exit()).as(result.err()).isZero();
        return result.out();
    }

    private static Headline fromText(String text) {
        Matcher responding = find(text, "Responding member states: (\\d+) of (\\d+) ");
        Matcher change = Pattern.compile("Change against cycle \\d+: ([+-]?\\d+) \\(([+-]?[\\d.]+)%\\)")
                .matcher(text);
        boolean changed = change.find();
        return new Headline(
                Integer.parseInt(responding.group(2)),
                Integer.parseInt(responding.group(1)),
                changed ? Integer.valueOf(change.group(1)) : null,
                changed ? change.group(2).replace("+", "") : null);
    }

    private static Headline fromCsv(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> total = List.of(lines.get(1).split(",", -1));
        assertThat(total.get(header.indexOf("level"))).isEqualTo("cycle");
        String count = total.get(header.indexOf("change_count"));
        String percent = total.get(header.indexOf("change_percent"));
        return new Headline(
                Integer.parseInt(total.get(header.indexOf("expected"))),
                Integer.parseInt(total.get(header.indexOf("responded"))),
                count.isEmpty() ? null : Integer.valueOf(count),
                percent.isEmpty() ? null : percent);
    }

    private static Headline fromJson(String json) {
        JsonNode total = fromJsonTree(json).get("total");
        JsonNode change = total.get("change");
        return new Headline(
                total.get("expected").asInt(),
                total.get("responded").asInt(),
                change.isNull() ? null : change.get("count").asInt(),
                change.isNull()
                        ? null
                        : new java.math.BigDecimal(change.get("percent").asText())
                                .stripTrailingZeros()
                                .toPlainString());
    }

    private static Headline fromHtml(String html) {
        Matcher responding = find(html, "<dd id=\"responding\">(\\d+) of (\\d+) ");
        Matcher change = Pattern.compile("<dd id=\"change\">([+-]?\\d+) \\(([+-]?[\\d.]+)%\\) against cycle")
                .matcher(html);
        boolean changed = change.find();
        return new Headline(
                Integer.parseInt(responding.group(2)),
                Integer.parseInt(responding.group(1)),
                changed ? Integer.valueOf(change.group(1)) : null,
                changed ? change.group(2).replace("+", "") : null);
    }

    private static JsonNode fromJsonTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Matcher find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return matcher;
    }
}
