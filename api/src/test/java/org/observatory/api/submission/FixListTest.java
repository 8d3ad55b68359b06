package org.observatory.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        FixList fixList = FixList.of(landed, "replies.CSV", report);

        assertThat(fixList.fileName()).isEqualTo("replies-fix-list.csv");
        assertThat(written(fixList))
                .isEqualTo("\uFEFFExported 2024\nnote\tx\ncountry\tcount\tobservatory_issue\n"
                        + "MEX\t-1\t'-1 is negative; give a count of 0 or more | second\n\nCOL\t5\t");
        assertThat(fixList.listedIssues()).isEqualTo(2);
        assertThat(fixList.countedIssues()).isEqualTo(61);
        assertThat(fixList.capped()).isTrue();
    }
}
