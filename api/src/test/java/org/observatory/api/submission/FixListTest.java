package org.observatory.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.text.Message;

/**
 * A fix list from a landed file and its validation report: preamble lines kept as they were, the added column on
 * the header line after the preamble, every issue of a line joined, an added cell that starts like a formula
 * neutralised, the file's own delimiter and line endings kept, and the report's cap counted.
 */
class FixListTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static String written(FixList fixList) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fixList.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsPreambleLinesAndNeutralisesAnAddedCellThatStartsLikeAFormula() throws Exception {
        Path landed = root.resolve("landed.csv");
        Files.writeString(landed, "Exported 2024\nnote\tx\ncountry\tcount\nMEX\t-1\n\nCOL\t5", StandardCharsets.UTF_8);
        JsonNode report = JSON.readTree(
                """
                {"encoding": "UTF-8", "delimiter": "tab", "preambleLines": 2, "issueCounts": {"A": 60, "B": 1},
                 "issues": [
                   {"line": 4, "message": "-1 is negative; give a count of 0 or more"},
                   {"line": 4, "message": "second"},
                   {"line": 0, "message": "the file as a whole"}]}
                """);

        FixList fixList = FixList.of(landed, "replies.CSV", report, Locale.US);

        assertThat(fixList.fileName()).isEqualTo("replies-fix-list.csv");
        assertThat(written(fixList))
                .isEqualTo("\uFEFFExported 2024\nnote\tx\ncountry\tcount\tobservatory_issue\n"
                        + "MEX\t-1\t'-1 is negative; give a count of 0 or more | second\n\nCOL\t5\t");
        assertThat(fixList.listedIssues()).isEqualTo(2);
        assertThat(fixList.countedIssues()).isEqualTo(61);
        assertThat(fixList.capped()).isTrue();
    }

    @Test
    void aFixListOfEveryIssueNamesThemAllAndSaysOnItsHeaderLineWhenTheFileHadMoreThanItsBound() throws Exception {
        Path landed = root.resolve("landed.csv");
        Files.writeString(landed, "country,count\r\nMEX,-1\r\nCOL,x\r\nARG,y\r\n", StandardCharsets.UTF_8);
        JsonNode report = JSON.readTree(
                """
                {"encoding": "UTF-8", "delimiter": ",", "preambleLines": 0, "issueCounts": {"A": 5},
                 "issues": [{"line": 2, "message": "only the first of its code"}]}
                """);
        List<SubmissionIntake.LineIssue> found = List.of(
                new SubmissionIntake.LineIssue(2, "count", "-1", notANumber(2, "count", "-1")),
                new SubmissionIntake.LineIssue(3, "count", "x", notANumber(3, "count", "x")),
                new SubmissionIntake.LineIssue(2, null, null, notANumber(2, "total", "y")));

        FixList every =
                FixList.of(landed, "replies.csv", report, new SubmissionIntake.AllIssues(found, 3, true), Locale.US);
        FixList bounded =
                FixList.of(landed, "replies.csv", report, new SubmissionIntake.AllIssues(found, 5, false), Locale.US);
        FixList french = FixList.of(
                landed,
                "replies.csv",
                report,
                new SubmissionIntake.AllIssues(found, 5, false),
                Locale.forLanguageTag("fr-CA"));

        assertThat(written(every))
                .isEqualTo("\uFEFFcountry,count,observatory_issue\r\n"
                        + "MEX,-1,\"Line 2, column 'count': '-1' is not a number; write digits only"
                        + " | Line 2, column 'total': 'y' is not a number; write digits only\"\r\n"
                        + "COL,x,\"Line 3, column 'count': 'x' is not a number; write digits only\"\r\nARG,y,\r\n");
        assertThat(every.listedIssues()).isEqualTo(3);
        assertThat(every.countedIssues()).isEqualTo(3);
        assertThat(every.capped()).isFalse();
        assertThat(written(bounded))
                .startsWith("\uFEFFcountry,count,\"observatory_issue (the first 3 of the file's 5 issues: correct them,"
                        + " then download the fix list again for the rest)\"\r\nMEX,-1,\"Line 2");
        assertThat(bounded.listedIssues()).isEqualTo(3);
        assertThat(bounded.countedIssues()).isEqualTo(5);
        assertThat(bounded.capped()).isTrue();
        assertThat(written(french))
                .startsWith("\uFEFFcountry,count,\"observatory_issue (les 3 premiers des 5 problèmes du fichier\u00a0:"
                        + " corrigez-les,")
                .contains("\r\nCOL,x,\"Ligne 3, colonne «\u00a0count\u00a0»");
    }

    /** A coded issue of a test family ({@code pagetest}), as ingest codes its issues. */
    private static Message notANumber(int line, String column, String value) {
        return Message.decode(
                        "pagetest.value-not-a-number",
                        Map.of("line", String.valueOf(line), "column", column, "value", value))
                .orElseThrow();
    }
}
