package org.observatory.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.ingest.validate.ValidationIssue;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.storage.DataDirectory;

/**
 * Every issue of a row says the country of that row (issue 14, defect 4: the API shows a country's analysts only
 * their own country's issues of a multi-country file), whether a row check or a check of the whole file found it.
 */
class IssueCountryTest {
    private static final String HEADER =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n";

    @TempDir
    Path temporary;

    private IngestService service() {
        return new IngestService(new DataDirectory(temporary.resolve("data")), Codelists.load());
    }

    private Path write(String name, String rows) throws Exception {
        Path file = temporary.resolve(name);
        Files.writeString(file, HEADER + rows, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void issuesOfAMultiCountryFileSayTheCountryOfTheirRow() throws Exception {
        Path file = write(
                "cts.csv",
                """
                MEX,Mexico,Americas,Central America,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,100,CTS
                MEX,Mexico,Americas,Central America,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,900,CTS
                COL,Colombia,Americas,South America,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,200,CTS
                COL,Colombia,Americas,South America,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,2400,CTS
                COL,Colombia,Americas,South America,Victims of intentional homicide,Total,Total,Total,Oct-17,2021,Counts,300,CTS
                MEX,Mexico,Americas,Central America,Victims of intentional homicide,Total,Total,Total,Oct-17,2021,Counts,80,CTS
                """);
        IngestService service = service();

        IngestResult result =
                service.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));
        IngestResult repeat =
                service.ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.issues())
                .extracting(ValidationIssue::code, ValidationIssue::line, ValidationIssue::country)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.VALUE_CORRECTED, 6L, "COL"),
                        tuple(ErrorCode.VALUE_CORRECTED, 7L, "MEX"),
                        tuple(ErrorCode.YEAR_ON_YEAR_CHANGE, 3L, "MEX"),
                        tuple(ErrorCode.YEAR_ON_YEAR_CHANGE, 5L, "COL"));
        assertThat(repeat.alreadySubmitted()).isTrue();
        assertThat(repeat.issues()).as("the stored report keeps the countries").isEqualTo(result.issues());
    }

    @Test
    void errorsOfARejectedFileSayTheCountryOfTheirRowAndNoneForTheFileAsAWhole() throws Exception {
        Path file = write(
                "cts.csv",
                """
                MEX,Mexico,Americas,Central America,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,many,CTS
                COL,Colombia,Americas,South America,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,-4,CTS
                ZZZ,Nowhere,Americas,South America,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,1,CTS
                col,Colombia,Americas,South America,Victims of intentional homicide,Total,Total,Total,Total,20x0,Counts,5,CTS
                """);

        IngestResult result =
                service().ingest(IngestRequest.of(file, SourceKind.CTS, Optional.empty(), OptionalInt.of(2022)));

        assertThat(result.status()).isEqualTo("rejected");
        assertThat(result.issues())
                .extracting(ValidationIssue::code, ValidationIssue::line, ValidationIssue::country)
                .containsExactly(
                        tuple(ErrorCode.VALUE_NOT_A_NUMBER, 2L, "MEX"),
                        tuple(ErrorCode.VALUE_NEGATIVE, 3L, "COL"),
                        tuple(ErrorCode.YEAR_OUT_OF_RANGE, 5L, "COL"));
    }
}
