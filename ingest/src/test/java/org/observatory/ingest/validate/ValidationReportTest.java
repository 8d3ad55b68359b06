package org.observatory.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.observatory.ingest.IngestMessage;
import org.observatory.schemas.error.ErrorCode;

class ValidationReportTest {
    private static final int LIMIT = 3;

    /** The same issues, one per line, as a whole file would report them: the first lines go to part one. */
    private static final List<Consumer<ValidationReport>> LINES = List.of(
            report -> report.error(ErrorCode.YEAR_OUT_OF_RANGE, 1, "Year", "20x1", IngestMessage.stored("year 1")),
            report -> report.warningOncePerFile(
                    "ARG", ErrorCode.UNKNOWN_NATIONAL_CODE, 2, null, null, IngestMessage.stored("no table ARG")),
            report -> report.error(ErrorCode.YEAR_OUT_OF_RANGE, 3, "Year", "20x3", IngestMessage.stored("year 3")),
            report -> report.warning(ErrorCode.UNKNOWN_NATIONAL_CODE, 4, null, "X", IngestMessage.stored("unknown X")),
            report -> report.warningOncePerFile(
                    "ARG", ErrorCode.UNKNOWN_NATIONAL_CODE, 5, null, null, IngestMessage.stored("no table ARG")),
            report -> report.error(ErrorCode.YEAR_OUT_OF_RANGE, 6, "Year", "20x6", IngestMessage.stored("year 6")),
            report -> report.warningOncePerFile(
                    "BRA", ErrorCode.UNKNOWN_NATIONAL_CODE, 7, null, null, IngestMessage.stored("no table BRA")),
            report -> report.warning(ErrorCode.UNKNOWN_NATIONAL_CODE, 8, null, "Y", IngestMessage.stored("unknown Y")),
            report -> report.error(ErrorCode.YEAR_OUT_OF_RANGE, 9, "Year", "20x9", IngestMessage.stored("year 9")),
            report -> report.warningOncePerFile(
                    "CHL", ErrorCode.UNKNOWN_NATIONAL_CODE, 10, null, null, IngestMessage.stored("no table CHL")),
            report -> report.skipped("out-of-scope-country"));

    @Test
    void reportsOfPartsAppendedInOrderAreTheReportOfTheWholeFile() {
        ValidationReport whole = new ValidationReport(LIMIT);
        LINES.forEach(line -> line.accept(whole));

        for (int cut = 0; cut <= LINES.size(); cut++) {
            for (int secondCut = cut; secondCut <= LINES.size(); secondCut++) {
                ValidationReport file = new ValidationReport(LIMIT);
                file.append(part(0, cut));
                file.append(part(cut, secondCut));
                file.append(part(secondCut, LINES.size()));

                assertThat(file.issues())
                        .as("parts cut at %d and %d", cut, secondCut)
                        .isEqualTo(whole.issues());
                assertThat(file.countsByCode()).isEqualTo(whole.countsByCode());
                assertThat(file.errorCount()).isEqualTo(whole.errorCount());
                assertThat(file.warningCount()).isEqualTo(whole.warningCount());
                assertThat(file.skippedByReason()).isEqualTo(whole.skippedByReason());
            }
        }
        assertThat(whole.issues())
                .extracting(ValidationIssue::message)
                .containsExactly("year 1", "no table ARG", "year 3", "unknown X", "year 6", "no table BRA");
        assertThat(whole.countsByCode())
                .containsEntry(ErrorCode.YEAR_OUT_OF_RANGE, 4L)
                .containsEntry(ErrorCode.UNKNOWN_NATIONAL_CODE, 5L);
    }

    @Test
    void aReportCappedInAllListsTheFirstIssuesFoundWhateverTheirCodeAndItsPartsAppendToTheSame() {
        ValidationReport whole = new ValidationReport(100, 4);
        LINES.forEach(line -> line.accept(whole));

        for (int cut = 0; cut <= LINES.size(); cut++) {
            ValidationReport file = new ValidationReport(100, 4);
            file.append(part(0, cut, new ValidationReport(100, 4)));
            file.append(part(cut, LINES.size(), new ValidationReport(100, 4)));

            assertThat(file.issues()).as("parts cut at %d", cut).isEqualTo(whole.issues());
            assertThat(file.countsByCode()).isEqualTo(whole.countsByCode());
        }
        // the first four found, and those reported once per file (few), which are never dropped
        assertThat(whole.issues())
                .extracting(ValidationIssue::message)
                .containsExactly(
                        "year 1", "no table ARG", "year 3", "unknown X", "year 6", "no table BRA", "no table CHL");
        assertThat(whole.countsByCode())
                .containsEntry(ErrorCode.YEAR_OUT_OF_RANGE, 4L)
                .containsEntry(ErrorCode.UNKNOWN_NATIONAL_CODE, 5L);
    }

    private static ValidationReport part(int from, int to) {
        return part(from, to, new ValidationReport(LIMIT));
    }

    private static ValidationReport part(int from, int to, ValidationReport part) {
        LINES.subList(from, to).forEach(line -> line.accept(part));
        return part;
    }
}
