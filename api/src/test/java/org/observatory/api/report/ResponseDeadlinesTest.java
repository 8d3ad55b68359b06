package org.observatory.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

class ResponseDeadlinesTest {
    @TempDir
    Path temporary;

    private Path file(String text) throws IOException {
        Path file = temporary.resolve("deadlines.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsOneDeadlinePerCycle() throws IOException {
        ResponseDeadlines deadlines =
                ResponseDeadlines.read(file("cycle,deadline\n2009,2009-06-30\n\n2010, 2010-07-15\n"));

        assertThat(deadlines.deadline(2009)).contains(LocalDate.parse("2009-06-30"));
        assertThat(deadlines.deadline(2010)).contains(LocalDate.parse("2010-07-15"));
        assertThat(deadlines.deadline(2011)).isEmpty();
    }

    @Test
    void aReplyAcceptedOnTheDeadlineDayIsOnTimeAndOneAcceptedAtMidnightAfterIsLate() {
        LocalDate deadline = LocalDate.parse("2010-06-30");

        assertThat(ResponseDeadlines.onTime(Instant.parse("2010-06-30T23:59:59.999Z"), deadline))
                .isTrue();
        assertThat(ResponseDeadlines.onTime(Instant.parse("2010-07-01T00:00:00Z"), deadline))
                .isFalse();
    }

    @Test
    void aDataDirectoryWithoutADeadlinesFileHasNoDeadlines() {
        DataDirectory data = new DataDirectory(temporary);

        assertThat(ResponseDeadlines.of(data).byCycle()).isEmpty();
        assertThat(ResponseDeadlines.defaultFile(data)).isEqualTo(temporary.resolve("config/response-deadlines.csv"));
    }

    @Test
    void rejectsADateThatIsNotIsoWithItsLineAndHowToWriteIt() throws IOException {
        Path file = file("cycle,deadline\n2009,2009-06-30\n2010,30/06/2010\n");

        assertThatThrownBy(() -> ResponseDeadlines.read(file))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage(
                        "Response deadlines file '%s' line 3: column 'deadline' holds '30/06/2010'; write the date"
                                + " as YYYY-MM-DD, e.g. 2010-06-30",
                        file)
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }

    @Test
    void rejectsACycleThatIsNotAYear() throws IOException {
        Path file = file("cycle,deadline\nfirst,2009-06-30\n");

        assertThatThrownBy(() -> ResponseDeadlines.read(file))
                .hasMessage(
                        "Response deadlines file '%s' line 2: column 'cycle' holds 'first'; write the survey cycle"
                                + " as a year, e.g. 2010",
                        file);
    }

    @Test
    void rejectsTwoDeadlinesForOneCycle() throws IOException {
        Path file = file("cycle,deadline\n2009,2009-06-30\n2009,2009-07-31\n");

        assertThatThrownBy(() -> ResponseDeadlines.read(file))
                .hasMessage(
                        "Response deadlines file '%s' line 3: cycle 2009 has a deadline already at line 2; keep"
                                + " one row per cycle",
                        file);
    }

    @Test
    void rejectsAFileWithoutTheHeader() throws IOException {
        Path file = file("year,date\n2009,2009-06-30\n");

        assertThatThrownBy(() -> ResponseDeadlines.read(file))
                .hasMessage(
                        "Response deadlines file '%s' line 1: the header must be 'cycle,deadline', not"
                                + " 'year,date'",
                        file);
    }

    @Test
    void saysWhichFileIsMissing() {
        Path file = temporary.resolve("absent.csv");

        assertThatThrownBy(() -> ResponseDeadlines.read(file))
                .hasMessageStartingWith("Cannot read the response deadlines file '%s': ".formatted(file))
                .hasMessageEndingWith("; check that it exists and is UTF-8 CSV with the header 'cycle,deadline'");
    }
}
