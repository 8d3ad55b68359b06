package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.codelist.LabelAudit;
import org.observatory.schemas.text.Language;

class LabelsCommandTest {
    @Test
    void listsEveryUnofficialLabelAsCsvOrderedByCodelistThenCodeThenLanguageWithItsSource() throws IOException {
        CommandRun run = CommandRun.of("labels", "--format", "csv");

        assertThat(run.exit()).as(run.err()).isZero();
        List<CSVRecord> rows = csv(run.out());
        assertThat(run.out()).startsWith("codelist,code,language,status,label,source\n");
        assertThat(rows).hasSize(LabelAudit.shipped().findings().size()).hasSizeGreaterThan(1000);
        assertThat(rows)
                .isSortedAccordingTo(Comparator.comparing((CSVRecord row) -> row.get("codelist"))
                        .thenComparing(row -> row.get("code"))
                        .thenComparing(row -> Language.find(row.get("language")).orElseThrow()));
        assertThat(rows).extracting(row -> row.get("status")).doesNotContain("official", "missing");
        assertThat(rows)
                .filteredOn(row ->
                        row.get("codelist").equals("iccs") && row.get("code").equals("0101"))
                .extracting(row -> row.get("language"), row -> row.get("status"), row -> row.get("label"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pt", "translation", "Homicídio intencional"),
                        org.assertj.core.groups.Tuple.tuple("fr", "translation", "Homicide volontaire"));
        assertThat(rows)
                .filteredOn(row ->
                        row.get("codelist").equals("members") && row.get("code").equals("TTO"))
                .extracting(row -> row.get("language") + " " + row.get("status") + " " + row.get("source"))
                .containsExactly(
                        "es common usual short form; the UN short names are \"Bolivia (Estado Plurinacional de)\","
                                + " \"Trinidad y Tabago\" and \"Venezuela (República Bolivariana de)\" (codelist"
                                + " countries)",
                        "pt translation the project's translation (the usual Brazilian Portuguese names; Portuguese"
                                + " is not a UN language)");
    }

    @Test
    void onlyMissingListsNoLabelBecauseEveryCodeHasItsFourLanguages() {
        CommandRun run = CommandRun.of("labels", "--only", "missing");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        """
                        codelist  code  language  status       label
                        0 label(s). Sources: codelists/label-sources.csv (--format csv lists them).
                        """);
    }

    @Test
    void onlyUnofficialPrintsAlignedColumnsAndCountsByStatus() {
        CommandRun run = CommandRun.of("labels", "--only", "unofficial");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("(?m)^subregions +021 +pt +translation +América Setentrional$")
                .containsPattern("(?m)^cts-sections +police +en +original +Police$")
                .doesNotContainPattern("(?m)^subregions +021 +(es|en|fr) ")
                .containsPattern("(?m)^[0-9,]+ label\\(s\\): [0-9,]+ common, [0-9,]+ original, [0-9,]+ translation\\."
                        + " Sources: codelists/label-sources.csv \\(--format csv lists them\\)\\.$");
    }

    @Test
    void theHeadingsAndCountsFollowTheLanguageWhileTheLabelsAndStatusesStayAsTheyAre() {
        CommandRun english = CommandRun.of("labels", "--only", "unofficial", "--lang", "en");
        CommandRun french = CommandRun.of("labels", "--only", "unofficial", "--lang", "fr");

        assertThat(french.exit()).as(french.err()).isZero();
        assertThat(french.out())
                .startsWith("liste ")
                .containsPattern("(?m)^liste +code +langue +statut +libellé$")
                .containsPattern("(?m)^subregions +021 +pt +translation +América Setentrional$")
                .containsPattern("(?m)^[0-9\u00a0]+ libellés\u00a0: [0-9\u00a0]+ common, [0-9\u00a0]+ original,"
                        + " [0-9\u00a0]+ translation\\. Sources\u00a0: codelists/label-sources.csv"
                        + " \\(--format csv les liste\\)\\.$");
        assertThat(english.out().lines().count()).isEqualTo(french.out().lines().count());
        assertThat(CommandRun.of("labels", "--only", "unofficial", "--format", "csv", "--lang", "fr")
                        .out())
                .isEqualTo(CommandRun.of("labels", "--only", "unofficial", "--format", "csv")
                        .out());
    }

    @Test
    void rejectsAnUnknownKindWithExitTwoNamingTheAllowedOnes() {
        CommandRun run = CommandRun.of("labels", "--only", "official");

        assertThat(run.exit()).isEqualTo(ObservatoryCommand.EXIT_USAGE);
        assertThat(run.err())
                .contains("Invalid value for option '--only': expected one of [missing, unofficial] (case-sensitive)"
                        + " but was 'official'");
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }
}
