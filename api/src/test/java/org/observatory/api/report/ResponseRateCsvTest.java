package org.observatory.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.query.ResponseRecord;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.text.Language;

/** The response-rate report's CSV is for people: its text cells are safe to open in a spreadsheet. */
class ResponseRateCsvTest {
    private static final Locale ENGLISH = Language.ENGLISH.defaultLocale();

    @TempDir
    Path temporary;

    @Test
    void responseRateCsvNeutralisesFormulaLikeTextAndKeepsNegativeNumbers() throws IOException {
        Path file = temporary.resolve("members.csv");
        Files.writeString(
                file,
                """
                iso3,name_en,name_es,subregion,first_cycle,last_cycle
                ARG,"=HYPERLINK(""http://x"",""y"")",Argentina,South America,,
                BRA,@SUM(A1),Brasil,South America,,
                MEX,Mexico,México,Central America,,
                """,
                StandardCharsets.UTF_8);
        MemberList members = MemberList.load(file, Countries.load());
        Codelists codelists = Codelists.withMembers(members, Countries.load());
        List<ResponseRecord> replies = List.of(
                reply("ARG", 2010),
                reply("BRA", 2010),
                reply("MEX", 2010),
                // 2012: one of three replies, a change of -2 against 2010
                reply("MEX", 2012));

        ResponseRateReport report = ResponseRateReports.build(
                2012, "snapshot-1", false, replies, members, codelists.indicators(), ResponseDeadlines.none());
        List<CSVRecord> rows = parse(ReportFormat.csv.render(report, ENGLISH));

        assertThat(rows)
                .filteredOn(row -> row.get("level").equals("country"))
                .extracting(row -> row.get("country"))
                .containsExactly("Mexico", "'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)");
        CSVRecord cycle = rows.get(0);
        assertThat(cycle.get("level")).isEqualTo("cycle");
        assertThat(cycle.get("change_count")).as("a number is never prefixed").isEqualTo("-2");
        assertThat(cycle.get("change_percent")).isEqualTo("-66.7");
        // the JSON keeps the names as they are
        assertThat(ReportFormat.json.render(report, ENGLISH)).contains("\"nameEn\" : \"@SUM(A1)\"");
    }

    private static ResponseRecord reply(String country, int cycle) {
        return new ResponseRecord(
                country,
                cycle,
                "cts-" + cycle,
                Instant.parse(cycle + "-06-01T00:00:00Z"),
                "intentional-homicide",
                1,
                false);
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }
}
