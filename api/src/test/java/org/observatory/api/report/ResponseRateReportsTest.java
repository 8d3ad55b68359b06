package org.observatory.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.query.ResponseRecord;
import org.observatory.api.report.ResponseRateReport.CountryResponse;
import org.observatory.api.report.ResponseRateReport.Totals;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.text.Language;

/**
 * The report model on a tiny fixture: five member states (Jamaica a member from 2010 only), replies to cycles 2009,
 * 2010 and 2012, the shipped indicator catalogue (20 CTS indicators: 15 police, 1 prosecution, 1 courts, 1 prisons,
 * 2 victimisation surveys).
 */
class ResponseRateReportsTest {
    private static final Locale ENGLISH = Language.ENGLISH.defaultLocale();

    private static final List<String> POLICE = List.of(
            "intentional-homicide",
            "serious-assault",
            "kidnapping",
            "sexual-violence",
            "rape",
            "sexual-exploitation",
            "robbery",
            "burglary",
            "theft",
            "motor-vehicle-theft",
            "fraud",
            "corruption",
            "bribery",
            "police-personnel",
            "persons-arrested-suspected");

    @TempDir
    static Path temporary;

    private static MemberList members;
    private static Codelists codelists;

    @BeforeAll
    static void memberList() throws IOException {
        Path file = temporary.resolve("members.csv");
        Files.writeString(
                file,
                """
                iso3,name_en,name_es,subregion,first_cycle,last_cycle
                ARG,Argentina,Argentina,South America,,
                BRA,Brazil,Brasil,South America,,
                CAN,Canada,Canadá,Northern America,,
                JAM,Jamaica,Jamaica,Caribbean,2010,
                MEX,Mexico,México,Central America,,
                """,
                StandardCharsets.UTF_8);
        Countries countries = Countries.load();
        members = MemberList.load(file, countries);
        codelists = Codelists.withMembers(members, countries);
    }

    /** The replies of the fixture. */
    private static List<ResponseRecord> replies() {
        List<ResponseRecord> replies = new ArrayList<>();
        // cycle 2009: CAN and MEX of 4 expected; JAM replies but is not a member yet
        replies.add(reply("CAN", 2009, "cts-2009", "2009-06-01T10:00:00Z", "intentional-homicide"));
        replies.add(reply("CAN", 2009, "cts-2009", "2009-06-01T10:00:00Z", "persons-held-in-prison"));
        replies.add(reply("MEX", 2009, "cts-2009", "2009-06-01T10:00:00Z", "intentional-homicide"));
        replies.add(reply("JAM", 2009, "cts-2009", "2009-06-01T10:00:00Z", "intentional-homicide"));
        // cycle 2010: CAN, MEX, JAM and ARG of 5
        replies.add(reply("CAN", 2010, "cts-2010-a", "2010-06-30T23:59:59Z", "intentional-homicide"));
        replies.add(reply("CAN", 2010, "cts-2010-a", "2010-06-30T23:59:59Z", "persons-prosecuted"));
        replies.add(reply("CAN", 2010, "cts-2010-a", "2010-06-30T23:59:59Z", "persons-convicted"));
        replies.add(reply("CAN", 2010, "cts-2010-a", "2010-06-30T23:59:59Z", "persons-held-in-prison"));
        replies.add(reply("MEX", 2010, "cts-2010-b", "2010-08-01T00:00:00Z", "intentional-homicide"));
        replies.add(reply("MEX", 2010, "cts-2010-a", "2010-05-01T09:00:00Z", "intentional-homicide"));
        replies.add(reply("JAM", 2010, "cts-2010-c", "2010-07-01T00:00:00Z", "robbery"));
        for (String indicator : POLICE) {
            replies.add(reply("ARG", 2010, "cts-2010-d", "2010-09-01T00:00:00Z", indicator));
        }
        // cycle 2012 (no replies to 2011): BRA only
        replies.add(reply("BRA", 2012, "cts-2012", "2012-06-01T00:00:00Z", "assault-victimisation"));
        return replies;
    }

    private static ResponseRecord reply(
            String country, int cycle, String submission, String acceptedAt, String indicator) {
        return new ResponseRecord(country, cycle, submission, Instant.parse(acceptedAt), indicator, 2, false);
    }

    private static ResponseRateReport report(int cycle, ResponseDeadlines deadlines) {
        return ResponseRateReports.build(
                cycle, "snapshot-1", false, replies(), members, codelists.indicators(), deadlines);
    }

    private static final ResponseDeadlines DEADLINE_2010 =
            new ResponseDeadlines(Map.of(2010, LocalDate.parse("2010-06-30")));

    @Test
    void countsTheMemberStatesOfTheCycleThatRespondedAndTheChangeAgainstThePreviousCycle() {
        ResponseRateReport report = report(2010, ResponseDeadlines.none());

        Totals total = report.total();
        assertThat(total.expected()).isEqualTo(5);
        assertThat(total.responded()).isEqualTo(4);
        assertThat(total.responseRatePercent()).isEqualTo(80.0);
        assertThat(report.previousCycle()).isEqualTo(2009);
        assertThat(total.change().previousCycle()).isEqualTo(2009);
        assertThat(total.change().previousResponded())
                .as("JAM replied to 2009 but was not a member then")
                .isEqualTo(2);
        assertThat(total.change().count()).isEqualTo(2);
        assertThat(total.change().percent()).isEqualTo(100.0);
    }

    @Test
    void expectsOnlyTheMembersOfTheCycle() {
        ResponseRateReport report = report(2009, ResponseDeadlines.none());

        assertThat(report.total().expected()).isEqualTo(4);
        assertThat(report.total().responded()).isEqualTo(2);
        assertThat(report.total().change()).as("2009 is the first cycle").isNull();
        assertThat(report.countries()).extracting(CountryResponse::iso3).doesNotContain("JAM");
        assertThat(ReportFormat.text.render(report, ENGLISH))
                .contains("Change against the previous cycle: none to compare (2009 is the first cycle with replies in"
                        + " this snapshot)");
    }

    @Test
    void comparesWithTheClosestEarlierCycleThatHasReplies() {
        ResponseRateReport report = report(2012, ResponseDeadlines.none());

        assertThat(report.previousCycle()).isEqualTo(2010);
        assertThat(report.total().change().count()).isEqualTo(-3);
        assertThat(report.total().change().percent()).isEqualTo(-75.0);
    }

    @Test
    void groupsCountriesBySubregionInTheFixedOrderAndByCodeNeverByCompleteness() {
        ResponseRateReport report = report(2010, ResponseDeadlines.none());

        assertThat(report.subregions())
                .extracting(group -> group.subregion().nameEn())
                .containsExactly("Northern America", "Central America", "Caribbean", "South America");
        assertThat(report.countries())
                .extracting(CountryResponse::iso3, CountryResponse::responded, c -> c.completeness()
                        .percent())
                .containsExactly(
                        tuple("CAN", true, 20.0),
                        tuple("MEX", true, 5.0),
                        tuple("JAM", true, 5.0),
                        tuple("ARG", true, 75.0),
                        tuple("BRA", false, 0.0));
        assertThat(report.heatmap().countries())
                .extracting(row -> row.iso3())
                .containsExactly("CAN", "MEX", "JAM", "ARG", "BRA");
    }

    @Test
    void measuresCompletenessPerSectionAndOverallAndForAGroupOverItsReplies() {
        ResponseRateReport report = report(2010, ResponseDeadlines.none());

        CountryResponse argentina = report.countries().stream()
                .filter(country -> country.iso3().equals("ARG"))
                .findFirst()
                .orElseThrow();
        assertThat(argentina.completeness().indicatorsWithValues()).isEqualTo(15);
        assertThat(argentina.completeness().indicatorsExpected()).isEqualTo(20);
        assertThat(argentina.completeness().sections())
                .extracting(section -> section.section(), section -> section.percent())
                .containsExactly(
                        tuple("police", 100.0),
                        tuple("prosecution", 0.0),
                        tuple("courts", 0.0),
                        tuple("prisons", 0.0),
                        tuple("victimisation-surveys", 0.0));
        // (15 + 4 + 1 + 1) of 4 replies x 20 indicators = 26.25 %, rounded half up
        assertThat(report.total().completeness().indicatorsWithValues()).isEqualTo(21);
        assertThat(report.total().completeness().indicatorsExpected()).isEqualTo(80);
        assertThat(report.total().completeness().percent()).isEqualTo(26.3);
        assertThat(report.subregions().get(3).totals().completeness().percent())
                .as("South America: ARG's reply only, BRA did not reply")
                .isEqualTo(75.0);
    }

    @Test
    void judgesTimelinessByTheFirstAcceptedSubmissionAgainstTheEndOfTheDeadlineDay() {
        ResponseRateReport report = report(2010, DEADLINE_2010);

        assertThat(report.timelinessAssessed()).isTrue();
        assertThat(report.deadline()).isEqualTo("2010-06-30");
        assertThat(report.countries())
                .extracting(CountryResponse::iso3, CountryResponse::timeliness, CountryResponse::firstAcceptedAt)
                .containsExactly(
                        tuple("CAN", "on-time", "2010-06-30T23:59:59Z"),
                        tuple("MEX", "on-time", "2010-05-01T09:00:00Z"),
                        tuple("JAM", "late", "2010-07-01T00:00:00Z"),
                        tuple("ARG", "late", "2010-09-01T00:00:00Z"),
                        tuple("BRA", "no-response", null));
        assertThat(report.total().onTime()).isEqualTo(2);
        assertThat(report.total().late()).isEqualTo(2);
        assertThat(report.countries().get(1).submissionIds()).containsExactly("cts-2010-a", "cts-2010-b");
    }

    @Test
    void saysTimelinessIsNotAssessedWithoutADeadline() {
        ResponseRateReport report = report(2010, ResponseDeadlines.none());

        assertThat(report.timelinessAssessed()).isFalse();
        assertThat(report.deadline()).isNull();
        assertThat(report.total().onTime()).isNull();
        assertThat(report.total().late()).isNull();
        assertThat(report.countries())
                .extracting(CountryResponse::timeliness)
                .containsOnly("not-assessed", "no-response");
        assertThat(ReportFormat.text.render(report, ENGLISH))
                .contains("Timeliness: not assessed, no reply deadline is configured for cycle 2010");
    }

    @Test
    void followsEveryCycleWithRepliesInTheTrendAndTheHeatmap() {
        ResponseRateReport report = report(2010, ResponseDeadlines.none());

        assertThat(report.trend())
                .extracting(
                        cycle -> cycle.cycle(),
                        cycle -> cycle.totals().expected(),
                        cycle -> cycle.totals().responded(),
                        cycle -> cycle.totals().change() == null
                                ? null
                                : cycle.totals().change().count())
                .containsExactly(tuple(2009, 4, 2, null), tuple(2010, 5, 4, 2), tuple(2012, 5, 1, -3));
        assertThat(report.heatmap().cycles()).containsExactly(2009, 2010, 2012);
        assertThat(report.heatmap().countries().get(2).cells())
                .as("JAM: not a member in 2009, replied in 2010, no reply in 2012")
                .extracting(cell -> cell.expected(), cell -> cell.responded(), cell -> cell.completenessPercent())
                .containsExactly(tuple(false, true, 5.0), tuple(true, true, 5.0), tuple(true, false, null));
    }

    @Test
    void refusesACycleWithoutRepliesAndNamesTheCyclesThatHaveSome() {
        assertThatThrownBy(() -> report(2011, ResponseDeadlines.none()))
                .isInstanceOf(NoRepliesForCycleException.class)
                .hasMessage("No CTS replies for cycle 2011 in snapshot 'snapshot-1' (cycles with replies: 2009, 2010,"
                        + " 2012); load the cycle's CTS file with 'observatory ingest FILE --source cts --cycle 2011'"
                        + " and run the pipeline, or ask for one of the cycles listed")
                .extracting(error -> ((NoRepliesForCycleException) error).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void labelsSyntheticDataWhenAReplyIsSynthetic() {
        List<ResponseRecord> replies = new ArrayList<>(replies());
        replies.add(new ResponseRecord("BRA", 2010, "demo", Instant.parse("2010-01-01T00:00:00Z"), "theft", 1, true));

        ResponseRateReport report = ResponseRateReports.build(
                2010, "snapshot-1", false, replies, members, codelists.indicators(), ResponseDeadlines.none());

        assertThat(report.synthetic()).isTrue();
        assertThat(report.notice()).startsWith("SYNTHETIC DEMO DATA - not real crime statistics.");
        assertThat(ReportFormat.text.render(report, ENGLISH)).startsWith("SYNTHETIC DEMO DATA");
        assertThat(ReportFormat.csv.render(report, ENGLISH).lines().skip(1))
                .allSatisfy(line -> assertThat(line).contains(",true,\"SYNTHETIC DEMO DATA"));
        assertThat(ReportFormat.json.render(report, ENGLISH)).contains("\"notice\" : \"SYNTHETIC DEMO DATA");
        assertThat(ReportFormat.html.render(report, ENGLISH))
                .contains("<title>SYNTHETIC - Response rates, UN-CTS cycle 2010</title>")
                .contains("<p class=\"synthetic\" role=\"alert\">SYNTHETIC DEMO DATA");
    }

    @Test
    void showsTheSameFiguresInTextCsvJsonAndHtml() throws IOException {
        ResponseRateReport report = report(2010, DEADLINE_2010);

        assertThat(ReportFormat.text.render(report, ENGLISH))
                .contains("Responding member states: 4 of 5 (80%)")
                .contains("Change against cycle 2009: +2 (+100%), from 2 responding")
                .contains("Deadline June 30, 2010: 2 on time, 2 late")
                .contains("Completeness of the replies: 26.3% (21 of 80;");
        List<String> csv = ReportFormat.csv.render(report, ENGLISH).lines().toList();
        assertThat(csv.get(0))
                .startsWith("level,cycle,subregion,iso3,country,expected,responded,response_rate_percent,"
                        + "previous_cycle,previous_responded,change_count,change_percent,deadline,on_time,late,")
                .endsWith(",police_percent,prosecution_percent,courts_percent,prisons_percent,"
                        + "victimisation_surveys_percent,synthetic,notice");
        assertThat(csv.get(1)).startsWith("cycle,2010,,,,5,4,80,2009,2,2,100,2010-06-30,2,2,,,21,80,26.3,");
        assertThat(csv)
                .filteredOn(line -> line.startsWith("country,"))
                .extracting(line -> line.split(",")[3])
                .containsExactly("CAN", "MEX", "JAM", "ARG", "BRA");
        assertThat(csv)
                .filteredOn(line -> line.startsWith("trend,"))
                .extracting(
                        line -> String.join(",", List.of(line.split(",", -1)).subList(1, 12)))
                .containsExactly("2009,,,,4,2,50,,,,", "2010,,,,5,4,80,2009,2,2,100", "2012,,,,5,1,20,2010,4,-3,-75");
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json.render(report, ENGLISH));
        assertThat(json.get("cycle").asInt()).isEqualTo(2010);
        assertThat(json.get("total").get("expected").asInt()).isEqualTo(5);
        assertThat(json.get("total").get("responded").asInt()).isEqualTo(4);
        assertThat(json.get("total").get("change").get("count").asInt()).isEqualTo(2);
        assertThat(json.get("total").get("change").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(json.get("total").get("completeness").get("percent").asDouble())
                .isEqualTo(26.3);
        assertThat(ReportFormat.html.render(report, ENGLISH))
                .contains("<dd id=\"responding\">4 of 5 (80%)</dd>")
                .contains("<dd id=\"change\">+2 (+100%) against cycle 2009 (2 responding)</dd>")
                .contains("deadline June 30, 2010: 2 on time, 2 late")
                .contains("26.3% (21 of 80;");
    }

    @Test
    void hasNoRankPercentileOrTopFieldInItsJson() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json.render(report(2010, DEADLINE_2010), ENGLISH));

        List<String> names = new ArrayList<>();
        collectFieldNames(json, names);
        assertThat(names).isNotEmpty().noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT)
                .matches(".*(rank|percentile|top|order).*"));
    }

    @Test
    void drawsTheTrendChartAsInlineSvgAndLoadsNothingFromTheNetwork() {
        String html = ReportFormat.html.render(report(2010, DEADLINE_2010), ENGLISH);

        assertThat(html)
                .contains("<svg id=\"trend-chart\"")
                .contains("<table class=\"heatmap\" id=\"heatmap\">")
                .contains("content=\"default-src 'none'; style-src 'unsafe-inline'")
                .doesNotContain("<script")
                .doesNotContain("http://", "https://")
                .doesNotContain("@import", "url(");
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                collectFieldNames(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectFieldNames(element, names));
        }
    }
}
