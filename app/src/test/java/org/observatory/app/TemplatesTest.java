package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.observatory.ingest.IngestRequest;
import org.observatory.ingest.IngestResult;
import org.observatory.ingest.IngestService;
import org.observatory.ingest.validate.Severity;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.SourceKind;
import org.observatory.schemas.storage.DataDirectory;

/** Every template under sample-data/templates is accepted by ingest exactly as documented, without warnings. */
class TemplatesTest {
    private static final Path TEMPLATES = Path.of("..", "sample-data", "templates");
    private static Codelists codelists;

    @TempDir
    Path temporary;

    @BeforeAll
    static void loadCodelists() {
        codelists = Codelists.load();
    }

    @ParameterizedTest
    @CsvSource({
        "cts-template.csv, cts, , 2024, 5, UTF-8",
        "national-aggregated-template.csv, national, COL, , 5, UTF-8",
        "national-incident-template.csv, national, COL, , 3, Windows-1252",
        "population-template.csv, population, , , 3, UTF-8",
        "correspondence-template.csv, correspondence, COL, , 3, UTF-8",
        "sdmx-csv-template.csv, sdmx-csv, , , , "
    })
    void templateIsAcceptedWithoutWarnings(
            String template, String source, String country, Integer cycle, Long rows, String encoding)
            throws Exception {
        IngestResult result = new IngestService(new DataDirectory(temporary), codelists)
                .ingest(IngestRequest.of(
                        TEMPLATES.resolve(template),
                        SourceKind.fromCliName(source),
                        Optional.ofNullable(country),
                        cycle == null ? OptionalInt.empty() : OptionalInt.of(cycle)));

        assertThat(result.status()).as(result.issues().toString()).isEqualTo("accepted");
        assertThat(result.issues())
                .filteredOn(issue -> issue.severity() == Severity.WARNING)
                .isEmpty();
        if (rows != null) {
            assertThat(result.rowsAccepted()).isEqualTo(rows);
        }
        if (encoding != null) {
            assertThat(result.encoding()).isEqualTo(encoding);
        }
    }
}
